// How much work runs in one turn of the event loop, counted rather than timed: a busy machine
// makes a turn slower, never fuller. Each note() counts toward the turn it ran in; a turn ends at
// the next check phase (setImmediate), which runs only once the loop has been given back.
export class TurnCounter {
  /** The amount noted in each turn that noted any, in order. */
  readonly perTurn: number[] = [];
  private open = false;

  note(amount = 1): void {
    if (!this.open) {
      this.open = true;
      this.perTurn.push(0);
      setImmediate(() => (this.open = false));
    }
    this.perTurn[this.perTurn.length - 1] += amount;
  }

  /** The most noted in any one turn. */
  get most(): number {
    return Math.max(0, ...this.perTurn);
  }
}
