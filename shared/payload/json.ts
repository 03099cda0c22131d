// A payload read as JSON: strict UTF-8 text that JSON.parse accepts.
import { attempt, decoded, notDecoded, type Decoded } from './decoded';
import { decodeText } from './text';

export function decodeJson(bytes: Uint8Array): Decoded<unknown> {
  const text = decodeText(bytes);
  if (!text.ok) return notDecoded('Not JSON: not UTF-8 text');
  if (text.value.trim() === '') return notDecoded('Not JSON: empty');
  return attempt('JSON', () => decoded(JSON.parse(text.value) as unknown));
}

/** JSON as people read it: two-space indents. */
export const prettyJson = (value: unknown): string => JSON.stringify(value, null, 2);

/** Nesting written before a value is cut (a hostile payload can nest deeper than a stack). */
export const PRETTY_DEPTH = 200;

export interface PrettyStart {
  /** Indented JSON as `prettyJson` writes it, or its start. */
  text: string;
  /** Written only up to `maxChars` characters. */
  long: boolean;
  /** Nesting past PRETTY_DEPTH written as "…" (within the text returned). */
  deep: boolean;
}

/**
 * Indented JSON of a parsed value, never throwing and never longer than about `maxChars`:
 * JSON.stringify throws on deep nesting, and two-space indents make a deep payload's text
 * grow with the square of its depth.
 */
export function prettyJsonStart(value: unknown, maxChars: number): PrettyStart {
  const parts: string[] = [];
  let length = 0;
  let deep = false;
  const put = (part: string): boolean => {
    if (length >= maxChars) return false;
    parts.push(part);
    length += part.length;
    return true;
  };
  const write = (item: unknown, depth: number): boolean => {
    if (item === null || typeof item !== 'object') return put(scalarJson(item));
    if (depth >= PRETTY_DEPTH) {
      if (!put('"…"')) return false;
      deep = true;
      return true;
    }
    const entries: [string | undefined, unknown][] = Array.isArray(item) ? item.map((element) => [undefined, element]) : Object.entries(item);
    const [open, close] = Array.isArray(item) ? ['[', ']'] : ['{', '}'];
    if (entries.length === 0) return put(open + close);
    const indent = '  '.repeat(depth + 1);
    if (!put(open)) return false;
    for (let index = 0; index < entries.length; index++) {
      const [key, element] = entries[index]!;
      if (!put(`${index ? ',' : ''}\n${indent}${key === undefined ? '' : `${JSON.stringify(key)}: `}`) || !write(element, depth + 1)) return false;
    }
    return put(`\n${'  '.repeat(depth)}${close}`);
  };
  const whole = write(value, 0);
  const text = parts.join('');
  return { text: text.slice(0, maxChars), long: !whole || text.length > maxChars, deep };
}

/** What JSON.stringify writes for a value that is not an object or an array. */
const scalarJson = (value: unknown): string => (typeof value === 'number' && !Number.isFinite(value) ? 'null' : JSON.stringify(value) ?? 'null');
