// "Repeat N times every T ms": one publication sent again and again on a live connection, for
// load and keep-alive experiments. Never more than the broker's Receive Maximum unacknowledged,
// never more than the socket's backlog bound waiting to be sent (a broker that stops reading
// pauses it); with no interval it sends in batches, so the engine keeps answering while it runs.
import type { LivePublication, RepeatProgress } from '@shared/model/live-actions';
import type { InspectingClient } from './inspecting-client';

const BATCH = 200;
/** How often progress is reported while it runs. */
const PROGRESS_EVERY_MS = 200;
/** How soon to look again when the broker's quota or the socket's backlog is full. */
const QUOTA_RETRY_MS = 5;

export class RepeatedPublication {
  private sent = 0;
  private timer: NodeJS.Timeout | undefined;
  private lastReport = 0;
  private finished = false;

  constructor(
    private readonly client: InspectingClient,
    private readonly publication: LivePublication,
    private readonly count: number,
    private readonly intervalMs: number,
    private readonly report: (progress: RepeatProgress) => void,
  ) {}

  /** Sends the first at once (its errors reach the caller), the rest on their schedule. */
  start(): number | undefined {
    const packetId = this.client.publish(this.publication);
    this.sent = 1;
    void this.client.closed.then(() => this.stop('The connection ended'));
    this.schedule(this.intervalMs);
    return packetId;
  }

  stop(reason: string): void {
    if (this.finished) return;
    this.end(reason);
  }

  get running(): boolean {
    return !this.finished;
  }

  private schedule(delayMs: number): void {
    if (this.sent >= this.count) return this.end();
    this.timer = setTimeout(() => this.tick(), delayMs);
  }

  private tick(): void {
    this.timer = undefined;
    if (this.finished) return;
    const batch = this.intervalMs === 0 ? BATCH : 1;
    let sentNow = 0;
    try {
      while (sentNow < batch && this.sent < this.count && this.client.canPublish(this.publication.qos)) {
        this.client.publish(this.publication);
        this.sent++;
        sentNow++;
      }
    } catch (error) {
      return this.end((error as Error).message);
    }
    if (!this.client.accepted) return this.end('The connection ended');
    this.progress();
    const quotaFull = sentNow < batch && this.sent < this.count;
    this.schedule(quotaFull ? QUOTA_RETRY_MS : this.intervalMs);
  }

  private progress(): void {
    const now = performance.now();
    if (now - this.lastReport < PROGRESS_EVERY_MS) return;
    this.lastReport = now;
    this.report({ connectionId: this.client.id, sent: this.sent, count: this.count, done: false });
  }

  private end(stopped?: string): void {
    if (this.finished) return;
    this.finished = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.report({ connectionId: this.client.id, sent: this.sent, count: this.count, done: true, ...(stopped && this.sent < this.count ? { stopped } : {}) });
  }
}
