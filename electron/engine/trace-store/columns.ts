// Columns of numbers that grow without copying what they hold: typed arrays in fixed blocks, a
// few bytes a row instead of an object per row.
const BLOCK_BITS = 16;
const BLOCK_SIZE = 1 << BLOCK_BITS;
const BLOCK_MASK = BLOCK_SIZE - 1;

type TypedArray = Float64Array | Uint32Array | Uint8Array;

class Column<T extends TypedArray> {
  private readonly blocks: T[] = [];
  private size = 0;

  constructor(private readonly make: (length: number) => T) {}

  get length(): number {
    return this.size;
  }

  push(value: number): void {
    const index = this.size++;
    const block = index >>> BLOCK_BITS;
    if (block === this.blocks.length) this.blocks.push(this.make(BLOCK_SIZE));
    this.blocks[block][index & BLOCK_MASK] = value;
  }

  get(index: number): number {
    return this.blocks[index >>> BLOCK_BITS][index & BLOCK_MASK];
  }

  /** Changes a value already pushed (the topic index's counts and links). */
  set(index: number, value: number): void {
    this.blocks[index >>> BLOCK_BITS][index & BLOCK_MASK] = value;
  }
}

export const float64Column = () => new Column((length) => new Float64Array(length));
export const uint32Column = () => new Column((length) => new Uint32Array(length));
export const uint8Column = () => new Column((length) => new Uint8Array(length));
export type { Column };

/** The last index whose value is ≤ `value` in a column sorted ascending, or -1. */
export function lastAtOrBelow(column: Column<TypedArray>, value: number, end = column.length): number {
  let low = 0;
  let high = end - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (column.get(middle) <= value) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}
