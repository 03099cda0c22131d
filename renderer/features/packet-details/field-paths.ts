// Fields of a decoded packet found by position: each has a path (its index at each level), so
// the tree and the hex dump can point at the same field.
import type { Field, Problem } from '@shared/mqtt';
import { FIELD_KEYS } from '@shared/mqtt/field-keys';

export interface ByteRange {
  offset: number;
  length: number;
}

export const contains = (range: ByteRange, index: number) => index >= range.offset && index < range.offset + range.length;
const overlaps = (a: ByteRange, b: ByteRange) => a.offset < b.offset + b.length && b.offset < a.offset + a.length;

/** The innermost field holding the byte at `index`, as a path; undefined between fields. */
export function fieldPathAt(fields: readonly Field[], index: number, prefix = ''): string | undefined {
  for (let position = 0; position < fields.length; position++) {
    const field = fields[position];
    if (!contains(field, index)) continue;
    const path = `${prefix}${position}`;
    return fieldPathAt(field.children ?? [], index, `${path}.`) ?? path;
  }
  return undefined;
}

export function fieldAtPath(fields: readonly Field[], path: string): Field | undefined {
  let level: readonly Field[] | undefined = fields;
  let found: Field | undefined;
  for (const part of path.split('.')) {
    found = level?.[Number(part)];
    level = found?.children;
  }
  return found;
}

/** The problems whose bytes lie within a field. */
export function problemsOf(field: ByteRange, problems: readonly Problem[]): Problem[] {
  return problems.filter((problem) => overlaps(field, problem.length ? problem : { offset: problem.offset, length: 1 }));
}

/** Byte ranges of fields whose value is a secret (the CONNECT password). */
export function secretRanges(fields: readonly Field[]): ByteRange[] {
  return fields.flatMap((field) => [...(field.key === FIELD_KEYS.password ? [{ offset: field.offset, length: field.length }] : []), ...secretRanges(field.children ?? [])]);
}

/** The paths of the fields a tree shows, top to bottom: the children of folded fields are hidden. */
export function shownPaths(fields: readonly Field[], folded: ReadonlySet<string>, prefix = ''): string[] {
  return fields.flatMap((field, position) => {
    const path = `${prefix}${position}`;
    const children = field.children ?? [];
    return [path, ...(children.length > 0 && !folded.has(path) ? shownPaths(children, folded, `${path}.`) : [])];
  });
}
