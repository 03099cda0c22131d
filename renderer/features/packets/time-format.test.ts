// The time column's three formats at their edges: the first row, a zero or negative delta,
// rounding into the next second and past midnight, and a row whose previous one lies outside
// the rows fetched so far.
import { describe, expect, it } from 'vitest';
import { formatSeconds, formatTimeOfDay, timeCellText, TIME_FORMATS } from './time-format';

/** A local time as epoch milliseconds, plus a fraction of a millisecond. */
const local = (hour: number, minute: number, second: number, ms: number, fraction = 0) => new Date(2026, 10, 29, hour, minute, second, ms).getTime() + fraction;

describe('formatSeconds', () => {
  it('writes seconds with six decimals', () => {
    expect(formatSeconds(1204.518)).toBe('1.204518');
    expect(formatSeconds(0.031)).toBe('0.000031');
    expect(formatSeconds(3_723_000.0004)).toBe('3723.000000');
  });

  it('writes zero without a sign, and a negative span with one', () => {
    expect(formatSeconds(0)).toBe('0.000000');
    expect(formatSeconds(-0)).toBe('0.000000');
    expect(formatSeconds(-0.0004)).toBe('0.000000');
    expect(formatSeconds(-0.031)).toBe('-0.000031');
    expect(formatSeconds(-1500)).toBe('-1.500000');
  });

  it('carries rounding into the seconds', () => {
    expect(formatSeconds(999.9996)).toBe('1.000000');
  });

  it('keeps the microsecond of a difference between two trace times of today', () => {
    const publish = local(21, 7, 55, 123, 0.456);
    const puback = publish + 0.031;
    expect(formatSeconds(puback - publish)).toBe('0.000031');
  });
});

describe('formatTimeOfDay', () => {
  it('writes the local time of day to the microsecond, rounding past midnight', () => {
    expect(formatTimeOfDay(local(21, 7, 55, 123, 0.456))).toBe('21:07:55.123456');
    expect(formatTimeOfDay(local(0, 0, 0, 0))).toBe('00:00:00.000000');
    expect(formatTimeOfDay(local(23, 59, 59, 999, 0.999))).toBe('23:59:59.999999');
    expect(formatTimeOfDay(local(23, 59, 59, 999, 0.9996))).toBe('00:00:00.000000');
  });
});

describe('timeCellText', () => {
  const start = local(12, 0, 0, 0);
  /** Rows 0–9 of a long list, 1.5 ms apart; only rows 5–9 fetched. */
  const times = Array.from({ length: 10 }, (_, index) => start + 10 + index * 1.5);
  const fetched = (index: number) => (index >= 5 && index < 10 ? times[index] : undefined);
  const all = (index: number) => times[index];

  it('since start: from the connection’s start, whatever row is above', () => {
    expect(timeCellText('since-start', 5, fetched, start)).toBe('0.017500');
    expect(timeCellText('since-start', 0, all, start)).toBe('0.010000');
  });

  it('since previous: the first row is 0, the others the gap to the row above', () => {
    expect(timeCellText('since-previous', 0, all, start)).toBe('0.000000');
    expect(timeCellText('since-previous', 6, fetched, start)).toBe('0.001500');
  });

  it('since previous: waits for the row above when it is outside the rows fetched', () => {
    expect(timeCellText('since-previous', 5, fetched, start)).toBeUndefined();
    expect(timeCellText('since-previous', 5, all, start)).toBe('0.001500');
  });

  it('zero and negative gaps (packets read in one chunk; a merged capture out of order)', () => {
    const same = (index: number) => [start, start, start - 0.004][index];
    expect(timeCellText('since-previous', 1, same, start)).toBe('0.000000');
    expect(timeCellText('since-previous', 2, same, start)).toBe('-0.000004');
  });

  it('wall clock: the time of day', () => {
    expect(timeCellText('wall-clock', 9, fetched, start)).toBe('12:00:00.023500');
  });

  it('says nothing for a row not fetched yet', () => {
    for (const format of TIME_FORMATS) expect(timeCellText(format.id, 2, fetched, start)).toBeUndefined();
  });
});
