import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TraceEntry } from './trace';
import { TraceBatcher, type BatchTiming } from './trace-batcher';

const every = (intervalMs: number): BatchTiming => ({ intervalMs, busyBatch: Infinity, busyIntervalMs: intervalMs });

const entry = (seq: number): TraceEntry => ({ kind: 'lifecycle', connectionId: 'c', seq, time: seq, event: { phase: 'closed', by: 'client' } });

describe('TraceBatcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('delivers entries pushed together as one batch, in order', () => {
    const batches: TraceEntry[][] = [];
    const batcher = new TraceBatcher((entries) => batches.push(entries), every(16));
    for (let seq = 0; seq < 1000; seq++) batcher.push(entry(seq));
    expect(batches).toHaveLength(0);
    vi.advanceTimersByTime(0);
    expect(batches).toHaveLength(1);
    expect(batches[0].map((item) => item.seq)).toEqual(Array.from({ length: 1000 }, (_, seq) => seq));
  });

  it('sends at most one batch per interval under a steady stream (60 a second at 16 ms)', () => {
    const flushedAt: number[] = [];
    const batcher = new TraceBatcher(() => flushedAt.push(Date.now()), every(16));
    for (let ms = 0; ms < 1000; ms++) {
      batcher.push(entry(ms));
      vi.advanceTimersByTime(1);
    }
    batcher.dispose();
    const gaps = flushedAt.slice(1, -1).map((time, index) => time - flushedAt[index]);
    expect(flushedAt.length).toBeGreaterThanOrEqual(55);
    expect(flushedAt.length).toBeLessThanOrEqual(64);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(16);
  });

  it('hands over what is pending when disposed', () => {
    const batches: TraceEntry[][] = [];
    const batcher = new TraceBatcher((entries) => batches.push(entries), every(16));
    batcher.push(entry(1));
    batcher.dispose();
    expect(batches).toEqual([[entry(1)]]);
  });

  it('slows to the busy interval during a flood, and back once it ends', () => {
    const batches: { at: number; size: number }[] = [];
    const batcher = new TraceBatcher((entries) => batches.push({ at: Date.now(), size: entries.length }), { intervalMs: 16, busyBatch: 200, busyIntervalMs: 100 });
    let seq = 0;
    for (let ms = 0; ms < 1000; ms++) {
      for (let i = 0; i < 20; i++) batcher.push(entry(seq++)); // 20,000 a second
      vi.advanceTimersByTime(1);
    }
    const flood = batches.length;
    expect(flood).toBeGreaterThanOrEqual(9);
    expect(flood).toBeLessThanOrEqual(13);
    vi.advanceTimersByTime(200);
    const quiet = batches.length;
    batcher.push(entry(seq++));
    vi.advanceTimersByTime(0);
    expect(batches.slice(quiet).map((batch) => batch.size)).toEqual([1]);
    expect(batches.reduce((sum, batch) => sum + batch.size, 0)).toBe(seq);
  });
});
