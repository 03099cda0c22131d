// Turns a TCP byte stream into whole MQTT packets: a packet split over many chunks, many packets
// in one chunk. Separate from decoding: the framer only reads the fixed header's length.
import { MAX_PACKET_BYTES } from '../limits';
import { concatBytes } from './field';
import { fixedHeaderLength, packetLength, readFixedHeader } from './fixed-header';
import { VBI_INCOMPLETE, VBI_MALFORMED } from './variable-byte-integer';

export type Frame =
  | { kind: 'packet'; bytes: Uint8Array }
  /** Larger than the maximum packet size: reported from its header, its bytes skipped, never buffered. */
  | { kind: 'oversize'; header: Uint8Array; declaredSize: number }
  /** The stream cannot be framed any further (a remaining length past four bytes); after that,
   *  each chunk is told by its length alone (`streamBytes`), its bytes not kept: a stream that
   *  goes on sending what is not MQTT holds no copy of it here. */
  | { kind: 'malformed'; bytes: Uint8Array; message: string; streamBytes?: number }
  /** The stream ended inside a packet: its first bytes, as far as they came. */
  | { kind: 'truncated'; bytes: Uint8Array; message: string };

/** Bytes the framer could not make a whole packet of. */
export type UnframedBytes = Exclude<Frame, { kind: 'packet' }>;

export interface FramerOptions {
  /** Largest whole packet, in bytes, that is buffered and returned. */
  maxPacketSize?: number;
}

/** How much of an unframeable stream is kept to be looked at. */
const MALFORMED_SAMPLE = 4096;

export class MqttFramer {
  /**
   * The start of a packet whose rest has not arrived yet, as the chunks it came in: each chunk is
   * copied when held and the packet once more when it completes — twice in all, never once per
   * chunk (that would be quadratic in its size).
   */
  private pendingChunks: Uint8Array[] = [];
  private pendingLength = 0;
  /** The whole size of the pending packet, once its fixed header has arrived. */
  private pendingTotal: number | undefined;
  private skipping = 0;
  private isBroken = false;
  private readonly maxPacketSize: number;

  constructor(options: FramerOptions = {}) {
    this.maxPacketSize = options.maxPacketSize ?? MAX_PACKET_BYTES;
  }

  /** True once the stream could not be framed: everything after is reported, not framed. */
  get broken(): boolean {
    return this.isBroken;
  }

  /** Bytes held back waiting for the rest of a packet. */
  get pending(): number {
    return this.pendingLength;
  }

  /** Frames the chunk; a packet's bytes are a view into the chunk, valid while it is not reused. */
  push(chunk: Uint8Array): Frame[] {
    const frames: Frame[] = [];
    this.scan(
      chunk,
      (buffer, start, end) => frames.push({ kind: 'packet', bytes: buffer.subarray(start, end) }),
      (frame) => frames.push(frame),
    );
    return frames;
  }

  /**
   * Frames the chunk without making an object per packet: `onPacket` gets the buffer and the
   * packet's bounds in it (the fast path for summaries); `onOther` the oversize and malformed.
   */
  scan(chunk: Uint8Array, onPacket: (buffer: Uint8Array, start: number, end: number) => void, onOther: (frame: UnframedBytes) => void): void {
    if (this.isBroken) {
      // Kept as a sample only: a peer that streams garbage must not fill memory.
      onOther({ kind: 'malformed', bytes: new Uint8Array(0), message: `${chunk.length} bytes after a stream that could not be framed`, streamBytes: chunk.length });
      return;
    }
    // A plain view of the same bytes: a Node Buffer's own subarray costs a third more than a
    // Uint8Array's, and decoders that only ever see Uint8Array stay monomorphic.
    let data = chunk.constructor === Uint8Array ? chunk : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length);
    if (this.skipping > 0) {
      const skipped = Math.min(this.skipping, data.length);
      this.skipping -= skipped;
      data = data.subarray(skipped);
    }
    if (this.pendingTotal !== undefined) {
      // The header is known: gather the chunks until the packet is whole, then copy it once.
      const missing = this.pendingTotal - this.pendingLength;
      if (data.length < missing) {
        this.hold(data.slice());
        return;
      }
      this.hold(data.subarray(0, missing));
      onPacket(this.takePending(), 0, this.pendingTotal);
      this.pendingTotal = undefined;
      data = data.subarray(missing);
    }
    // Only a fixed header cut short (at most four bytes) is joined to the next chunk here.
    const buffer = this.pendingLength === 0 ? data : concatBytes([this.takePending(), data]);
    const length = buffer.length;
    let position = 0;
    while (position < length) {
      const header = readFixedHeader(buffer, position, length);
      if (header === VBI_INCOMPLETE) break;
      if (header === VBI_MALFORMED) {
        this.isBroken = true;
        const rest = length - position;
        onOther({
          kind: 'malformed',
          bytes: buffer.slice(position, position + MALFORMED_SAMPLE),
          message: `Remaining length continues past four bytes [MQTT-1.5.5-1]; the stream cannot be framed any further${rest > MALFORMED_SAMPLE ? ` (${rest} bytes, the first ${MALFORMED_SAMPLE} kept)` : ''}`,
          streamBytes: rest,
        });
        position = length;
        break;
      }
      const total = packetLength(header);
      if (total > this.maxPacketSize) {
        onOther({ kind: 'oversize', header: buffer.slice(position, position + fixedHeaderLength(header)), declaredSize: total });
        const available = Math.min(total, length - position);
        this.skipping = total - available;
        position += available;
        continue;
      }
      if (length - position < total) {
        this.pendingTotal = total;
        break;
      }
      onPacket(buffer, position, position + total);
      position += total;
    }
    if (position < length) this.hold(buffer.slice(position));
  }

  /** At the end of the stream: whatever is left is an incomplete packet. */
  end(): UnframedBytes[] {
    if (this.pendingLength === 0) return [];
    const bytes = this.takePending();
    this.pendingTotal = undefined;
    return [{ kind: 'truncated', bytes, message: `The stream ended inside a packet (${bytes.length} bytes of an incomplete packet)` }];
  }

  private hold(bytes: Uint8Array): void {
    this.pendingChunks.push(bytes);
    this.pendingLength += bytes.length;
  }

  /** The pending bytes as one array (copied once), and nothing pending any more. */
  private takePending(): Uint8Array {
    const chunks = this.pendingChunks;
    const joined = chunks.length === 1 ? chunks[0] : concatBytes(chunks);
    this.pendingChunks = [];
    this.pendingLength = 0;
    return joined;
  }
}
