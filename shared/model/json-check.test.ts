// The JSON check against the engine's own JSON.parse: the same texts pass and fail, and a failure
// says where.
import { describe, expect, it } from 'vitest';
import { findJsonProblem } from './json-check';
import { MAX_JSON_DEPTH } from '../limits';

const valid = ['{}', '[]', '0', '-1.5e+3', '"a\\u00e9\\n"', ' {"a": [1, true, null, {"b": "c"}]} ', 'false', '"é ☃ 😀"'];
const invalid = ['', '{', '{"a" 1}', '{"a": 1,}', '[1 2]', '01', '"\t"', '"\\x"', 'nul', '{} x', "{'a': 1}", '1.', '-', '"\\u12g4"'];

describe('findJsonProblem', () => {
  it('agrees with JSON.parse on which texts are JSON', () => {
    for (const text of valid) {
      expect(() => JSON.parse(text), text).not.toThrow();
      expect(findJsonProblem(text), text).toBeUndefined();
    }
    for (const text of invalid) {
      expect(() => JSON.parse(text), text).toThrow();
      expect(findJsonProblem(text), text).toBeDefined();
    }
  });

  it('says the line and column of the first token that does not fit', () => {
    expect(findJsonProblem('{\n  "a": 1,\n  }')).toEqual({ message: 'Unexpected token “}” at line 3 column 3', line: 3, column: 3 });
    expect(findJsonProblem('{"a": 1')?.message).toBe('Unexpected end of JSON at line 1 column 8');
    expect(findJsonProblem('[1,\n2 3]')?.message).toBe('Unexpected token “3” at line 2 column 3');
  });

  it('checks nesting up to its bound and refuses deeper, saying where', () => {
    const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
    expect(findJsonProblem(nested(MAX_JSON_DEPTH))).toBeUndefined();
    expect(findJsonProblem(nested(MAX_JSON_DEPTH + 1))?.message).toBe(`Nested deeper than ${MAX_JSON_DEPTH} levels at line 1 column ${MAX_JSON_DEPTH + 1}`);
    expect(findJsonProblem('['.repeat(1_000_000))?.message).toMatch(/^Nested deeper/);
  });
});
