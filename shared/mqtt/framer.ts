// Turns a TCP byte stream into whole MQTT packets: a packet split over many chunks, many packets
// in one chunk. Separate from decoding: the framer only reads the fixed header's length.
import { MAX_REMAINING_LENGTH } from './constants';

export type Frame =
  | { kind: 'packet'; bytes: Uint8Array }
  /** Larger than the maximum packet size: reported from its header, its bytes skipped, never buffered. */
  | { kind: 'oversize'; header: Uint8Array; declaredSize: number }
  /** The stream cannot be framed any further (a remaining length past four bytes). */
  | { kind: 'malformed'; bytes: Uint8Array; message: string };

export interface FramerOptions {
  /** Largest whole packet, in bytes, that is buffered and returned. */
  maxPacketSize?: number;
}

/** Reads a fixed header's length prefix: its total size, 'more' when incomplete, or an error. */
function headerSize(buffer: Uint8Array): { headerLength: number; total: number } | 'more' | 'malformed' {
  let remaining = 0;
  for (let i = 1; i <= 4; i++) {
    if (i >= buffer.length) return 'more';
    const byte = buffer[i];
    remaining += (byte & 0x7f) * 128 ** (i - 1);
    if ((byte & 0x80) === 0) return { headerLength: i + 1, total: i + 1 + remaining };
  }
  return 'malformed';
}

export class MqttFramer {
  private buffer: Uint8Array = new Uint8Array(0);
  private skipping = 0;
  private broken = false;
  private readonly maxPacketSize: number;

  constructor(options: FramerOptions = {}) {
    this.maxPacketSize = options.maxPacketSize ?? MAX_REMAINING_LENGTH + 5;
  }

  /** Bytes held back waiting for the rest of a packet. */
  get pending(): number {
    return this.buffer.length;
  }

  push(chunk: Uint8Array): Frame[] {
    if (this.broken) return [{ kind: 'malformed', bytes: chunk, message: 'Bytes after a stream that could not be framed' }];
    let data = chunk;
    if (this.skipping > 0) {
      const skipped = Math.min(this.skipping, data.length);
      this.skipping -= skipped;
      data = data.subarray(skipped);
    }
    this.buffer = this.buffer.length === 0 ? data : concat(this.buffer, data);
    const frames: Frame[] = [];
    while (this.buffer.length > 0) {
      const size = headerSize(this.buffer);
      if (size === 'more') break;
      if (size === 'malformed') {
        this.broken = true;
        frames.push({ kind: 'malformed', bytes: this.buffer, message: 'Remaining length continues past four bytes [MQTT-1.5.5-1]' });
        this.buffer = new Uint8Array(0);
        break;
      }
      if (size.total > this.maxPacketSize) {
        frames.push({ kind: 'oversize', header: this.buffer.slice(0, size.headerLength), declaredSize: size.total });
        const available = Math.min(size.total, this.buffer.length);
        this.skipping = size.total - available;
        this.buffer = this.buffer.subarray(available);
        continue;
      }
      if (this.buffer.length < size.total) break;
      frames.push({ kind: 'packet', bytes: this.buffer.slice(0, size.total) });
      this.buffer = this.buffer.subarray(size.total);
    }
    if (this.buffer.length > 0 && this.buffer.byteOffset > 0) this.buffer = this.buffer.slice();
    return frames;
  }

  /** At the end of the stream: whatever is left is an incomplete packet. */
  end(): Frame[] {
    if (this.buffer.length === 0) return [];
    const bytes = this.buffer;
    this.buffer = new Uint8Array(0);
    return [{ kind: 'malformed', bytes, message: `The stream ended inside a packet (${bytes.length} bytes of an incomplete packet)` }];
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
