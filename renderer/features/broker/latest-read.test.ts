// The rule of the broker views' re-reads, on fake timers: not starved by changes that keep coming, never answered out of order.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LatestRead, REREAD_MS } from './latest-read';

/** Reads the test answers by hand, in any order. */
function reads() {
  const pending: { resolve: (value: number) => void; reject: (error: Error) => void }[] = [];
  const read = () => new Promise<number>((resolve, reject) => pending.push({ resolve, reject }));
  return { pending, read };
}

const settle = async () => {
  for (let turn = 0; turn < 3; turn++) await Promise.resolve();
};

describe('LatestRead', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reads every REREAD_MS while changes keep coming (a debounce would never read), and once more after the last', async () => {
    const { pending, read } = reads();
    const latest = new LatestRead(read, () => {}, () => {});
    // A change every 100 ms for 5 s.
    for (let change = 0; change < 50; change++) {
      latest.changed();
      vi.advanceTimersByTime(100);
    }
    // Due REREAD_MS after the first change since the last read: one read every 300 ms here.
    expect(pending.length).toBeGreaterThanOrEqual(Math.floor((50 * 100) / (REREAD_MS + 100)) - 1);
    expect(pending.length).toBeLessThanOrEqual(Math.ceil((50 * 100) / REREAD_MS));
    // The last changes are read too; then a lone change is read REREAD_MS after it, not before.
    vi.advanceTimersByTime(REREAD_MS);
    const before = pending.length;
    latest.changed();
    vi.advanceTimersByTime(REREAD_MS - 1);
    expect(pending.length).toBe(before);
    vi.advanceTimersByTime(1);
    expect(pending.length).toBe(before + 1);
    vi.advanceTimersByTime(10 * REREAD_MS);
    expect(pending.length).toBe(before + 1);
  });

  it('shows the newer of two reads in flight when the older answers last, and drops an older failure too', async () => {
    const { pending, read } = reads();
    const shown: number[] = [];
    const errors: string[] = [];
    const latest = new LatestRead(read, (value) => shown.push(value), (message) => errors.push(message));
    for (let change = 0; change < 4; change++) {
      latest.changed();
      vi.advanceTimersByTime(REREAD_MS);
    }
    expect(pending).toHaveLength(4);
    pending[2].resolve(3);
    await settle();
    expect(shown).toEqual([3]);
    // Two older reads, neither settled yet, answer after it: an answer and a failure, both dropped.
    pending[0].resolve(1);
    await settle();
    pending[1].reject(new Error('too late'));
    await settle();
    expect(shown).toEqual([3]);
    expect(errors).toEqual([]);
    pending[3].resolve(4);
    await settle();
    expect(shown).toEqual([3, 4]);
    expect(errors).toEqual([]);
  });

  it('shows a failure of the newest read, and nothing after stop', async () => {
    const { pending, read } = reads();
    const shown: number[] = [];
    const errors: string[] = [];
    const latest = new LatestRead(read, (value) => shown.push(value), (message) => errors.push(message));
    latest.changed();
    vi.advanceTimersByTime(REREAD_MS);
    pending[0].reject(new Error('the broker is not running'));
    await settle();
    expect(errors).toEqual(['the broker is not running']);
    latest.changed();
    vi.advanceTimersByTime(REREAD_MS);
    latest.stop();
    pending[1].resolve(1);
    latest.changed();
    vi.advanceTimersByTime(10 * REREAD_MS);
    await settle();
    expect(shown).toEqual([]);
    expect(pending).toHaveLength(2);
  });
});
