import { describe, expect, it } from 'vitest';
import { diffPayloads } from './diff';
import { DIFF_CHARS } from './limits';

const text = (words: string) => new TextEncoder().encode(words);
const lines = (diff: ReturnType<typeof diffPayloads>, kind: 'added' | 'removed') => (diff.changes ?? []).filter((change) => change[kind]).map((change) => change.value);

describe('diffPayloads', () => {
  it('compares JSON as indented JSON: one changed value is one changed line', () => {
    const diff = diffPayloads(text('{"n":4985,"unit":"mm"}'), text('{"n":4986,"unit":"mm"}'));
    expect(diff.as).toBe('JSON');
    expect(lines(diff, 'removed')).toEqual(['  "n": 4985,\n']);
    expect(lines(diff, 'added')).toEqual(['  "n": 4986,\n']);
    expect(diff.cut).toBe(false);
  });

  it('compares text line by line, and bytes as hex lines', () => {
    expect(lines(diffPayloads(text('a\nb'), text('a\nc')), 'added')).toEqual(['c\n']);
    const bytes = diffPayloads(Uint8Array.of(0xff, 1), Uint8Array.of(0xff, 2));
    expect(bytes.as).toBe('hex');
    expect(lines(bytes, 'added')[0]).toMatch(/^00000000  ff 02/);
  });

  it('says nothing changed for the same payload', () => {
    const diff = diffPayloads(text('same'), text('same'));
    expect(diff.changes?.every((change) => !change.added && !change.removed)).toBe(true);
  });

  it('compares only the start of a long payload, and says so', () => {
    const long = 'x\n'.repeat(DIFF_CHARS);
    const diff = diffPayloads(text(long), text(`${long}y`));
    expect(diff.cut).toBe(true);
  });
});
