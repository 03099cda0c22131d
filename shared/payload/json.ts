// A payload read as JSON: strict UTF-8 text that JSON.parse accepts, its numbers kept as sent.
import { attempt, decoded, notDecoded, type Decoded } from './decoded';
import { readJson } from './json-reader';
import { NumberAsSent, type PlainValue } from './plain-value';
import { decodeText } from './text';

export function decodeJson(bytes: Uint8Array): Decoded<PlainValue> {
  const text = decodeText(bytes);
  if (!text.ok) return notDecoded('Not JSON: not UTF-8 text');
  if (text.value.trim() === '') return notDecoded('Not JSON: empty');
  return attempt('JSON', () => decoded(readJson(text.value)));
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
export const prettyJsonStart = (value: unknown, maxChars: number): PrettyStart => jsonStart(value, maxChars, '  ');

/** A value as JSON on one line, as JSON.stringify writes it (numbers as sent), cut with "…" past `maxChars`. */
export function oneLineJson(value: unknown, maxChars: number): string {
  const { text, long } = jsonStart(value, maxChars, '');
  return long ? `${text}…` : text;
}

/** JSON of a parsed value indented by `unit` a level (none: one line), up to `maxChars`. */
function jsonStart(value: unknown, maxChars: number, unit: string): PrettyStart {
  const newline = unit ? '\n' : '';
  const colon = unit ? ': ' : ':';
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
    if (item instanceof NumberAsSent) return put(item.text);
    if (item === null || typeof item !== 'object') return put(scalarJson(item));
    if (depth >= PRETTY_DEPTH) {
      if (!put('"…"')) return false;
      deep = true;
      return true;
    }
    const entries: [string | undefined, unknown][] = Array.isArray(item) ? item.map((element) => [undefined, element]) : Object.entries(item);
    const [open, close] = Array.isArray(item) ? ['[', ']'] : ['{', '}'];
    if (entries.length === 0) return put(open + close);
    const indent = newline + unit.repeat(depth + 1);
    if (!put(open)) return false;
    for (let index = 0; index < entries.length; index++) {
      const [key, element] = entries[index]!;
      if (!put(`${index ? ',' : ''}${indent}${key === undefined ? '' : `${JSON.stringify(key)}${colon}`}`) || !write(element, depth + 1)) return false;
    }
    return put(`${newline}${unit.repeat(depth)}${close}`);
  };
  const whole = write(value, 0);
  const text = parts.join('');
  return { text: text.slice(0, maxChars), long: !whole || text.length > maxChars, deep };
}

/** What JSON.stringify writes for a value that is not an object or an array. */
const scalarJson = (value: unknown): string => (typeof value === 'number' && !Number.isFinite(value) ? 'null' : JSON.stringify(value) ?? 'null');
