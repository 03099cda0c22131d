// UTF-8 as MQTT wants it: a validator that scans bytes without allocating (the common case is
// ASCII), and a decoder used only when a value is actually read.
const decoder = new TextDecoder('utf-8');

export const UTF8_VALID = 0;
export const UTF8_INVALID = 1;
/** Well-formed, but holding U+0000, which MQTT strings must not [MQTT-1.5.3-2]. */
export const UTF8_HAS_NULL = 2;

/** checkText's verdict holds checkUtf8's in these bits, and these flags beside it: */
export const UTF8_VERDICT = 3;
/** `+` or `#`, which a topic name must not hold [MQTT-3.3.2-2]. */
export const TEXT_HAS_WILDCARD = 4;
/** A byte past ASCII: the text is not made as ASCII. */
export const TEXT_NOT_ASCII = 8;

/**
 * What each byte says about a text, to be OR-ed over its bytes without a branch: most MQTT text is
 * ASCII, and one table load a byte is cheaper than comparing it three ways.
 */
const BYTE_CLASS = Uint8Array.from({ length: 256 }, (_, byte) =>
  byte === 0 ? UTF8_HAS_NULL : byte === 0x23 || byte === 0x2b ? TEXT_HAS_WILDCARD : byte >= 0x80 ? TEXT_NOT_ASCII : 0,
);

function classOf(bytes: Uint8Array, start: number, end: number): number {
  const classes = BYTE_CLASS;
  let seen = 0;
  let i = start;
  // Four bytes a turn: the loop's own work is a third of each byte's.
  for (const last = end - 3; i < last; i += 4) seen |= classes[bytes[i]] | classes[bytes[i + 1]] | classes[bytes[i + 2]] | classes[bytes[i + 3]];
  for (; i < end; i++) seen |= classes[bytes[i]];
  return seen;
}

/** Checks well-formed UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF). */
export function checkUtf8(bytes: Uint8Array, start: number, end: number): number {
  return checkText(bytes, start, end) & UTF8_VERDICT;
}

/** checkUtf8's verdict, with TEXT_HAS_WILDCARD and TEXT_NOT_ASCII beside it: one pass for all when the text is ASCII. */
export function checkText(bytes: Uint8Array, start: number, end: number): number {
  const seen = classOf(bytes, start, end);
  return seen & TEXT_NOT_ASCII ? checkMultiByte(bytes, start, end) | (seen & (TEXT_HAS_WILDCARD | TEXT_NOT_ASCII)) : seen;
}

function checkMultiByte(bytes: Uint8Array, start: number, end: number): number {
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
type NodeSlice = (this: Uint8Array, start: number, end: number) => string;
const nodeBuffer = (globalThis as { Buffer?: { prototype?: { utf8Slice?: NodeSlice; latin1Slice?: NodeSlice } } }).Buffer?.prototype;
const nodeUtf8Slice = nodeBuffer?.utf8Slice;
/** For ASCII it makes the same string, without UTF-8's work. */
const nodeLatin1Slice = nodeBuffer?.latin1Slice;

/**
 * Binary data read as Wireshark reads it into a string field (its MQTT 5 Correlation Data and
 * Authentication Data): UTF-8 up to the first NUL, each invalid sequence replaced by U+FFFD.
 */
export function textUpToNul(bytes: Uint8Array, start: number, end: number): string {
  let stop = start;
  while (stop < end && bytes[stop] !== 0) stop++;
  return decoder.decode(bytes.subarray(start, stop));
}

/** Decodes bytes already known to be ASCII (checkText says so). */
export function decodeAscii(bytes: Uint8Array, start: number, end: number): string {
  if (end - start <= SHORT_TEXT) return shortText(bytes, start, end);
  return nodeLatin1Slice ? nodeLatin1Slice.call(bytes, start, end) : decoder.decode(bytes.subarray(start, end));
}

/** Decodes bytes already known to be valid UTF-8. */
export function decodeUtf8Unchecked(bytes: Uint8Array, start: number, end: number): string {
  if (end - start <= SHORT_TEXT) {
    const text = shortAscii(bytes, start, end);
    if (text !== undefined) return text;
  }
  return nodeUtf8Slice ? nodeUtf8Slice.call(bytes, start, end) : decoder.decode(bytes.subarray(start, end));
}

/** Up to this many bytes, ASCII is made into a string here: a call into Node or TextDecoder costs
 *  more than the characters (a payload such as `21.5`). */
const SHORT_TEXT = 12;
const char = String.fromCharCode;

function shortAscii(b: Uint8Array, s: number, end: number): string | undefined {
  let any = 0;
  for (let i = s; i < end; i++) any |= b[i];
  return any < 0x80 ? shortText(b, s, end) : undefined;
}

/** At most SHORT_TEXT bytes known to be ASCII. */
function shortText(b: Uint8Array, s: number, end: number): string {
  const n = end - s;
  if (n > 8) return char(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7]) + shortText(b, s + 8, end);
  switch (n) {
    case 0: return '';
    case 1: return char(b[s]);
    case 2: return char(b[s], b[s + 1]);
    case 3: return char(b[s], b[s + 1], b[s + 2]);
    case 4: return char(b[s], b[s + 1], b[s + 2], b[s + 3]);
    case 5: return char(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4]);
    case 6: return char(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5]);
    case 7: return char(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6]);
    default: return char(b[s], b[s + 1], b[s + 2], b[s + 3], b[s + 4], b[s + 5], b[s + 6], b[s + 7]);
  }
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
