import { describe, expect, it } from 'vitest';
import { diffPayloads } from './diff';
import { DECODE_BYTES, DIFF_CHARS } from './limits';

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

  it('never throws on JSON nested deeper than JSON.stringify can write: compares it as text', () => {
    const deep = (leaf: string) => text(`${'['.repeat(100_000)}${leaf}${']'.repeat(100_000)}`);
    expect(() => JSON.stringify(JSON.parse(new TextDecoder().decode(deep('1'))), null, 2)).toThrow(RangeError);
    const diff = diffPayloads(deep('1'), deep('2'));
    expect(diff.as).toBe('text');
    expect(diff.cut).toBe(true);
  });

  it('compares JSON nested a few hundred levels as text, so a change below the depth written is not hidden', () => {
    const deep = (leaf: string) => text(`${'['.repeat(300)}${leaf}${']'.repeat(300)}`);
    const diff = diffPayloads(deep('1'), deep('2'));
    expect(diff.as).toBe('text');
    expect(lines(diff, 'added')).toEqual([`${'['.repeat(300)}2${']'.repeat(300)}\n`]);
  });

  it('compares only the start of JSON whose indents grow long, and says so', () => {
    const wide = (leaf: number) => text(`${'['.repeat(150)}${Array(5000).fill(leaf).join(',')}${']'.repeat(150)}`);
    const diff = diffPayloads(wide(1), wide(2));
    expect(diff.as).toBe('JSON');
    expect(diff.cut).toBe(true);
    expect(lines(diff, 'added').join('').length).toBeLessThanOrEqual(DIFF_CHARS + 1);
  });

  it('does not read payloads over the decode bound as JSON', () => {
    const huge = (leaf: number) => text(`[${Array(DECODE_BYTES / 2).fill(leaf).join(',')}]`);
    const diff = diffPayloads(huge(1), huge(2));
    expect(diff.as).toBe('text');
    expect(diff.cut).toBe(true);
  });
});
