// What the engine keeps in memory of a recorded connection: per entry a few bytes in typed
// columns (kind, direction, type, time, where its bytes lie in the stream), per chunk where it
// lies in the file. The bytes stay on disk; lifecycle entries and unframed bytes are rare and
// kept whole.
import { packetTypeName } from '@shared/mqtt/constants';
import type { Direction, LifecycleEntry, RecordedEntry, RecordedFrameError } from '@shared/model/trace';
import { float64Column, lastAtOrBelow, uint32Column, uint8Column } from './columns';
import { TopicIndex } from './topic-index';

const KIND_PACKET = 0;
const KIND_FRAME_ERROR = 1;
const KIND_LIFECYCLE = 2;
const S2C_BIT = 0x10;
const CHECKPOINT = 1024;

/** How the list and the filter name bytes that could not be framed into a packet. */
export const UNFRAMED = 'Unframed bytes';

/** Where a packet's bytes are: its direction's stream, from `offset`, `length` bytes. */
export interface StreamSpan {
  dir: Direction;
  offset: number;
  length: number;
}

/** A piece of the file: `length` bytes from `fileOffset`. */
export interface FileSpan {
  fileOffset: number;
  length: number;
}

class ChunkTable {
  readonly streamStart = float64Column();
  readonly fileOffset = float64Column();
  readonly length = uint32Column();
  total = 0;

  add(fileOffset: number, length: number): void {
    this.streamStart.push(this.total);
    this.fileOffset.push(fileOffset);
    this.length.push(length);
    this.total += length;
  }

  /** The file pieces that hold stream bytes [offset, offset + length). */
  spans(offset: number, length: number): FileSpan[] {
    const spans: FileSpan[] = [];
    let chunk = lastAtOrBelow(this.streamStart, offset);
    let at = offset;
    const end = offset + length;
    while (chunk >= 0 && chunk < this.length.length && at < end) {
      const start = this.streamStart.get(chunk);
      const within = at - start;
      const take = Math.min(this.length.get(chunk) - within, end - at);
      if (take > 0) {
        spans.push({ fileOffset: this.fileOffset.get(chunk) + within, length: take });
        at += take;
      }
      chunk++;
    }
    return at === end ? spans : [];
  }
}

export class TraceIndex {
  /** kind << 5 | s2c << 4 | packet type */
  private readonly meta = uint8Column();
  private readonly time = float64Column();
  private readonly length = uint32Column();
  private readonly problems = uint8Column();
  /** The protocol level packets are read at: 4 until the CONNECT says otherwise, from its seq on. */
  private level = { from: Infinity, value: 4, before: 4 };
  /** Seqs of lifecycle entries, in order: a row's seq is its position plus those before it. */
  private readonly lifecycleSeqs: number[] = [];
  /** At entry k × CHECKPOINT: the client → broker rows before it (a stretch's count per lane from
   *  two checkpoints and at most 2 × CHECKPOINT entries read), and where each direction's stream
   *  was (a packet's place in its stream from the lengths after it: no column of offsets). */
  private readonly clientCheckpoints: number[] = [];
  private readonly streamCheckpoints: Record<Direction, number[]> = { c2s: [], s2c: [] };
  private clientRows = 0;
  /** Packet type names seen (and `Unframed bytes`), for the type filter. */
  readonly typeNames = new Set<string>();
  /** Bit t set once packet type t has been seen: a type's name is added once, not per packet. */
  private typesSeen = 0;
  private readonly whole = new Map<number, RecordedFrameError | LifecycleEntry>();
  private readonly streamAt: Record<Direction, number> = { c2s: 0, s2c: 0 };
  private readonly chunks: Record<Direction, ChunkTable> = { c2s: new ChunkTable(), s2c: new ChunkTable() };
  private packets = 0;
  /** The topics the connection received, built from the same entries. */
  readonly topics = new TopicIndex();

  constructor(readonly connectionId: string) {}

  get count(): number {
    return this.meta.length;
  }

  get packetCount(): number {
    return this.packets;
  }

  /** A chunk recorded at `fileOffset` (where its bytes begin in the file). */
  addChunk(dir: Direction, fileOffset: number, length: number): void {
    this.chunks[dir].add(fileOffset, length);
  }

  /** The next entry, in sequence order (its seq is its index here). */
  addEntry(entry: RecordedEntry): void {
    const seq = this.meta.length;
    if (seq % CHECKPOINT === 0) {
      this.clientCheckpoints.push(this.clientRows);
      this.streamCheckpoints.c2s.push(this.streamAt.c2s);
      this.streamCheckpoints.s2c.push(this.streamAt.s2c);
    }
    this.time.push(entry.time);
    this.topics.addEntry(seq, entry);
    if (entry.kind === 'lifecycle') {
      this.push(KIND_LIFECYCLE << 5, 0, 0);
      this.whole.set(seq, entry);
      this.lifecycleSeqs.push(seq);
      return;
    }
    const dirBit = entry.dir === 's2c' ? S2C_BIT : 0;
    if (entry.dir === 'c2s') this.clientRows++;
    if (entry.kind === 'packet') {
      const length = entry.bytes.length;
      this.streamAt[entry.dir] += length;
      this.packets++;
      const type = entry.facts.type;
      if (entry.protocolLevel !== this.level.value) this.level = { from: seq, value: entry.protocolLevel, before: this.level.value };
      if ((this.typesSeen & (1 << type)) === 0) {
        this.typesSeen |= 1 << type;
        this.typeNames.add(packetTypeName(type));
      }
      this.push((KIND_PACKET << 5) | dirBit | type, length, Math.min(entry.problemCount, 255));
      return;
    }
    this.typeNames.add(UNFRAMED);
    const covered = entry.streamBytes ?? entry.bytes.length;
    this.streamAt[entry.dir] += covered;
    this.push((KIND_FRAME_ERROR << 5) | dirBit, covered, 0);
    // Kept past the sink's turn: its own copy of the bytes, not a view of the chunk.
    this.whole.set(seq, { ...entry, bytes: entry.bytes.slice() });
  }

