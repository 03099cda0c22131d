// Puts one direction of a TCP stream back in order: segments delivered by sequence number,
// out-of-order ones held until the gap fills, retransmitted and overlapping bytes kept as first
// seen. Sequence numbers are unwrapped past 2^32 so a long stream stays in order. What is held
// is a copy of its own (a segment's bytes may be a view of a much larger block), counted here and
// in a count shared by every stream of a capture, so a bound over all of them can be kept.
import { MAX_HELD_BYTES } from '../limits';

export interface DeliveredPiece {
  bytes: Uint8Array;
  /** When the bytes became readable in order: their segment's time, or the time of the one that filled the gap before them. */
  time: number;
}

export interface StreamGap {
  /** File offset of the first segment after the gap. */
  offset: number;
  /** Bytes of the stream (from its first) before the gap. */
  at: number;
  missing: number;
}

interface Held {
  start: number;
  bytes: Uint8Array;
  offset: number;
}

/** Bytes held out of order by every reassembly that shares it. */
export interface HeldCount {
  bytes: number;
}

const TWO_TO_32 = 2 ** 32;

export class TcpReassembly {
  /** Unwrapped sequence number of the next byte to deliver; undefined before the first segment. */
  private next: number | undefined;
  private first = 0;
  /** Sorted by start, never overlapping. */
  private held: Held[] = [];
  private heldBytes = 0;

  constructor(
    private readonly deliver: (piece: DeliveredPiece) => void,
    private readonly onGap: (gap: StreamGap) => void,
    private readonly shared: HeldCount = { bytes: 0 },
  ) {}

  /** Bytes held until a gap before them fills. */
  get holding(): number {
    return this.heldBytes;
  }

  /** `seq` as on the wire (32 bits); a SYN takes one sequence number before the data. */
  accept(seq: number, isSyn: boolean, payload: Uint8Array, time: number, offset: number): void {
    const dataSeq = isSyn ? seq + 1 : seq;
    if (this.next === undefined) {
      // A capture that starts mid-stream starts at the first segment it saw.
      this.next = this.first = dataSeq;
    }
    if (payload.length === 0) return;
    let start = this.unwrap(dataSeq);
    let bytes = payload;
    if (start + bytes.length <= this.next) return;
    if (start < this.next) {
      bytes = bytes.subarray(this.next - start);
      start = this.next;
    }
    if (start === this.next && this.held.length === 0) {
      // In order, nothing waiting: the common case, delivered as it is.
      this.next = start + bytes.length;
      this.deliver({ bytes, time });
      return;
    }
    // Held bytes were seen first: the new segment only fills what they leave open.
    this.hold(start, bytes, offset);
    this.drain(time);
    if (this.heldBytes > MAX_HELD_BYTES) this.skipGap(time);
  }

  /** The stream ended, or what it holds must go: what is still held follows its gaps, each reported. */
  finish(time: number): void {
    while (this.held.length > 0) this.skipGap(time);
  }

  private unwrap(seq: number): number {
    const next = this.next!;
    return next + ((seq - (next % TWO_TO_32)) | 0);
  }

  private drain(time: number): void {
    while (this.held.length > 0 && this.held[0].start <= this.next!) {
      const piece = this.held.shift()!;
      this.count(-piece.bytes.length);
      const end = piece.start + piece.bytes.length;
      if (end <= this.next!) continue;
      this.deliver({ bytes: piece.bytes.subarray(this.next! - piece.start), time });
      this.next = end;
    }
  }

  private skipGap(time: number): void {
    const following = this.held[0];
    this.onGap({ offset: following.offset, at: this.next! - this.first, missing: following.start - this.next! });
    this.next = following.start;
    this.drain(time);
  }

  /** Keeps only the bytes no held piece already covers: the first seen win. */
  private hold(start: number, bytes: Uint8Array, offset: number): void {
    const end = start + bytes.length;
    let cursor = start;
    let index = 0;
    const pieces: Held[] = [];
    for (; index < this.held.length && cursor < end; index++) {
      const held = this.held[index];
      const heldEnd = held.start + held.bytes.length;
      if (heldEnd <= cursor) continue;
      if (held.start >= end) break;
      if (held.start > cursor) pieces.push({ start: cursor, bytes: bytes.subarray(cursor - start, held.start - start), offset });
      cursor = Math.max(cursor, heldEnd);
    }
    if (cursor < end) pieces.push({ start: cursor, bytes: bytes.subarray(cursor - start), offset });
    for (const piece of pieces) {
      // A copy even when given a Buffer, whose own slice() is a view.
      piece.bytes = new Uint8Array(piece.bytes);
      const at = this.held.findIndex((held) => held.start > piece.start);
      this.held.splice(at < 0 ? this.held.length : at, 0, piece);
      this.count(piece.bytes.length);
    }
  }

  private count(bytes: number): void {
    this.heldBytes += bytes;
    this.shared.bytes += bytes;
  }
}
