// What the UI asks of a recorded session: rows of the packet list by range (filtered here, not
// in the page), and a time window's packets or their density for the timeline. Answers come
// from the index; only the rows asked for are read from the file and decoded.
import { decode, describePacket } from '@shared/mqtt';
import { DENSITY_BUCKETS, type DensityItem, type PacketItem, type RowFilter, type RowView, type WindowContents } from '@shared/model/session-view';
import { previousOnTopic, type PreviousOnTopic } from './previous-on-topic';
import { readEntriesAt } from './read-entries';
import type { TraceReader } from './trace-reader';
import { uint32Column } from './columns';
import type { TraceIndex } from './trace-index';
import { TopicQueries } from './topic-queries';
import { KEPT_FILTERS, SUMMARY_CHARS } from '../limits';
import { MAX_DRAWN_PACKETS } from '@shared/limits';

/** Entries a filter reads before letting other work run. */
const SCAN_SLICE = 1 << 20;
/** Entries a text filter reads at a time (their bytes come from the file). */
const TEXT_SCAN_SLICE = 4096;

interface FilterScan {
  seqs: ReturnType<typeof uint32Column>;
  scanned: number;
  /** The scan under way: a second question waits for it rather than read the same entries. */
  running?: Promise<void>;
}

export class SessionQueries {
  private readonly filters = new Map<string, FilterScan>();
  /** The topic tree's questions, answered from the same index and file. */
  readonly topics: TopicQueries;

  constructor(
    private readonly index: TraceIndex,
    private readonly reader: TraceReader,
  ) {
    this.topics = new TopicQueries(index, reader, (seqs) => this.rowsAt(seqs));
  }

  /** Rows [from, from + count) of the list the filter lets through, and how many it has. */
  async rows(from: number, count: number, filter: RowFilter = {}): Promise<{ rows: RowView[]; total: number }> {
    const index = this.index;
    let seqs: number[];
    let total: number;
    if (!isFiltered(filter)) {
      total = index.rowCount;
      seqs = [];
      for (let row = from; row < Math.min(total, from + count); row++) seqs.push(index.rowSeq(row));
    } else {
      const scan = await this.scan(filter);
      total = scan.seqs.length;
      seqs = [];
      for (let row = from; row < Math.min(total, from + count); row++) seqs.push(scan.seqs.get(row));
    }
    return { rows: await this.rowsAt(seqs), total };
  }

  /** The rows with these seqs (packets or unframed bytes), in the order given. */
  async rowsAt(seqs: readonly number[]): Promise<RowView[]> {
    const index = this.index;
    const entries = await this.reader.use((readAt) => readEntriesAt(index, readAt, seqs));
    return entries.map((entry): RowView => {
      if (entry.kind === 'packet') {
        const summary = describePacket(decode(entry.bytes, { protocolLevel: entry.protocolLevel }), { payload: 'plain' });
        return { seq: entry.seq, number: index.seqRow(entry.seq) + 1, time: entry.time, dir: entry.dir, typeName: entry.typeName, problemCount: entry.problemCount, unframed: false, summary: cut(summary) };
      }
      if (entry.kind === 'frame-error') return { seq: entry.seq, number: index.seqRow(entry.seq) + 1, time: entry.time, dir: entry.dir, typeName: index.typeNameOf(entry.seq), problemCount: 0, unframed: true, summary: cut(entry.message) };
      throw new Error('A lifecycle entry is not a row');
    });
  }

