import { describe, expect, it } from 'vitest';
import type { TraceEntry } from '@shared/model/trace';
import { TraceBatcher } from './batcher';

const entry = (seq: number): TraceEntry => ({ kind: 'lifecycle', connectionId: 'c', seq, time: seq, event: { phase: 'closed', by: 'client' } });

describe('TraceBatcher', () => {
  it('delivers entries pushed together as one batch, in order', async () => {
    const batches: TraceEntry[][] = [];
    const batcher = new TraceBatcher((entries) => batches.push(entries), 16);
    for (let seq = 0; seq < 1000; seq++) batcher.push(entry(seq));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(batches).toHaveLength(1);
    expect(batches[0].map((item) => item.seq)).toEqual(Array.from({ length: 1000 }, (_, seq) => seq));
  });

  it('keeps batches at least one interval apart under a steady stream', async () => {
    const flushedAt: number[] = [];
    const batcher = new TraceBatcher(() => flushedAt.push(performance.now()), 20);
    const started = performance.now();
    while (performance.now() - started < 200) {
      batcher.push(entry(0));
      await new Promise((resolve) => setImmediate(resolve));
    }
    batcher.dispose();
    const gaps = flushedAt.slice(1, -1).map((time, index) => time - flushedAt[index]);
    expect(flushedAt.length).toBeGreaterThan(3);
    expect(flushedAt.length).toBeLessThanOrEqual(12);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(18);
  });
});
