import { describe, expect, it } from 'vitest';
import { formatPath, MISSING, numericPaths, parsePath, valueAt } from './json-path';

describe('JSON paths', () => {
  it('reads the paths people write', () => {
    expect(parsePath('temp')).toEqual(['temp']);
    expect(parsePath('a.b')).toEqual(['a', 'b']);
    expect(parsePath('sensor.values[0]')).toEqual(['sensor', 'values', 0]);
    expect(parsePath('[2].x')).toEqual([2, 'x']);
    expect(parsePath('a["b.c"]["d e"]')).toEqual(['a', 'b.c', 'd e']);
  });

  it('refuses what is not a path, without throwing', () => {
    for (const path of ['', '.a', 'a.', 'a..b', 'a[', 'a[x]', 'a["b]', 'a b', 'a]']) expect(parsePath(path), path).toBeUndefined();
  });

  it('writes paths that read back to the same steps', () => {
    const odd = [['temp'], ['a', 'b', 3, 'c'], ['with.dot', 'with space', ''], [0, 'x'], ['é', '"quoted"']];
    for (const steps of odd) expect(parsePath(formatPath(steps))).toEqual(steps);
    expect(formatPath(['sensor', 'values', 0])).toBe('sensor.values[0]');
  });

  it('finds a value at a path, or says it is missing', () => {
    const value = { sensor: { values: [1.5, 2.5] }, zero: 0, 'a.b': 7 };
    expect(valueAt(value, ['sensor', 'values', 1])).toBe(2.5);
    expect(valueAt(value, ['zero'])).toBe(0);
    expect(valueAt(value, ['a.b'])).toBe(7);
    expect(valueAt(value, ['sensor', 'values', 2])).toBe(MISSING);
    expect(valueAt(value, ['zero', 'x'])).toBe(MISSING);
    expect(valueAt(value, ['toString'])).toBe(MISSING);
    expect(valueAt(42, ['x'])).toBe(MISSING);
  });

  it('lists the paths of the numbers in a value in document order, bounded', () => {
    expect(numericPaths({ temp: 20.5, name: 'kitchen', on: true, sensor: { values: [1, 'x', 3] }, nothing: null })).toEqual(['temp', 'sensor.values[0]', 'sensor.values[2]']);
    expect(numericPaths(21.5)).toEqual([]);
    expect(numericPaths({ samples: Array.from({ length: 1000 }, (_, n) => n) })).toHaveLength(50);
    let deep: unknown = 1;
    for (let level = 0; level < 40; level++) deep = { d: deep };
    expect(numericPaths(deep)).toEqual([]);
  });
});