  /** Packets and unframed bytes: what the packet list shows. */
  get rowCount(): number {
    return this.meta.length - this.lifecycleSeqs.length;
  }

  /** The seq of the row at `row`: the row plus the lifecycle entries before it. The i-th
   *  lifecycle entry comes before row r exactly when its seq minus i is at most r. */
  rowSeq(row: number): number {
    let low = 0;
    let high = this.lifecycleSeqs.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.lifecycleSeqs[middle] - middle <= row) low = middle + 1;
      else high = middle;
    }
    return row + low;
  }

  /** The row of a seq (a lifecycle entry's: the row after it). */
  seqRow(seq: number): number {
    return seq - this.lifecycleBefore(seq);
  }

  isRow(seq: number): boolean {
    return seq >= 0 && seq < this.meta.length && this.meta.get(seq) >> 5 !== KIND_LIFECYCLE;
  }

  timeOf(seq: number): number {
    return this.time.get(seq);
  }

  dirOf(seq: number): Direction {
    return this.meta.get(seq) & S2C_BIT ? 's2c' : 'c2s';
  }

  /** The row's type name as the filter and the list name it. */
  typeNameOf(seq: number): string {
    const meta = this.meta.get(seq);
    return meta >> 5 === KIND_PACKET ? packetTypeName(meta & 0x0f) : UNFRAMED;
  }

  hasProblem(seq: number): boolean {
    const meta = this.meta.get(seq);
    return meta >> 5 === KIND_FRAME_ERROR || this.problems.get(seq) > 0;
  }

  /** The first seq whose time is at or after `time` (entries are in time order). */
  firstSeqAt(time: number): number {
    return this.firstSeqWhere((at) => at >= time);
  }

  /** The first seq whose time is after `time`: the end of a window that includes `time`. */
  firstSeqAfter(time: number): number {
    return this.firstSeqWhere((at) => at > time);
  }

  private firstSeqWhere(reached: (time: number) => boolean): number {
    let low = 0;
    let high = this.meta.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (!reached(this.time.get(middle))) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Client → broker rows among entries [0, seq). */
  clientRowsBefore(seq: number): number {
    if (seq <= 0) return 0;
    const checkpoint = Math.min(Math.floor(seq / CHECKPOINT), this.clientCheckpoints.length - 1);
    let count = this.clientCheckpoints[checkpoint];
    for (let at = checkpoint * CHECKPOINT; at < seq; at++) {
      const meta = this.meta.get(at);
      if (meta >> 5 !== KIND_LIFECYCLE && !(meta & S2C_BIT)) count++;
    }
    return count;
  }

  /** Lifecycle entries among [0, seq). */
  lifecycleBefore(seq: number): number {
    let low = 0;
    let high = this.lifecycleSeqs.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.lifecycleSeqs[middle] < seq) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** The entry at `seq` without its bytes; a packet's are read from `bytesOf`. */
  entryShape(seq: number): { kind: 'whole'; entry: RecordedFrameError | LifecycleEntry } | { kind: 'packet'; dir: Direction; time: number; typeName: string; protocolLevel: number; problemCount: number; span: StreamSpan } | undefined {
    if (seq < 0 || seq >= this.meta.length) return undefined;
    const meta = this.meta.get(seq);
    if (meta >> 5 !== KIND_PACKET) return { kind: 'whole', entry: this.whole.get(seq)! };
    const dir: Direction = meta & S2C_BIT ? 's2c' : 'c2s';
    return {
      kind: 'packet',
      dir,
      time: this.time.get(seq),
      typeName: packetTypeName(meta & 0x0f),
      protocolLevel: seq >= this.level.from ? this.level.value : this.level.before,
      problemCount: this.problems.get(seq),
      span: { dir, offset: this.streamOffsetOf(seq, dir), length: this.length.get(seq) },
    };
  }

  /** Where in the file a stream span's bytes are. */
  fileSpans(span: StreamSpan): FileSpan[] {
    return this.chunks[span.dir].spans(span.offset, span.length);
  }

  /** Where the entry at `seq` begins in its direction's stream. */
  private streamOffsetOf(seq: number, dir: Direction): number {
    const checkpoint = Math.floor(seq / CHECKPOINT);
    let offset = this.streamCheckpoints[dir][checkpoint];
    const s2c = dir === 's2c';
    for (let at = checkpoint * CHECKPOINT; at < seq; at++) {
      const meta = this.meta.get(at);
      if (meta >> 5 !== KIND_LIFECYCLE && Boolean(meta & S2C_BIT) === s2c) offset += this.length.get(at);
    }
    return offset;
  }

  /** `length`: a packet's bytes, or the stream bytes unframed bytes cover. */
  private push(meta: number, length: number, problems: number): void {
    this.meta.push(meta);
    this.length.push(length);
    this.problems.push(problems);
  }
}
