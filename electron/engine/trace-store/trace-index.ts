// What the engine keeps in memory of a recorded connection: per entry a few bytes in typed
// columns (kind, direction, type, time, where its bytes lie in the stream), per chunk where it
// lies in the file. The bytes stay on disk; lifecycle entries and unframed bytes are rare and
// kept whole.
import { packetTypeName } from '@shared/mqtt/constants';
import type { Direction, FrameErrorEntry, LifecycleEntry, TraceEntry } from '@shared/model/trace';
import { float64Column, lastAtOrBelow, uint32Column, uint8Column } from './columns';

const KIND_PACKET = 0;
const KIND_FRAME_ERROR = 1;
const KIND_LIFECYCLE = 2;
const S2C_BIT = 0x10;

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
  private readonly offset = float64Column();
  private readonly length = uint32Column();
  private readonly problems = uint8Column();
  private readonly level = uint8Column();
  private readonly whole = new Map<number, FrameErrorEntry | LifecycleEntry>();
  private readonly streamAt: Record<Direction, number> = { c2s: 0, s2c: 0 };
  private readonly chunks: Record<Direction, ChunkTable> = { c2s: new ChunkTable(), s2c: new ChunkTable() };
  private packets = 0;

  constructor(readonly connectionId: string) {}

  get count(): number {
    return this.meta.length;
  }

  get packetCount(): number {
    return this.packets;
  }

  /** Bytes of the stream in each direction, as recorded. */
  get streamBytes(): Record<Direction, number> {
    return { c2s: this.chunks.c2s.total, s2c: this.chunks.s2c.total };
  }

  /** A chunk recorded at `fileOffset` (where its bytes begin in the file). */
  addChunk(dir: Direction, fileOffset: number, length: number): void {
    this.chunks[dir].add(fileOffset, length);
  }

  /** The next entry, in sequence order (its seq is its index here). */
  addEntry(entry: TraceEntry): void {
    this.time.push(entry.time);
    if (entry.kind === 'lifecycle') {
      this.push(KIND_LIFECYCLE << 5, 0, 0, 0, 0);
      this.whole.set(this.meta.length - 1, entry);
      return;
    }
    const dirBit = entry.dir === 's2c' ? S2C_BIT : 0;
    const start = this.streamAt[entry.dir];
    if (entry.kind === 'packet') {
      const length = entry.hex.length / 2;
      this.streamAt[entry.dir] += length;
      this.packets++;
      this.push((KIND_PACKET << 5) | dirBit | (parseInt(entry.hex.slice(0, 1), 16) & 0x0f), start, length, Math.min(entry.problemCount, 255), entry.protocolLevel);
      return;
    }
    this.streamAt[entry.dir] += entry.streamBytes ?? entry.hex.length / 2;
    this.push((KIND_FRAME_ERROR << 5) | dirBit, start, 0, 0, 0);
    this.whole.set(this.meta.length - 1, entry);
  }

  /** The entry at `seq` without its bytes; a packet's are read from `bytesOf`. */
  entryShape(seq: number): { kind: 'whole'; entry: FrameErrorEntry | LifecycleEntry } | { kind: 'packet'; dir: Direction; time: number; typeName: string; protocolLevel: number; problemCount: number; span: StreamSpan } | undefined {
    if (seq < 0 || seq >= this.meta.length) return undefined;
    const meta = this.meta.get(seq);
    if (meta >> 5 !== KIND_PACKET) return { kind: 'whole', entry: this.whole.get(seq)! };
    const dir: Direction = meta & S2C_BIT ? 's2c' : 'c2s';
    return {
      kind: 'packet',
      dir,
      time: this.time.get(seq),
      typeName: packetTypeName(meta & 0x0f),
      protocolLevel: this.level.get(seq),
      problemCount: this.problems.get(seq),
      span: { dir, offset: this.offset.get(seq), length: this.length.get(seq) },
    };
  }

  /** Where in the file a stream span's bytes are. */
  fileSpans(span: StreamSpan): FileSpan[] {
    return this.chunks[span.dir].spans(span.offset, span.length);
  }

  /** Bytes the index holds, for the figures. */
  get memoryBytes(): number {
    const columns = [this.meta, this.time, this.offset, this.length, this.problems, this.level];
    const chunkColumns = (['c2s', 's2c'] as const).flatMap((dir) => [this.chunks[dir].streamStart, this.chunks[dir].fileOffset, this.chunks[dir].length]);
    return [...columns, ...chunkColumns].reduce((sum, column) => sum + column.bytes, 0);
  }

  private push(meta: number, offset: number, length: number, problems: number, level: number): void {
    this.meta.push(meta);
    this.offset.push(offset);
    this.length.push(length);
    this.problems.push(problems);
    this.level.push(level);
  }
}
