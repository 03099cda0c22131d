// The one reader of the Variable Byte Integer (v3.1.1 2.2.3, v5 1.5.5): a remaining length, a
// property block's length, a Subscription Identifier. Seven bits a byte, low bits first, the top
// bit saying another byte follows; at most four bytes. It never throws and allocates nothing:
// the value and the bytes it took come back packed in one small integer.
import { VBI_MAX_BYTES } from '../limits';

/** The bytes end before the integer does (more may come on a stream). */
export const VBI_INCOMPLETE = -1;
/** Four bytes that all say another follows [MQTT-1.5.5-1]: no fifth byte can make it valid. */
export const VBI_MALFORMED = -2;

/**
 * Reads the integer starting at `bytes[at]`, looking no further than `end`. Returns a read for
 * `vbiValue` and `vbiSize` (never negative), or VBI_INCOMPLETE or VBI_MALFORMED.
 */
export function readVariableByteInteger(bytes: Uint8Array, at: number, end: number): number {
  // Unrolled: the common one-byte case returns after one comparison.
  if (at >= end) return VBI_INCOMPLETE;
  let byte = bytes[at];
  if (byte < 0x80) return byte << 2;
  let value = byte & 0x7f;
  for (let size = 2; size <= VBI_MAX_BYTES; size++) {
    if (at + size > end) return VBI_INCOMPLETE;
    byte = bytes[at + size - 1];
    value |= (byte & 0x7f) << (7 * (size - 1));
    // Four bytes of seven bits: at most 2^28 − 1, so the value shifted by two still fits a small integer.
    if (byte < 0x80) return (value << 2) | (size - 1);
  }
  return VBI_MALFORMED;
}

/** The integer a successful read holds. */
export function vbiValue(read: number): number {
  return read >>> 2;
}

/** The bytes a successful read took (1 to 4). */
export function vbiSize(read: number): number {
  return (read & 3) + 1;
}

/**
 * True when the integer took more bytes than its value needs: its last byte is 0 after a first
 * [MQTT-1.5.5-1 asks for the fewest bytes].
 */
export function vbiIsPadded(read: number): boolean {
  return (read & 3) !== 0 && vbiValue(read) < 1 << (7 * (read & 3));
}
