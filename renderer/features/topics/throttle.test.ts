import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TrailingThrottle } from './throttle';

describe('TrailingThrottle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shows at most once every ms while changes come ten times a second, and always shows the last', () => {
    let version = 0;
    const shown: { at: number; version: number }[] = [];
    const throttle = new TrailingThrottle(500, () => shown.push({ at: Date.now(), version }), () => Date.now());
    const start = Date.now();
    for (let update = 0; update < 50; update++) {
      version++;
      throttle.changed();
      vi.advanceTimersByTime(100);
    }
    vi.advanceTimersByTime(1000);
    // 5 s of updates: about one showing every 500 ms, not fifty.
    expect(shown.length).toBeGreaterThanOrEqual(10);
    expect(shown.length).toBeLessThanOrEqual(11);
    for (let index = 1; index < shown.length; index++) expect(shown[index]!.at - shown[index - 1]!.at).toBeGreaterThanOrEqual(500);
    expect(shown[0]!.at - start).toBe(0);
    expect(shown.at(-1)!.version).toBe(50);
  });

  it('shows a lone change at once, and nothing after stop', () => {
    const show = vi.fn();
    const throttle = new TrailingThrottle(500, show, () => Date.now());
    throttle.changed();
    vi.advanceTimersByTime(0);
    expect(show).toHaveBeenCalledTimes(1);
    throttle.changed();
    throttle.stop();
    vi.advanceTimersByTime(1000);
    expect(show).toHaveBeenCalledTimes(1);
  });
});
