// The start of a payload as a person reads it in a list: text when it is UTF-8, else hex, cut.
import { toHex } from '../mqtt/field';
import { checkUtf8, decodeUtf8Unchecked, UTF8_INVALID } from '../mqtt/utf8';

export function payloadPreview(payload: Uint8Array, maxBytes: number): string {
  // Cut between characters, not inside one (which would read as not UTF-8).
  let end = Math.min(payload.length, maxBytes);
  for (let back = 0; back < 3 && end > 0 && end < payload.length && (payload[end] & 0xc0) === 0x80; back++) end--;
  const head = payload.subarray(0, end);
  const text = checkUtf8(head, 0, head.length) === UTF8_INVALID ? toHex(head) : decodeUtf8Unchecked(head, 0, head.length);
  return payload.length > maxBytes ? `${text}…` : text;
}
