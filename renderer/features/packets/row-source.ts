// The packet list's rows, asked of the engine by blocks as they come into view: the page holds
// a few thousand rows at most, however long the trace. Rows never change once recorded, so a
// block is asked again only while it is the trace's growing end.
import type { EngineApi } from '@shared/contract';
import type { RowFilter, RowView } from '@shared/model/session-view';
import { KEPT_BLOCKS } from '../../limits';

export const BLOCK_ROWS = 100;
const RETRY_MS = 1000;

interface Block {
  rows: RowView[];
  /** The trace's version the block was read at. */
  version: number;
}

export class RowSource {
  private readonly blocks = new Map<number, Block>();
  /** Blocks asked for and not answered yet, with the newest trace version and count seen meanwhile. */
  private readonly asking = new Map<number, { version: number; total: number }>();
  /** Rows the filter lets through, as the engine said last (unfiltered: the trace's count). */
  private filteredTotal: number | undefined;

  constructor(
    private readonly api: EngineApi,
    readonly sessionId: string,
    readonly filter: RowFilter,
    private readonly changed: () => void,
  ) {}

  get filtered(): boolean {
    return Boolean(this.filter.type || this.filter.dir || this.filter.text);
  }

  /** How many rows the list has: the trace's own count, or the filter's as last heard. */
  total(rows: number): number {
    return this.filtered ? (this.filteredTotal ?? 0) : rows;
  }

  rowAt(index: number): RowView | undefined {
    return this.blocks.get(Math.floor(index / BLOCK_ROWS))?.rows[index % BLOCK_ROWS];
  }

  /** Asks for the blocks of rows [first, last) it lacks, and the growing end when the trace grew.
   *  The row before `first` comes too: the time since the previous packet reads it. */
  need(first: number, last: number, version: number, rows: number): void {
    const total = this.total(rows);
    const from = Math.floor(Math.max(0, first - 1) / BLOCK_ROWS);
    const to = Math.max(from, Math.ceil(Math.min(last, total) / BLOCK_ROWS) - 1);
    for (let block = from; block <= to; block++) this.ask(block, version, total);
    // A filter's count is only known by asking: the block just past its last row tells it as the
    // trace grows (never a whole one, which is not asked again).
    if (this.filtered) this.ask(Math.floor(total / BLOCK_ROWS), version, total);
    this.forgetFarFrom(from, to);
  }

  private ask(block: number, version: number, total: number): void {
    const known = this.blocks.get(block);
    const whole = known && known.rows.length === BLOCK_ROWS;
    if (whole || (known && known.version >= version)) return;
    const asked = this.asking.get(block);
    if (asked) {
      // The answer on its way may be older than this version: it is asked again when it comes,
      // since nothing else would ask (the list draws again only when the trace changes).
      if (version > asked.version) this.asking.set(block, { version, total });
      return;
    }
    if (!this.filtered && block * BLOCK_ROWS >= total) return;
    this.asking.set(block, { version, total });
    this.api.request('sessions.rows', { id: this.sessionId, from: block * BLOCK_ROWS, count: BLOCK_ROWS, ...this.filter }).then(
      ({ rows, total: filteredTotal }) => {
        const newest = this.asking.get(block);
        this.asking.delete(block);
        this.blocks.set(block, { rows, version });
        if (this.filtered) this.filteredTotal = filteredTotal;
        if (newest && newest.version > version) this.ask(block, newest.version, newest.total);
        this.changed();
      },
      () => {
        this.asking.delete(block);
        // Asked again on the next draw; one comes soon even when nothing else changes.
        setTimeout(this.changed, RETRY_MS);
      },
    );
  }

  private forgetFarFrom(from: number, to: number): void {
    if (this.blocks.size <= KEPT_BLOCKS) return;
    const distance = (block: number) => (block < from ? from - block : block > to ? block - to : 0);
    const farthest = [...this.blocks.keys()].sort((a, b) => distance(b) - distance(a));
    for (const block of farthest.slice(0, this.blocks.size - KEPT_BLOCKS)) this.blocks.delete(block);
  }
}
