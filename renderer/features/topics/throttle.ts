// "Show the latest, at most once every `ms`": the first change is shown at once, changes within
// `ms` of a showing wait for its end and are shown together, and the last change is always shown
// (what is shown is read when the timer fires, not when the change came).

export class TrailingThrottle {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private shownAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly ms: number,
    private readonly show: () => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Something changed: shown now when `ms` have passed since the last showing, else when they have. */
  changed(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.shownAt = this.now();
      this.show();
    }, Math.max(0, this.shownAt + this.ms - this.now()));
  }

  stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
