// Collects trace entries and hands them on in batches, at most one batch per interval, so a
// busy connection costs the receiver a few messages a second, never one per packet. After a
// big batch the interval grows: a flood arrives as fewer, larger batches. The engine batches
// for the hosts; the UI batches again before it redraws.
import type { TraceEntry } from './trace';

export interface BatchTiming {
  intervalMs: number;
  /** A batch at least this big means a flood… */
  busyBatch: number;
  /** …and the next one waits this long. */
  busyIntervalMs: number;
}

/** The engine's: up to 60 batches a second; 10 once more than ~12,000 entries a second arrive. */
export const ENGINE_BATCH_TIMING: BatchTiming = { intervalMs: 16, busyBatch: 200, busyIntervalMs: 100 };

export class TraceBatcher {
  private pending: TraceEntry[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastFlush = -Infinity;
  private wait: number;

  constructor(
    private readonly flush: (entries: TraceEntry[]) => void,
    private readonly timing: BatchTiming = ENGINE_BATCH_TIMING,
  ) {
    this.wait = timing.intervalMs;
  }

  push(entry: TraceEntry): void {
    this.pending.push(entry);
    this.schedule();
  }

  pushAll(entries: readonly TraceEntry[]): void {
    for (const entry of entries) this.pending.push(entry);
    this.schedule();
  }

  flushNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const entries = this.pending;
    this.pending = [];
    this.lastFlush = Date.now();
    this.wait = entries.length >= this.timing.busyBatch ? this.timing.busyIntervalMs : this.timing.intervalMs;
    this.flush(entries);
  }

  dispose(): void {
    this.flushNow();
  }

  private schedule(): void {
    if (this.timer || this.pending.length === 0) return;
    this.timer = setTimeout(() => this.flushNow(), Math.max(0, this.lastFlush + this.wait - Date.now()));
  }
}
