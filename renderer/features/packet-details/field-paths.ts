// Fields of a decoded packet found by position: each has a path (its index at each level), so
// the tree and the hex dump can point at the same field.
import type { Field, Problem } from '@shared/mqtt';
import { FIELD_KEYS } from '@shared/mqtt/field-keys';
import { isSecret, secretRanges } from '@shared/mqtt/secrets';

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

/** Byte ranges of the secrets an export blanks (the password, every Authentication Data): the
 *  one rule of shared/mqtt/secrets.ts, as ranges the hex dump reads. */
export function maskedRanges(fields: readonly Field[]): ByteRange[] {
  return secretRanges(fields).map(([from, to]) => ({ offset: from, length: to - from }));
}

/** What the reveal button names: the password, the authentication data, or both as secrets. */
export function secretsName(fields: readonly Field[]): string {
  const found = new Set<string>();
  const walk = (list: readonly Field[]) => list.forEach((field) => (isSecret(field) ? found.add(field.key === FIELD_KEYS.password ? 'password' : 'authentication data') : walk(field.children ?? [])));
  walk(fields);
  return found.size === 1 ? [...found][0] : 'secrets';
}

/** The paths of the fields a tree shows, top to bottom: the children of folded fields are hidden. */
export function shownPaths(fields: readonly Field[], folded: ReadonlySet<string>, prefix = ''): string[] {
  return fields.flatMap((field, position) => {
    const path = `${prefix}${position}`;
    const children = field.children ?? [];
    return [path, ...(children.length > 0 && !folded.has(path) ? shownPaths(children, folded, `${path}.`) : [])];
  });
}

/** The paths of every field with children, at any depth: what "Collapse all" folds. */
export function foldablePaths(fields: readonly Field[], prefix = ''): string[] {
  return fields.flatMap((field, position) => {
    const path = `${prefix}${position}`;
    const children = field.children ?? [];
    return children.length > 0 ? [path, ...foldablePaths(children, `${path}.`)] : [];
  });
}
