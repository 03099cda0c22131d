// The fixed header as bytes (v3.1.1 2.2, v5 2.1): a byte of packet type and flags, then the
// remaining length. The one reader of it for the framer, the summary, the decoder, the broker's
// size guard and the capture sniffer; decode/fixed-header.ts makes its fields.
import { PUBLISH_FLAGS } from './constants';
import { readVariableByteInteger, vbiSize, vbiValue } from './variable-byte-integer';

/**
 * Reads the fixed header of the packet at `bytes[at]`, looking no further than `end`: the read of
 * its remaining length (see variable-byte-integer.ts), or VBI_INCOMPLETE when the header is cut
 * short, VBI_MALFORMED when the length runs past four bytes.
 */
export function readFixedHeader(bytes: Uint8Array, at: number, end: number): number {
  return readVariableByteInteger(bytes, at + 1, end);
}

/** Bytes of the fixed header (2 to 5): where the variable header starts. */
export function fixedHeaderLength(read: number): number {
  return 1 + vbiSize(read);
}

/** The remaining length: the bytes after the fixed header. */
export function remainingLength(read: number): number {
  return vbiValue(read);
}

/** The whole packet's size as its header declares it. */
export function packetLength(read: number): number {
  return 1 + vbiSize(read) + vbiValue(read);
}

export function packetTypeOf(first: number): number {
  return first >> 4;
}

export function headerFlagsOf(first: number): number {
  return first & 0x0f;
}

/** A PUBLISH's QoS from its first byte, or from its flags alone: they are its low four bits (v5 3.3.1). */
export function publishQos(first: number): number {
  return (first & PUBLISH_FLAGS.qos) >> 1;
}

export function publishRetain(first: number): boolean {
  return (first & PUBLISH_FLAGS.retain) !== 0;
}

export function publishDup(first: number): boolean {
  return (first & PUBLISH_FLAGS.dup) !== 0;
}
