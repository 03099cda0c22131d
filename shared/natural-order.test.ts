import { describe, expect, it } from 'vitest';
import { naturalCompare } from './natural-order';

const sorted = (items: string[]) => [...items].sort(naturalCompare);

describe('naturalCompare', () => {
  it('puts sensor-2 before sensor-10, numbers anywhere in the text compared by value', () => {
    expect(sorted(['sensor-10', 'sensor-2', 'sensor-1', 'sensor-100', 'sensor-20'])).toEqual(['sensor-1', 'sensor-2', 'sensor-10', 'sensor-20', 'sensor-100']);
    expect(sorted(['v1.10', 'v1.9', 'v1.2'])).toEqual(['v1.2', 'v1.9', 'v1.10']);
    expect(sorted(['a/10/x', 'a/9/x', 'a/9'])).toEqual(['a/9', 'a/9/x', 'a/10/x']);
  });

  it('compares the rest by code unit, as a plain sort does', () => {
    expect(sorted(['b', 'a', 'B', 'ab', 'é'])).toEqual(['B', 'a', 'ab', 'b', 'é']);
    expect(sorted(['x2', 'x', 'x-'])).toEqual(['x', 'x-', 'x2']);
  });

  it('is a total order: equal values written differently still sort one way, only equal strings are 0', () => {
    expect(naturalCompare('line-07', 'line-7')).not.toBe(0);
    expect(Math.sign(naturalCompare('line-07', 'line-7'))).toBe(-Math.sign(naturalCompare('line-7', 'line-07')));
    expect(naturalCompare('line-7', 'line-7')).toBe(0);
    expect(sorted(['line-8', 'line-07', 'line-7', 'line-6'])).toEqual(['line-6', 'line-07', 'line-7', 'line-8']);
    expect(naturalCompare('0', '00')).not.toBe(0);
  });

  it('reads numbers longer than a double holds digit by digit', () => {
    expect(naturalCompare('n12345678901234567891', 'n12345678901234567890')).toBeGreaterThan(0);
    expect(naturalCompare('n99999999999999999999', 'n100000000000000000000')).toBeLessThan(0);
  });
});
