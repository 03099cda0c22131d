import { describe, expect, it } from 'vitest';
import { diffPayloads } from '@shared/payload/diff';
import { diffLinesOf, diffText } from './diff-lines';

const text = (words: string) => new TextEncoder().encode(words);

describe('diffLinesOf', () => {
  it('splits changes into marked lines, and writes them as diff -u marks them', () => {
    const lines = diffLinesOf(diffPayloads(text('{"n":1,"u":"mm"}'), text('{"n":2,"u":"mm"}')));
    expect(lines).toEqual([
      { kind: 'same', text: '{' },
      { kind: 'removed', text: '  "n": 1,' },
      { kind: 'added', text: '  "n": 2,' },
      { kind: 'same', text: '  "u": "mm"' },
      { kind: 'same', text: '}' },
    ]);
    expect(diffText(lines)).toBe('  {\n-   "n": 1,\n+   "n": 2,\n    "u": "mm"\n  }');
  });

  it('has no lines when the diff gave up', () => {
    expect(diffLinesOf({ as: 'text', changes: undefined, cut: false })).toEqual([]);
  });
});
