import { describe, expect, it } from 'vitest';
import { diffPayloads, type JsonPayloadDiff, type LinePayloadDiff } from './diff';
import { DECODE_BYTES, DIFF_CHARS } from '../limits';

const text = (words: string) => new TextEncoder().encode(words);
const byLines = (diff: ReturnType<typeof diffPayloads>): LinePayloadDiff => {
  expect(diff.as).not.toBe('JSON');
  return diff as LinePayloadDiff;
};
const lines = (diff: ReturnType<typeof diffPayloads>, kind: 'added' | 'removed') => (byLines(diff).lines ?? []).filter((change) => change[kind]).map((change) => change.value);

describe('diffPayloads', () => {
  it('compares JSON by path: one changed value is one change, whatever the spacing and key order', () => {
    const diff = diffPayloads(text('{"n":4985,"unit":"mm"}'), text('{\n  "unit": "mm",\n  "n": 4986\n}'));
    expect(diff).toEqual({ as: 'JSON', changes: [{ kind: 'changed', path: '$.n', before: 4985, after: 4986 }], more: false } satisfies JsonPayloadDiff);
  });

  it('compares by lines when either side is not JSON', () => {
    const diff = diffPayloads(text('{"n":1}'), text('n=2'));
    expect(diff.as).toBe('text');
    expect(lines(diff, 'added')).toEqual(['n=2\n']);
  });

  it('compares text line by line, and bytes as hex lines', () => {
    expect(lines(diffPayloads(text('a\nb'), text('a\nc')), 'added')).toEqual(['c\n']);
    const bytes = diffPayloads(Uint8Array.of(0xff, 1), Uint8Array.of(0xff, 2));
    expect(bytes.as).toBe('hex');
    expect(lines(bytes, 'added')[0]).toMatch(/^00000000  ff 02/);
  });

  it('says nothing changed for the same payload', () => {
    const diff = byLines(diffPayloads(text('same'), text('same')));
    expect(diff.lines?.every((change) => !change.added && !change.removed)).toBe(true);
    expect(diffPayloads(text('{"a":[1,2]}'), text('{ "a": [1, 2] }'))).toEqual({ as: 'JSON', changes: [], more: false });
  });

  it('compares only the start of a long payload, and says so', () => {
    const long = 'x\n'.repeat(DIFF_CHARS);
    const diff = byLines(diffPayloads(text(long), text(`${long}y`)));
    expect(diff.cut).toBe(true);
  });

  it('never throws on JSON nested deeper than JSON.stringify can write: compares it as text', () => {
    const deep = (leaf: string) => text(`${'['.repeat(100_000)}${leaf}${']'.repeat(100_000)}`);
    expect(() => JSON.stringify(JSON.parse(new TextDecoder().decode(deep('1'))), null, 2)).toThrow(RangeError);
    const diff = byLines(diffPayloads(deep('1'), deep('2')));
    expect(diff.as).toBe('text');
    expect(diff.cut).toBe(true);
  });

  it('compares JSON nested a few hundred levels as text, so a change below the depth followed is not hidden', () => {
    const deep = (leaf: string) => text(`${'['.repeat(300)}${leaf}${']'.repeat(300)}`);
    const diff = diffPayloads(deep('1'), deep('2'));
    expect(diff.as).toBe('text');
    expect(lines(diff, 'added')).toEqual([`${'['.repeat(300)}2${']'.repeat(300)}\n`]);
  });

  it('lists the first changes of JSON that differs everywhere, and says there are more', () => {
    const wide = (leaf: number) => text(`${'['.repeat(150)}${Array(5000).fill(leaf).join(',')}${']'.repeat(150)}`);
    const diff = diffPayloads(wide(1), wide(2)) as JsonPayloadDiff;
    expect(diff.as).toBe('JSON');
    expect(diff.more).toBe(true);
    expect(diff.changes[0]).toEqual({ kind: 'changed', path: `$${'[0]'.repeat(150)}`, before: 1, after: 2 });
  });

  it('does not read payloads over the decode bound as JSON', () => {
    const huge = (leaf: number) => text(`[${Array(DECODE_BYTES / 2).fill(leaf).join(',')}]`);
    const diff = byLines(diffPayloads(huge(1), huge(2)));
    expect(diff.as).toBe('text');
    expect(diff.cut).toBe(true);
  });
});
