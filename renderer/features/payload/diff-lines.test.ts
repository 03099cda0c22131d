import { describe, expect, it } from 'vitest';
import { diffPayloads, type LinePayloadDiff } from '@shared/payload/diff';
import { diffLinesOf, diffText } from './diff-lines';

const text = (words: string) => new TextEncoder().encode(words);

describe('diffLinesOf', () => {
  it('splits changes into marked lines, and writes them as diff -u marks them', () => {
    const lines = diffLinesOf(diffPayloads(text('n=1\nunit: mm\nok'), text('n=2\nunit: mm\nok')) as LinePayloadDiff);
    expect(lines).toEqual([
      { kind: 'removed', text: 'n=1' },
      { kind: 'added', text: 'n=2' },
      { kind: 'same', text: 'unit: mm' },
      { kind: 'same', text: 'ok' },
    ]);
    expect(diffText(lines)).toBe('- n=1\n+ n=2\n  unit: mm\n  ok');
  });

  it('has no lines when the diff gave up', () => {
    expect(diffLinesOf({ as: 'text', lines: undefined, cut: false })).toEqual([]);
  });
});
