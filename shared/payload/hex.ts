// The hex and Base64 forms of a payload: a dump of 16 bytes a line (offset, bytes, ASCII), cut
// at a limit for drawing; the whole for copying.
import { toHex } from '../mqtt/field';

const LINE_BYTES = 16;

/** Lines of `offset  hex bytes  |ascii|` for the first `limit` bytes. */
export function hexDumpLines(bytes: Uint8Array, limit = bytes.length): string[] {
  const end = Math.min(bytes.length, limit);
  const lines: string[] = [];
  for (let at = 0; at < end; at += LINE_BYTES) {
    const stop = Math.min(end, at + LINE_BYTES);
    const pairs = toHex(bytes, at, stop).replace(/(..)(?!$)/g, '$1 ');
    let ascii = '';
    for (let index = at; index < stop; index++) ascii += bytes[index] >= 0x20 && bytes[index] < 0x7f ? String.fromCharCode(bytes[index]) : '.';
    lines.push(`${at.toString(16).padStart(8, '0')}  ${pairs.padEnd(LINE_BYTES * 3 - 1)}  |${ascii}|`);
  }
  return lines;
}

/** Spaced hex pairs, as a person pastes them elsewhere: `7b 22 6e 22`. */
export const spacedHex = (bytes: Uint8Array): string => toHex(bytes).replace(/(..)(?!$)/g, '$1 ');

/** Standard Base64 (RFC 4648 §4), padded. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // In pieces: String.fromCharCode takes its bytes as arguments, and arguments are bounded.
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}
