// Two JSON values compared by structure, not by lines: each difference named by its path
// (`$.a.b`, `$.items[2]`, `$["odd key"]`) as changed, added or removed. Keys are matched by name
// whatever their order; array items by position. Numbers compare as sent (`51` → `51.0` is a change).
import { oneLineJson, PRETTY_DEPTH } from './json';
import { NumberAsSent, numberText, type PlainValue } from './plain-value';
import { JSON_DIFF_CHANGES, JSON_DIFF_VALUE_CHARS } from '../limits';

export type JsonChange =
  | { kind: 'changed'; path: string; before: PlainValue; after: PlainValue }
  | { kind: 'added'; path: string; after: PlainValue }
  | { kind: 'removed'; path: string; before: PlainValue };

export interface JsonDiff {
  /** In the order of the values: the earlier value's keys, then the keys only the later one has. */
  changes: JsonChange[];
  /** More than JSON_DIFF_CHANGES differences: only the first are listed. */
  more: boolean;
}

type Container = PlainValue[] | { [key: string]: PlainValue };

const isContainer = (value: PlainValue): value is Container => value !== null && typeof value === 'object' && !(value instanceof NumberAsSent);
const isObject = (value: PlainValue): value is { [key: string]: PlainValue } => isContainer(value) && !Array.isArray(value);

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** A key's step in a path: `.name`, or `["a key"]` when it is not a plain name. */
export const keyStep = (key: string): string => (IDENTIFIER.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`);

function sameScalar(before: PlainValue, after: PlainValue): boolean {
  const number = (value: PlainValue) => typeof value === 'number' || value instanceof NumberAsSent;
  if (number(before) && number(after)) return numberText(before as number | NumberAsSent) === numberText(after as number | NumberAsSent);
  return before === after;
}

/** Whether a value nests deeper than `limit` levels (found without recursion: it may nest deeper than a stack). */
export function nestsDeeperThan(value: PlainValue, limit: number): boolean {
  const stack: [PlainValue, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (!isContainer(item)) continue;
    if (depth >= limit) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) if (isContainer(child)) stack.push([child, depth + 1]);
  }
  return false;
}

/** The differences from `before` to `after`; undefined when either nests deeper than PRETTY_DEPTH
 *  (such payloads are compared as text, as their indented JSON would be cut). */
export function diffJson(before: PlainValue, after: PlainValue, maxChanges = JSON_DIFF_CHANGES): JsonDiff | undefined {
  if (nestsDeeperThan(before, PRETTY_DEPTH) || nestsDeeperThan(after, PRETTY_DEPTH)) return undefined;
  const changes: JsonChange[] = [];
  let more = false;
  /** False once the list is full. */
  const note = (change: JsonChange): boolean => {
    if (changes.length >= maxChanges) {
      more = true;
      return false;
    }
    changes.push(change);
    return true;
  };
  const walk = (left: PlainValue, right: PlainValue, path: string): boolean => {
    if (Array.isArray(left) && Array.isArray(right)) {
      for (let index = 0; index < Math.max(left.length, right.length); index++) {
        const at = `${path}[${index}]`;
        if (index >= right.length) {
          if (!note({ kind: 'removed', path: at, before: left[index] })) return false;
        } else if (index >= left.length) {
          if (!note({ kind: 'added', path: at, after: right[index] })) return false;
        } else if (!walk(left[index], right[index], at)) return false;
      }
      return true;
    }
    if (isObject(left) && isObject(right)) {
      for (const key of Object.keys(left)) {
        const at = path + keyStep(key);
        if (!(Object.hasOwn(right, key) ? walk(left[key], right[key], at) : note({ kind: 'removed', path: at, before: left[key] }))) return false;
      }
      for (const key of Object.keys(right)) {
        if (!Object.hasOwn(left, key) && !note({ kind: 'added', path: path + keyStep(key), after: right[key] })) return false;
      }
      return true;
    }
    // Two scalars, or values of different kinds (an object and an array, a number and a string).
    return isContainer(left) || isContainer(right) || !sameScalar(left, right) ? note({ kind: 'changed', path, before: left, after: right }) : true;
  };
  walk(before, after, '$');
  return { changes, more };
}

/** A value beside its path: one line of JSON, numbers as sent, cut past JSON_DIFF_VALUE_CHARS. */
export const valueText = (value: PlainValue): string => oneLineJson(value, JSON_DIFF_VALUE_CHARS);

/** A change as one line of text: `$.a.b: 20.5 → 21`, `+ $.c: {"x":1}`, `- $.d: "old"`. */
export function jsonChangeText(change: JsonChange): string {
  switch (change.kind) {
    case 'changed':
      return `${change.path}: ${valueText(change.before)} → ${valueText(change.after)}`;
    case 'added':
      return `+ ${change.path}: ${valueText(change.after)}`;
    case 'removed':
      return `- ${change.path}: ${valueText(change.before)}`;
  }
}
