// Tells the UI which sessions changed, at most ten times a second: each changed session's view
// (counts, times, story) once per push however many packets it took in meanwhile.
import type { SessionUpdate } from '@shared/model/session-view';

/** The first change shows at once; after a push the next waits this long. */
const FIRST_DELAY_MS = 16;
const INTERVAL_MS = 100;

export class UpdatePusher {
  private readonly changed = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastPush = -Infinity;
  private pushing = false;

  constructor(
    private readonly viewOf: (id: string) => Promise<SessionUpdate | undefined>,
    private readonly push: (sessions: SessionUpdate[]) => void,
  ) {}

  mark(id: string): void {
    this.changed.add(id);
    this.schedule();
  }

  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.changed.size === 0 || this.pushing) return;
    this.pushing = true;
    const ids = [...this.changed];
    this.changed.clear();
    try {
      const views = (await Promise.all(ids.map((id) => this.viewOf(id).catch(() => undefined)))).filter((view): view is SessionUpdate => view !== undefined);
      this.lastPush = Date.now();
      if (views.length > 0) this.push(views);
    } finally {
      this.pushing = false;
      this.schedule();
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.changed.clear();
  }

  private schedule(): void {
    if (this.timer || this.pushing || this.changed.size === 0) return;
    const wait = Math.max(FIRST_DELAY_MS, this.lastPush + INTERVAL_MS - Date.now());
    this.timer = setTimeout(() => void this.flush(), wait);
  }
}
