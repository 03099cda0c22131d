// The JSON reader against the engine's own JSON.parse: the same texts pass and fail and read as
// the same values, except that a number JSON.parse would write back differently keeps its text.
import { describe, expect, it } from 'vitest';
import { decodeJson, prettyJsonStart } from './json';
import { JsonSyntaxError, readJson } from './json-reader';
import { NumberAsSent, numberText, toPlain } from './plain-value';

const valid = ['{}', '[]', '0', '-1.5e+3', '"a\\u00e9\\n"', ' {"a": [1, true, null, {"b": "c"}]} ', 'false', '"é ☃ 😀"', '[[], {}, [[1]], {"a": {}}]', '"\\ud83d\\ude00 \\" \\\\ \\/ \\b\\f\\n\\r\\t"', '{"a":1,"a":2}', '\t\r\n 7 \n'];
const invalid = ['', ' ', '{', '{"a" 1}', '{"a": 1,}', '[1 2]', '[1,]', '01', '"\t"', '"\\x"', 'nul', '{} x', "{'a': 1}", '1.', '-', '"\\u12g4"', '[', ']', '{"a"}', '{1: 2}', '"abc', '+1', '.5', 'NaN', 'Infinity', '[1]]', 'true false'];

/** The value with each number as JSON.parse reads it. */
const parsed = (value: unknown): unknown =>
  value instanceof NumberAsSent ? value.value : Array.isArray(value) ? value.map(parsed) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([key, item]) => [key, parsed(item)])) : value;

describe('readJson', () => {
  it('agrees with JSON.parse on which texts are JSON, and on what they say', () => {
    for (const text of valid) expect(parsed(readJson(text)), text).toEqual(JSON.parse(text));
    for (const text of invalid) {
      expect(() => JSON.parse(text), text).toThrow();
      expect(() => readJson(text), text).toThrow(JsonSyntaxError);
    }
  });

  it('keeps the text of numbers JSON.parse would change: 51.0, 1e3, 12345678901234567890, -0', () => {
    const read = readJson('{"t":51.0,"k":1e3,"big":12345678901234567890,"z":-0,"plain":[21.5,4985,-3,0.1,1e-7]}');
    expect(read).toEqual({ t: new NumberAsSent('51.0'), k: new NumberAsSent('1e3'), big: new NumberAsSent('12345678901234567890'), z: new NumberAsSent('-0'), plain: [21.5, 4985, -3, 0.1, 1e-7] });
    const { t, big, z } = read as Record<string, NumberAsSent>;
    expect([t.value, big.value, Object.is(z.value, -0)]).toEqual([51, 12345678901234567000, true]);
    // What JSON.parse would have shown.
    expect(JSON.parse('[51.0,1e3,12345678901234567890]').join()).toBe('51,1000,12345678901234567000');
  });

  it('says where the text stops being JSON, by line and column', () => {
    const problem = (text: string) => {
      try {
        readJson(text);
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(problem('{\n  "a": 1,\n  }')).toBe('Unexpected token “}” at line 3 column 3');
    expect(problem('{"a": 1')).toBe('Unexpected end of JSON at line 1 column 8');
    expect(problem('[1,\n2 3]')).toBe('Unexpected token “3” at line 2 column 3');
    expect(problem('["a\u0001"]')).toBe('A control character must be escaped inside a string at line 1 column 4');
  });

  it('reads nesting deeper than the call stack, and refuses past a bound when given one', () => {
    const nested = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;
    let value = readJson(nested(100_000));
    let depth = 0;
    while (Array.isArray(value)) [value, depth] = [value[0], depth + 1];
    expect([value, depth]).toEqual([1, 100_000]);
    expect(() => readJson(nested(10), { maxDepth: 10 })).not.toThrow();
    expect(() => readJson(nested(11), { maxDepth: 10 })).toThrow('Nested deeper than 10 levels at line 1 column 11');
  });

  it('makes a key named __proto__ the object’s own, as JSON.parse does', () => {
    const read = readJson('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(read)).toBe(Object.prototype);
    expect(Object.keys(read)).toEqual(['__proto__', 'a']);
    expect(toPlain(read)).toEqual(read);
    expect(Object.getPrototypeOf(toPlain(read))).toBe(Object.prototype);
  });
});

describe('numbers as sent, through what reads a JSON payload', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);

  it('the tree’s value, the indented copy and JSON.stringify keep them', () => {
    const read = decodeJson(bytes('{"t":51.0,"k":1e3,"big":12345678901234567890,"z":-0}'));
    expect(read.ok).toBe(true);
    const value = read.ok ? toPlain(read.value) : null;
    expect(prettyJsonStart(value, 1000).text).toBe('{\n  "t": 51.0,\n  "k": 1e3,\n  "big": 12345678901234567890,\n  "z": -0\n}');
    const stringified = JSON.stringify(value);
    // Engines with JSON.rawJSON (Chromium) write the text as sent; others (Node 20) the number.
    expect(['{"t":51.0,"k":1e3,"big":12345678901234567890,"z":-0}', '{"t":51,"k":1000,"big":12345678901234567000,"z":0}']).toContain(stringified);
  });

  it('numberText writes either kind as sent', () => {
    expect(numberText(21.5)).toBe('21.5');
    expect(numberText(new NumberAsSent('51.0'))).toBe('51.0');
  });
});
