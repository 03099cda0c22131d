// What the command line prints of one packet has a bound. A decoded field tree is 70–270× the
// packet it describes: printed whole, a 5.5 MB SUBSCRIBE would be a string past what V8 can
// hold. JSON lines are for programs: every value is kept whole while the line has room, and
// past its budget the rest is left out with `"truncated": true` on each object that lost
// something — never a note inside a value, which a program would read as data. Text lines are
// for people, and cut each long string for the screen. Printing never throws.
import { MAX_LINE_CHARS, MAX_TEXT_CHARS } from '../engine/limits';

interface Room {
  left: number;
}

/** JSON of `value` in about `budget` characters; what did not fit is left out, and said so. */
export function boundedJson(value: unknown, budget = MAX_LINE_CHARS): string {
  try {
    return JSON.stringify(fit(value, { left: budget })[0]);
  } catch (error) {
    return JSON.stringify({ event: 'print-error', message: `This could not be printed: ${(error as Error).message}` });
  }
}

/** `value` as far as it fits in `room`; `cut` when anything was left out. Walks only what it keeps. */
function fit(value: unknown, room: Room, seen = new Set<object>()): [kept: unknown, cut: boolean] {
  const withJson = value as { toJSON?: () => unknown } | null;
  if (typeof withJson?.toJSON === 'function') value = withJson.toJSON();
  if (typeof value === 'string') return fitString(value, room);
  if (value === null || typeof value !== 'object') {
    room.left -= JSON.stringify(value)?.length ?? 4;
    return [value, false];
  }
  if (seen.has(value)) throw new TypeError('the value refers to itself');
  seen.add(value);
  room.left -= 2;
  try {
    if (Array.isArray(value)) {
      const kept: unknown[] = [];
      for (const item of value) {
        if (room.left <= 0) return [kept, true];
        room.left -= 1;
        const [keptItem, cut] = fit(item, room, seen);
        kept.push(keptItem);
        if (cut) return [kept, true];
      }
      return [kept, false];
    }
    const kept: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined || typeof item === 'function') continue;
      const cost = key.length + 4;
      if (room.left < cost) return [{ ...kept, truncated: true }, true];
      room.left -= cost;
      const [keptItem, cut] = fit(item, room, seen);
      kept[key] = keptItem;
      if (cut) return [{ ...kept, truncated: true }, true];
    }
    return [kept, false];
  } finally {
    seen.delete(value);
  }
}

/** The string whole, or its start: an even count of characters (cut hex stays whole bytes) that ends no surrogate pair halfway. */
function fitString(text: string, room: Room): [kept: string, cut: boolean] {
  const length = JSON.stringify(text).length;
  if (length <= room.left) {
    room.left -= length;
    return [text, false];
  }
  let keep = text.length;
  let size = length;
  while (keep > 0 && size > room.left) {
    // Escapes make the JSON longer than the text: shrink in proportion, at least by two.
    keep = Math.min(keep - 2, Math.floor((keep * (room.left - 2)) / size));
    keep -= keep % 2;
    if (keep > 0 && isHighSurrogate(text.charCodeAt(keep - 1))) keep -= 2;
    keep = Math.max(keep, 0);
    size = JSON.stringify(text.slice(0, keep)).length;
  }
  room.left = 0;
  return [text.slice(0, keep), true];
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/** `text` up to `max` characters; longer, its start and its full length. For people, not programs. */
export function cutText(text: string, max = MAX_TEXT_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters in all)`;
}
