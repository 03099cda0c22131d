// UTF-8 as MQTT wants it: a validator that scans bytes without allocating (the common case is
// ASCII), and a decoder used only when a value is actually read.
const decoder = new TextDecoder('utf-8');

export const UTF8_VALID = 0;
export const UTF8_INVALID = 1;
/** Well-formed, but holding U+0000, which MQTT strings must not [MQTT-1.5.3-2]. */
export const UTF8_HAS_NULL = 2;

/** Checks well-formed UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF). */
export function checkUtf8(bytes: Uint8Array, start: number, end: number): number {
  let result = UTF8_VALID;
  let i = start;
  while (i < end) {
    const byte = bytes[i];
    if (byte < 0x80) {
      if (byte === 0) result = UTF8_HAS_NULL;
      i++;
      continue;
    }
    let needed: number;
    let min: number;
    let codePoint: number;
    if (byte >= 0xc2 && byte <= 0xdf) {
      needed = 1;
      min = 0x80;
      codePoint = byte & 0x1f;
    } else if (byte >= 0xe0 && byte <= 0xef) {
      needed = 2;
      min = 0x800;
      codePoint = byte & 0x0f;
    } else if (byte >= 0xf0 && byte <= 0xf4) {
      needed = 3;
      min = 0x10000;
      codePoint = byte & 0x07;
    } else {
      return UTF8_INVALID;
    }
    if (i + needed >= end) return UTF8_INVALID;
    for (let k = 1; k <= needed; k++) {
      const next = bytes[i + k];
      if ((next & 0xc0) !== 0x80) return UTF8_INVALID;
      codePoint = (codePoint << 6) | (next & 0x3f);
    }
    if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return UTF8_INVALID;
    i += needed + 1;
  }
  return result;
}

/**
 * Under Node, Buffer's own UTF-8 reader takes a third less time than TextDecoder for the short
 * strings MQTT is made of; it is found without importing Node, so the browser uses TextDecoder.
 */
const nodeUtf8Slice = (globalThis as { Buffer?: { prototype?: { utf8Slice?: (this: Uint8Array, start: number, end: number) => string } } }).Buffer
  ?.prototype?.utf8Slice;

/**
 * Binary data read as Wireshark reads it into a string field (its MQTT 5 Correlation Data and
 * Authentication Data): UTF-8 up to the first NUL, each invalid sequence replaced by U+FFFD.
 */
export function textUpToNul(bytes: Uint8Array, start: number, end: number): string {
  let stop = start;
  while (stop < end && bytes[stop] !== 0) stop++;
  return decoder.decode(bytes.subarray(start, stop));
}

/** Decodes bytes already known to be valid UTF-8. */
export function decodeUtf8Unchecked(bytes: Uint8Array, start: number, end: number): string {
  return nodeUtf8Slice ? nodeUtf8Slice.call(bytes, start, end) : decoder.decode(bytes.subarray(start, end));
}

/** Bytes `text` takes as UTF-8 (a lone surrogate as U+FFFD's three, as TextEncoder writes it),
 *  counted without encoding it. */
export function utf8Length(text: string): number {
  let length = 0;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code < 0x80) length += 1;
    else if (code < 0x800) length += 2;
    else if (code >= 0xd800 && code <= 0xdbff && at + 1 < text.length && (text.charCodeAt(at + 1) & 0xfc00) === 0xdc00) {
      length += 4;
      at++;
    } else length += 3;
  }
  return length;
}
