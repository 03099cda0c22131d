// Collects trace entries and hands them on in batches, at most one batch per interval, so a
// busy connection costs the UI a few messages a second, never one per packet.
import type { TraceEntry } from '@shared/model/trace';

export const DEFAULT_BATCH_INTERVAL_MS = 16;

export class TraceBatcher {
  private pending: TraceEntry[] = [];
  private timer: NodeJS.Timeout | undefined;
  private lastFlush = 0;

  constructor(
    private readonly flush: (entries: TraceEntry[]) => void,
    private readonly intervalMs = DEFAULT_BATCH_INTERVAL_MS,
  ) {}

  push(entry: TraceEntry): void {
    this.pending.push(entry);
    if (this.timer) return;
    const wait = Math.max(0, this.lastFlush + this.intervalMs - Date.now());
    this.timer = setTimeout(() => this.flushNow(), wait);
  }

  flushNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const entries = this.pending;
    this.pending = [];
    this.lastFlush = Date.now();
    this.flush(entries);
  }

  dispose(): void {
    this.flushNow();
  }
}