  /** Where the row with this seq is in the filtered list, or -1 when the filter leaves it out. */
  async position(seq: number, filter: RowFilter = {}): Promise<number> {
    if (!this.index.isRow(seq)) return -1;
    if (!isFiltered(filter)) return this.index.seqRow(seq);
    const scan = await this.scan(filter);
    let low = 0;
    let high = scan.seqs.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (scan.seqs.get(middle) < seq) low = middle + 1;
      else high = middle;
    }
    return low < scan.seqs.length && scan.seqs.get(low) === seq ? low : -1;
  }

  /** The PUBLISH before this one on the same topic, in the same direction (bounded look back). */
  previousOnTopic(seq: number, limit?: number): Promise<PreviousOnTopic> {
    return previousOnTopic(this.index, this.reader, seq, limit);
  }

  /** The packets in [start, end], each one when few, else how many fall in each stretch. */
  window(start: number, end: number): WindowContents {
    const index = this.index;
    const from = index.firstSeqAt(start);
    const to = index.firstSeqAfter(end);
    const rows = to - from - (index.lifecycleBefore(to) - index.lifecycleBefore(from));
    const packets: PacketItem[] = [];
    const density: DensityItem[] = [];
    if (rows <= MAX_DRAWN_PACKETS) {
      for (let seq = from; seq < to; seq++) {
        if (!index.isRow(seq)) continue;
        packets.push({ seq, time: index.timeOf(seq), dir: index.dirOf(seq), typeName: index.typeNameOf(seq), problem: index.hasProblem(seq) });
      }
      return { packets, density };
    }
    const width = (end - start) / DENSITY_BUCKETS;
    let first = from;
    for (let bucket = 0; bucket < DENSITY_BUCKETS && first < to; bucket++) {
      const bucketStart = start + bucket * width;
      const last = bucket === DENSITY_BUCKETS - 1 ? to : Math.min(to, index.firstSeqAt(bucketStart + width));
      const client = index.clientRowsBefore(last) - index.clientRowsBefore(first);
      const all = last - first - (index.lifecycleBefore(last) - index.lifecycleBefore(first));
      const counts = { c2s: client, s2c: all - client };
      for (const dir of ['c2s', 's2c'] as const) {
        if (counts[dir] === 0) continue;
        let seq = first;
        while (seq < last && !(index.isRow(seq) && index.dirOf(seq) === dir)) seq++;
        density.push({ dir, start: bucketStart, end: bucketStart + width, count: counts[dir], firstSeq: seq });
      }
      first = last;
    }
    return { packets, density };
  }

  /** The filter's rows so far, read on from where it stopped: each entry is read once. */
  private async scan(filter: RowFilter): Promise<FilterScan> {
    const key = JSON.stringify([filter.type ?? '', filter.dir ?? '', filter.text ?? '']);
    let scan = this.filters.get(key);
    if (!scan) {
      scan = { seqs: uint32Column(), scanned: 0 };
      this.filters.set(key, scan);
      if (this.filters.size > KEPT_FILTERS) this.filters.delete(this.filters.keys().next().value!);
    }
    while (scan.running) await scan.running;
    if (scan.scanned < this.index.count) {
      const running = this.extend(scan, filter).finally(() => (scan.running = undefined));
      scan.running = running;
      await running;
    }
    return scan;
  }

  /** Reads the entries the filter has not seen yet, from where it stopped. */
  private async extend(scan: FilterScan, filter: RowFilter): Promise<void> {
    const index = this.index;
    // Text is looked for in the packets' bytes, read from the file a slice at a time.
    const needle = filter.text === undefined ? undefined : Buffer.from(filter.text);
    const slice = needle === undefined ? SCAN_SLICE : TEXT_SCAN_SLICE;
    while (scan.scanned < index.count) {
      const end = Math.min(index.count, scan.scanned + slice);
      const passing: number[] = [];
      for (let seq = scan.scanned; seq < end; seq++) {
        if (!index.isRow(seq)) continue;
        if (filter.dir && index.dirOf(seq) !== filter.dir) continue;
        if (filter.type && index.typeNameOf(seq) !== filter.type) continue;
        if (needle === undefined) scan.seqs.push(seq);
        else passing.push(seq);
      }
      if (needle !== undefined && passing.length > 0) {
        for (const entry of await this.reader.use((readAt) => readEntriesAt(index, readAt, passing))) {
          if (entry.kind !== 'lifecycle' && holdsBytes(entry.bytes, needle)) scan.seqs.push(entry.seq);
        }
      }
      scan.scanned = end;
      if (scan.scanned < index.count) await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

function isFiltered(filter: RowFilter): boolean {
  return Boolean(filter.type || filter.dir || filter.text);
}

function holdsBytes(bytes: Uint8Array, needle: Buffer): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(needle) >= 0;
}

function cut(text: string): string {
  return text.length <= SUMMARY_CHARS ? text : `${text.slice(0, SUMMARY_CHARS)}…`;
}
