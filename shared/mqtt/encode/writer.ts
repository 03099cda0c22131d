// Writes packet bytes: big-endian integers, Variable Byte Integers, length-prefixed strings.
// Nothing is checked, so crafted packets can be as wrong as a test or the lab needs.
import { PACKET_SLAB_BYTES } from '../../limits';

const utf8 = new TextEncoder();

/** Packets are cut from shared slabs, never written over (as Node's Buffer pool does, but each a
 *  plain Uint8Array): a burst of small packets is not an ArrayBuffer each. */
let slab = new ArrayBuffer(PACKET_SLAB_BYTES);
let slabUsed = 0;

export function allocatePacket(size: number): Uint8Array {
  if (size > PACKET_SLAB_BYTES / 8) return new Uint8Array(size);
  if (slabUsed + size > PACKET_SLAB_BYTES) {
    slab = new ArrayBuffer(PACKET_SLAB_BYTES);
    slabUsed = 0;
  }
  const bytes = new Uint8Array(slab, slabUsed, size);
  // Kept aligned to 8 bytes, as Node aligns its pool.
  slabUsed += (size + 7) & ~7;
  return bytes;
}

/** Bytes a Variable Byte Integer of `value` takes, padded to `minBytes`. */
export function varintLength(value: number, minBytes = 1): number {
  let length = 1;
  for (let rest = Math.floor(value / 128); rest > 0; rest = Math.floor(rest / 128)) length++;
  return Math.max(length, minBytes);
}

/** Writes a Variable Byte Integer at `at`; `minBytes` pads it to a longer, non-minimal form. */
export function writeVarint(target: Uint8Array, at: number, value: number, minBytes = 1): number {
  let rest = value;
  let written = 0;
  do {
    let byte = rest % 128;
    rest = Math.floor(rest / 128);
    written++;
    if (rest > 0 || written < minBytes) byte |= 0x80;
    target[at++] = byte;
  } while (rest > 0 || written < minBytes);
  return at;
}

export class PacketWriter {
  private bytes = new Uint8Array(64);
  private size = 0;

  private room(extra: number): void {
    if (this.size + extra <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.size + extra));
    grown.set(this.bytes.subarray(0, this.size));
    this.bytes = grown;
  }

  u8(value: number): this {
    this.room(1);
    this.bytes[this.size++] = value & 0xff;
    return this;
  }

  u16(value: number): this {
    return this.u8(value >> 8).u8(value);
  }

  u32(value: number): this {
    return this.u16(Math.floor(value / 0x10000)).u16(value & 0xffff);
  }

  /** A Variable Byte Integer; `minBytes` pads it to a longer, non-minimal form on purpose. */
  varint(value: number, minBytes = 1): this {
    this.room(varintLength(value, minBytes));
    this.size = writeVarint(this.bytes, this.size, value, minBytes);
    return this;
  }

  raw(bytes: Uint8Array): this {
    this.room(bytes.length);
    this.bytes.set(bytes, this.size);
    this.size += bytes.length;
    return this;
  }

  /** Two-byte length, then the bytes (text is written as UTF-8, straight into the buffer). */
  prefixed(value: string | Uint8Array): this {
    if (typeof value !== 'string') return this.u16(value.length).raw(value);
    this.room(2 + value.length * 3);
    const start = this.size;
    const { written } = utf8.encodeInto(value, this.bytes.subarray(start + 2));
    this.bytes[start] = written >> 8;
    this.bytes[start + 1] = written & 0xff;
    this.size += 2 + written;
    return this;
  }

  /** Text as UTF-8 with no length before it (a payload). */
  text(value: string): this {
    this.room(value.length * 3);
    this.size += utf8.encodeInto(value, this.bytes.subarray(this.size)).written;
    return this;
  }

  get length(): number {
    return this.size;
  }

  toBytes(): Uint8Array {
    return this.bytes.slice(0, this.size);
  }

  /** The bytes written so far, without a copy; valid until the next write. */
  view(): Uint8Array {
    return this.bytes.subarray(0, this.size);
  }
}
