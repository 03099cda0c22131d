// What the reader found wrong with a capture file, each at the byte offset where it is. A file
// with a million broken packets must not give a million messages: past a bound they are counted.
import { MAX_CAPTURE_PROBLEMS } from '../limits';

export interface CaptureProblem {
  /** Byte offset in the file. */
  offset: number;
  message: string;
}

export class CaptureProblems {
  private readonly items: CaptureProblem[] = [];
  private unlisted = 0;
  private unlistedFrom = 0;

  add(offset: number, message: string): void {
    if (this.items.length < MAX_CAPTURE_PROBLEMS) this.items.push({ offset, message });
    else if (this.unlisted++ === 0) this.unlistedFrom = offset;
  }

  list(): CaptureProblem[] {
    if (this.unlisted === 0) return [...this.items];
    return [...this.items, { offset: this.unlistedFrom, message: `${this.unlisted} more problems from here on, not listed` }];
  }
}
