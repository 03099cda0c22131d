// The trace file format, version 1 (docs/trace-format.md): a header, then records, each a
// fixed 16-byte header and its payload. The store's own files and saved traces are the same
// format; a saved trace may hold several sessions, told apart by their stream number.
import { concatBytes } from '@shared/mqtt/field';
import type { Direction } from '@shared/model/trace';
import { MAX_RECORD_PAYLOAD } from '../limits';

/** PNG-style: a high byte first (not text), the name, CR LF and ^Z (text-mode damage shows). */
export const TRACE_MAGIC = Uint8Array.of(0x89, 0x4d, 0x51, 0x54, 0x52, 0x0d, 0x0a, 0x1a);
export const TRACE_VERSION = 1;
export const FILE_HEADER_SIZE = 12;
export const RECORD_HEADER_SIZE = 16;

export const RECORD_KINDS = { session: 1, chunk: 2, lifecycle: 3 } as const;
export type RecordKind = keyof typeof RECORD_KINDS;
const KIND_OF_ID = new Map<number, RecordKind>(Object.entries(RECORD_KINDS).map(([name, id]) => [id, name as RecordKind]));

const DIRECTION_IDS: Record<Direction, number> = { c2s: 0, s2c: 1 };
const DIRECTION_OF_ID: readonly Direction[] = ['c2s', 's2c'];

export function fileHeader(): Uint8Array {
  const header = new Uint8Array(FILE_HEADER_SIZE);
  header.set(TRACE_MAGIC, 0);
  new DataView(header.buffer).setUint16(8, TRACE_VERSION, true);
  return header;
}

export interface RecordHead {
  kind: RecordKind;
  dir: Direction;
  stream: number;
  time: number;
}

/** A record's 16-byte header: kind, direction, stream, payload length, time (little-endian). */
export function recordHeader(kind: RecordKind, dir: Direction, stream: number, time: number, payloadLength: number): Uint8Array {
  const header = new Uint8Array(RECORD_HEADER_SIZE);
  writeRecordHeader(new DataView(header.buffer), 0, kind, dir, stream, time, payloadLength);
  return header;
}

/** The same header written at `at` of a buffer that gathers records. */
export function writeRecordHeader(target: DataView, at: number, kind: RecordKind, dir: Direction, stream: number, time: number, payloadLength: number): void {
  target.setUint8(at, RECORD_KINDS[kind]);
  target.setUint8(at + 1, DIRECTION_IDS[dir]);
  target.setUint16(at + 2, stream, true);
  target.setUint32(at + 4, payloadLength, true);
  target.setFloat64(at + 8, time, true);
}

export interface FormatProblem {
  /** Byte offset in the file where it breaks. */
  offset: number;
  message: string;
}

export type RecordListener = (head: RecordHead, payload: Uint8Array, offset: number) => void;

/**
 * Reads records from a file given in pieces, in order, never throwing: a record is handed on
 * once whole (its payload a view, valid during the call). Damage stops the reading with the
 * offset where it is; everything before it has been handed on.
 */
export class RecordScanner {
  /** The start of a record whose rest has not come, as the pieces it came in: joined once, when
   *  the record is whole (joining at every piece would copy a large record over and over). */
  private held: Uint8Array[] = [];
  private heldLength = 0;
  /** Bytes the held record needs to be whole (its header, then its payload). */
  private needed = 0;
  /** File offset of `held[0]`. */
  private heldAt = 0;
  private headerRead = false;
  private stopped: FormatProblem | undefined;

  constructor(private readonly onRecord: RecordListener) {}

  get problem(): FormatProblem | undefined {
    return this.stopped;
  }

  push(piece: Uint8Array): void {
    if (this.stopped) return;
    if (this.heldLength > 0 && this.heldLength + piece.length < this.needed) {
      this.held.push(piece.slice());
      this.heldLength += piece.length;
      return;
    }
    const data = this.heldLength === 0 ? piece : concatBytes([...this.held, piece]);
    let at = 0;
    this.needed = 0;
    if (!this.headerRead) {
      if (data.length < FILE_HEADER_SIZE) {
        this.keep(data, 0, FILE_HEADER_SIZE);
        return;
      }
      const problem = checkFileHeader(data);
      if (problem) return void this.stop(problem);
      this.headerRead = true;
      at = FILE_HEADER_SIZE;
    }
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    while (data.length - at >= RECORD_HEADER_SIZE) {
      const kind = KIND_OF_ID.get(view.getUint8(at));
      const dirId = view.getUint8(at + 1);
      const length = view.getUint32(at + 4, true);
      const offset = this.heldAt + at;
      if (!kind) return void this.stop({ offset, message: `Record at byte ${offset} has an unknown kind (${view.getUint8(at)})` });
      if (dirId > 1) return void this.stop({ offset, message: `Record at byte ${offset} has an unknown direction (${dirId})` });
      if (length > MAX_RECORD_PAYLOAD) return void this.stop({ offset, message: `Record at byte ${offset} claims ${length} bytes, more than a record holds` });
      if (data.length - at - RECORD_HEADER_SIZE < length) {
        this.needed = RECORD_HEADER_SIZE + length;
        break;
      }
      const time = view.getFloat64(at + 8, true);
      if (!Number.isFinite(time)) return void this.stop({ offset, message: `Record at byte ${offset} has no valid time` });
      const head: RecordHead = { kind, dir: DIRECTION_OF_ID[dirId], stream: view.getUint16(at + 2, true), time };
      this.onRecord(head, data.subarray(at + RECORD_HEADER_SIZE, at + RECORD_HEADER_SIZE + length), offset);
      at += RECORD_HEADER_SIZE + length;
    }
    this.heldAt += at;
    this.keep(data, at, Math.max(this.needed, RECORD_HEADER_SIZE));
  }

  /** Holds `data` from `at` (a copy: the caller may reuse its buffer) until `needed` bytes are in. */
  private keep(data: Uint8Array, at: number, needed: number): void {
    this.held = at === data.length ? [] : [data.slice(at)];
    this.heldLength = data.length - at;
    this.needed = needed;
  }

  /** The file ended: a record cut short is where it breaks. */
  end(): FormatProblem | undefined {
    if (this.stopped) return this.stopped;
    if (!this.headerRead) return this.stop({ offset: 0, message: this.heldLength === 0 ? 'The file is empty' : 'The file ends inside its header: not a trace file' });
    if (this.heldLength > 0) return this.stop({ offset: this.heldAt, message: `The file ends inside a record at byte ${this.heldAt} (${this.heldLength} bytes of it)` });
    return undefined;
  }

  private stop(problem: FormatProblem): FormatProblem {
    this.stopped = problem;
    this.held = [];
    this.heldLength = 0;
    return problem;
  }
}

function checkFileHeader(data: Uint8Array): FormatProblem | undefined {
  for (let index = 0; index < TRACE_MAGIC.length; index++) {
    if (data[index] !== TRACE_MAGIC[index]) return { offset: 0, message: 'Not an MQTT Scope trace file (its first bytes are not the trace signature)' };
  }
  const version = new DataView(data.buffer, data.byteOffset).getUint16(8, true);
  if (version !== TRACE_VERSION) return { offset: 8, message: `Trace format version ${version} is not one this app reads (it reads version ${TRACE_VERSION})` };
  return undefined;
}


export function isTraceFile(bytes: Uint8Array): boolean {
  return bytes.length >= TRACE_MAGIC.length && TRACE_MAGIC.every((byte, index) => bytes[index] === byte);
}
