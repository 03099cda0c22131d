import { describe, expect, it } from 'vitest';
import { axisTicks, formatBytes, formatCount, formatCountOf, formatDuration, formatOffset, formatWallClock, formatWallClockMicros } from './format';

describe('formatOffset', () => {
  it('says short spans in µs and ms, longer ones in s, then minutes and seconds', () => {
    expect(formatOffset(0)).toBe('+0 µs');
    expect(formatOffset(0.812)).toBe('+812 µs');
    expect(formatOffset(29.2471)).toBe('+29.247 ms');
    expect(formatOffset(15_036.4)).toBe('+15.036 s');
    expect(formatOffset(123_400)).toBe('+2 min 03 s');
    expect(formatOffset(3_723_000)).toBe('+1 h 02 min 03 s');
    expect(formatOffset(-0.5)).toBe('−500 µs');
  });

  it('moves to the next unit when rounding reaches it', () => {
    expect(formatOffset(0.9996)).toBe('+1.000 ms');
    expect(formatOffset(999.9996)).toBe('+1.000 s');
    expect(formatOffset(59_999.6)).toBe('+1 min 00 s');
  });
});

describe('formatDuration', () => {
  it('uses the unit that suits the span', () => {
    expect(formatDuration(0.2)).toBe('200 µs');
    expect(formatDuration(29.24)).toBe('29.2 ms');
    expect(formatDuration(999.97)).toBe('1.00 s');
    expect(formatDuration(15_036)).toBe('15.04 s');
    expect(formatDuration(123_400)).toBe('2 min 03 s');
  });
});

describe('formatWallClock', () => {
  it('gives the local date and time to the millisecond', () => {
    const time = new Date(2026, 10, 29, 9, 5, 3, 7).getTime() + 0.9;
    expect(formatWallClock(time)).toBe('2026-11-29 09:05:03.007');
  });
});

describe('axisTicks', () => {
  it('starts at 0, never before, in round steps', () => {
    const ticks = axisTicks(-0.4, 10, 6);
    expect(ticks.map((tick) => tick.ms)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(ticks.map((tick) => tick.label)).toEqual(['0', '2 ms', '4 ms', '6 ms', '8 ms', '10 ms']);
  });

  it('adapts the unit: µs, ms with decimals, s, minutes', () => {
    expect(axisTicks(0, 0.9, 5).map((tick) => tick.label)).toEqual(['0', '200 µs', '400 µs', '600 µs', '800 µs']);
    expect(axisTicks(0, 2, 4).map((tick) => tick.label)).toEqual(['0', '0.5 ms', '1 ms', '1.5 ms', '2 ms']);
    expect(axisTicks(0, 12_000, 6).map((tick) => tick.label)).toEqual(['0', '2 s', '4 s', '6 s', '8 s', '10 s', '12 s']);
    expect(axisTicks(0, 300_000, 5).map((tick) => tick.label)).toEqual(['0', '1 min', '2 min', '3 min', '4 min', '5 min']);
    expect(axisTicks(0, 2_000_000, 3).map((tick) => tick.label)).toEqual(['0', '15 min', '30 min']);
    expect(axisTicks(0, 100_000, 5).map((tick) => tick.label)).toEqual(['0', '20 s', '40 s', '1 min 00 s', '1 min 20 s', '1 min 40 s']);
    expect(axisTicks(59_900, 60_100, 4).map((tick) => tick.label)).toEqual(['59.9 s', '59.95 s', '60 s', '60.05 s', '60.1 s']);
  });

  it('keeps to the window and to at most about as many ticks as asked', () => {
    for (const [start, end, max] of [[3, 7.5, 4], [0, 1e-3, 3], [100, 100_000, 8], [0, 4e6, 6]] as const) {
      const ticks = axisTicks(start, end, max);
      expect(ticks.length).toBeGreaterThan(0);
      expect(ticks.length).toBeLessThanOrEqual(max + 1);
      for (const tick of ticks) {
        expect(tick.ms).toBeGreaterThanOrEqual(start - 1e-9);
        expect(tick.ms).toBeLessThanOrEqual(end + 1e-9);
      }
    }
    expect(axisTicks(5, 5, 4)).toEqual([]);
  });
});

describe('formatBytes', () => {
  it('says a size in the unit that suits it, never 1024 of one', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(1024 * 1024 - 10)).toBe('1.0 MB');
    expect(formatBytes(23.4 * 1024 * 1024)).toBe('23 MB');
    expect(formatBytes(2 * 1024 ** 3)).toBe('2.0 GB');
    expect(formatBytes(3 * 1024 ** 5)).toBe('3072 TB');
  });
});

describe('formatCount and formatCountOf', () => {
  it('write counts one way: 200,246, and a part of a whole as 12 of 200,246', () => {
    expect(formatCount(200246)).toBe('200,246');
    expect(formatCountOf(200246, 200246)).toBe('200,246');
    expect(formatCountOf(12, 200246)).toBe('12 of 200,246');
  });
});

describe('formatWallClockMicros', () => {
  /** A local time as epoch milliseconds, plus a fraction of a millisecond. */
  const local = (day: number, hour: number, minute: number, second: number, ms: number, fraction = 0) => new Date(2026, 10, day, hour, minute, second, ms).getTime() + fraction;

  it('writes the local date and time to the microsecond', () => {
    expect(formatWallClockMicros(local(29, 21, 7, 55, 123, 0.456))).toBe('2026-11-29 21:07:55.123456');
    expect(formatWallClock(local(29, 21, 7, 55, 123, 0.456))).toBe('2026-11-29 21:07:55.123');
  });

  it('rounds past midnight into the next day', () => {
    expect(formatWallClockMicros(local(29, 23, 59, 59, 999, 0.9996))).toBe('2026-11-30 00:00:00.000000');
    expect(formatWallClockMicros(local(29, 23, 59, 59, 999, 0.999))).toBe('2026-11-29 23:59:59.999999');
  });
});
