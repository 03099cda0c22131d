// The JSON diff by path: changed, added and removed values at any depth, keys in any order,
// array items by position, numbers as sent, and its bounds (changes listed, nesting followed).
import { describe, expect, it } from 'vitest';
import { PRETTY_DEPTH } from './json';
import { diffJson, jsonChangeText, keyStep, nestsDeeperThan, valueText } from './json-diff';
import { readJson } from './json-reader';
import { NumberAsSent } from './plain-value';
import { JSON_DIFF_VALUE_CHARS } from '../limits';

const diffOf = (before: string, after: string, maxChanges?: number) => diffJson(readJson(before), readJson(after), maxChanges);
const textOf = (before: string, after: string) => diffOf(before, after)!.changes.map(jsonChangeText);

describe('diffJson', () => {
  it('names a changed value by its path', () => {
    expect(textOf('{"a":{"b":20.5,"c":1}}', '{"a":{"b":21,"c":1}}')).toEqual(['$.a.b: 20.5 → 21']);
    expect(diffOf('{"a":{"b":20.5}}', '{"a":{"b":21}}')!.changes).toEqual([{ kind: 'changed', path: '$.a.b', before: 20.5, after: 21 }]);
  });

  it('lists keys removed and added, whatever the order of the keys', () => {
    expect(textOf('{"keep":1,"gone":"old","moved":true}', '{"moved":true,"new":{"x":[1,2]},"keep":1}')).toEqual(['- $.gone: "old"', '+ $.new: {"x":[1,2]}']);
  });

  it('compares array items by position: changed, added at the end, removed from the end', () => {
    expect(textOf('{"items":[1,2,3]}', '{"items":[1,5,3,4]}')).toEqual(['$.items[1]: 2 → 5', '+ $.items[3]: 4']);
    expect(textOf('[{"id":1},{"id":2}]', '[{"id":1}]')).toEqual(['- $[1]: {"id":2}']);
    expect(textOf('{"m":[[1,2],[3,4]]}', '{"m":[[1,2],[3,5]]}')).toEqual(['$.m[1][1]: 4 → 5']);
  });

  it('says a value changed kind: a number to a string, an object to an array, null to a value', () => {
    expect(textOf('{"a":1,"b":{},"c":null,"d":[]}', '{"a":"1","b":[],"c":0,"d":[]}')).toEqual(['$.a: 1 → "1"', '$.b: {} → []', '$.c: null → 0']);
    expect(textOf('21.5', '22')).toEqual(['$: 21.5 → 22']);
  });

  it('compares numbers as sent: 51 and 51.0 differ, 1e3 and 1e3 do not', () => {
    expect(textOf('{"t":51,"k":1e3,"z":-0,"big":12345678901234567890}', '{"t":51.0,"k":1e3,"z":0,"big":12345678901234567891}')).toEqual([
      '$.t: 51 → 51.0',
      '$.z: -0 → 0',
      '$.big: 12345678901234567890 → 12345678901234567891',
    ]);
  });

  it('finds nothing between values that differ only in spacing and key order', () => {
    expect(diffOf('{"a": [1, {"b": null}], "c": "x"}', '{"c":"x","a":[1,{"b":null}]}')).toEqual({ changes: [], more: false });
  });

  it('writes a key that is not a plain name in brackets', () => {
    expect(textOf('{"a b":{"é":1,"x.y":2,"_ok$":3}}', '{"a b":{"é":2,"x.y":3,"_ok$":4}}')).toEqual(['$["a b"]["é"]: 1 → 2', '$["a b"]["x.y"]: 2 → 3', '$["a b"]._ok$: 3 → 4']);
    expect(keyStep('')).toBe('[""]');
    expect(keyStep('0')).toBe('["0"]');
  });

  it('stops at the changes it may list, and says there are more', () => {
    const many = (leaf: number) => JSON.stringify(Array(50).fill(leaf));
    const diff = diffOf(many(1), many(2), 10)!;
    expect(diff.changes).toHaveLength(10);
    expect(diff.more).toBe(true);
    expect(diffOf(many(1), many(2), 50)!.more).toBe(false);
  });

  it('declines values nested deeper than it follows (they are compared as text)', () => {
    const nested = (depth: number, leaf: number) => `${'['.repeat(depth)}${leaf}${']'.repeat(depth)}`;
    expect(diffOf(nested(PRETTY_DEPTH, 1), nested(PRETTY_DEPTH, 2))!.changes).toHaveLength(1);
    expect(diffOf(nested(PRETTY_DEPTH + 1, 1), nested(PRETTY_DEPTH + 1, 2))).toBeUndefined();
    expect(diffOf('1', nested(100_000, 1))).toBeUndefined();
  });
});

describe('nestsDeeperThan', () => {
  it('counts the levels of arrays and objects, not of scalars', () => {
    expect(nestsDeeperThan(1, 0)).toBe(false);
    expect(nestsDeeperThan([], 0)).toBe(true);
    expect(nestsDeeperThan(readJson('{"a":[{"b":1}]}'), 3)).toBe(false);
    expect(nestsDeeperThan(readJson('{"a":[{"b":[]}]}'), 3)).toBe(true);
  });
});

describe('valueText', () => {
  it('writes a value on one line, numbers as sent, and cuts a long one', () => {
    expect(valueText(readJson('{"a": [1, 51.0], "b": "x"}'))).toBe('{"a":[1,51.0],"b":"x"}');
    expect(valueText(new NumberAsSent('1e3'))).toBe('1e3');
    const long = valueText(readJson(JSON.stringify('x'.repeat(1000))));
    expect(long).toHaveLength(JSON_DIFF_VALUE_CHARS + 1);
    expect(long.endsWith('…')).toBe(true);
  });
});
