// Reading something again while it keeps changing (the broker's sessions, its retained messages):
// a read is due `ms` after the first change it will see, never pushed back by the next one, so
// changes that keep coming cannot keep the view from being read (a debounce would starve); and
// an answer older than one already shown is dropped, so two reads in flight cannot answer out of
// order. Pure: React's side is useLatestRead.

/** Reading again at most this often while the source keeps changing. */
export const REREAD_MS = 250;

export class LatestRead<T> {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Reads started, and the newest whose answer (or failure) was shown. */
  private started = 0;
  private shown = 0;
  private stopped = false;

  constructor(
    private readonly read: () => Promise<T>,
    private readonly onValue: (value: T) => void,
    private readonly onError: (message: string) => void,
    private readonly ms = REREAD_MS,
  ) {}

  /** Something changed: a read is due `ms` from the first change since the last read began. */
  changed(): void {
    if (this.stopped || this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.start();
    }, this.ms);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private start(): void {
    const number = ++this.started;
    const settle = (show: () => void) => {
      if (this.stopped || number < this.shown) return;
      this.shown = number;
      show();
    };
    let reading: Promise<T>;
    try {
      reading = this.read();
    } catch (failure) {
      reading = Promise.reject(failure);
    }
    reading.then(
      (value) => settle(() => this.onValue(value)),
      (failure: unknown) => settle(() => this.onError(failure instanceof Error ? failure.message : String(failure))),
    );
  }
}
