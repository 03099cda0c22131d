import { describe, expect, it } from 'vitest';
import { jsonCopy } from './json-copy';

const text = (words: string) => new TextEncoder().encode(words);

describe('jsonCopy', () => {
  it('copies indented JSON', () => {
    expect(jsonCopy(text('{"a":[1,2]}'))).toBe('{\n  "a": [\n    1,\n    2\n  ]\n}');
  });

  it('copies nesting too deep to indent whole as the text sent, not cut', () => {
    const deep = `${'['.repeat(5000)}1${']'.repeat(5000)}`;
    expect(jsonCopy(text(deep))).toBe(deep);
  });

  it('says why what is not JSON cannot be copied as JSON', () => {
    expect(() => jsonCopy(text('{'))).toThrow(/Not JSON/);
  });
});
