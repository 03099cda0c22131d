// What the topic index needs of a PUBLISH, read straight from the hex a trace entry carries
// (no tree, no copy of the payload): its topic (or topic alias), retain flag, QoS, and where its
// payload lies. Pure and total: bytes that are not a well-formed PUBLISH give undefined.
import { PROPERTY_BY_ID, type PropertyWireType } from './properties';
import { checkUtf8, decodeUtf8Unchecked, UTF8_VALID } from './utf8';

const PUBLISH = 3;
const TOPIC_ALIAS = 0x23;

export interface PublishHeader {
  /** Empty when a v5 topic alias stands for it (v5 3.3.2.3.4). */
  topic: string;
  topicAlias?: number;
  retain: boolean;
  qos: number;
  /** Where the payload begins in the packet, in bytes, and how many it has. */
  payloadOffset: number;
  payloadLength: number;
}

export function readPublishHeader(hex: string, protocolLevel: number): PublishHeader | undefined {
  const size = hex.length >>> 1;
  const byteAt = (index: number) => (nibble(hex.charCodeAt(index * 2)) << 4) | nibble(hex.charCodeAt(index * 2 + 1));
  if (size < 2) return undefined;
  const first = byteAt(0);
  if (first >> 4 !== PUBLISH) return undefined;
  let at = 1;
  let remaining = 0;
  let multiplier = 1;
  for (;;) {
    if (at >= size || at > 4) return undefined;
    const byte = byteAt(at++);
    remaining += (byte & 0x7f) * multiplier;
    multiplier *= 128;
    if ((byte & 0x80) === 0) break;
  }
  const end = at + remaining;
  if (end !== size || at + 2 > end) return undefined;
  const topicLength = (byteAt(at) << 8) | byteAt(at + 1);
  at += 2;
  if (at + topicLength > end) return undefined;
  const topicBytes = new Uint8Array(topicLength);
  for (let index = 0; index < topicLength; index++) topicBytes[index] = byteAt(at + index);
  if (checkUtf8(topicBytes, 0, topicLength) !== UTF8_VALID) return undefined;
  at += topicLength;
  const qos = (first >> 1) & 3;
  if (qos > 0) at += 2;
  let topicAlias: number | undefined;
  if (protocolLevel === 5) {
    let length = 0;
    multiplier = 1;
    for (let count = 0; ; count++) {
      if (at >= end || count === 4) return undefined;
      const byte = byteAt(at++);
      length += (byte & 0x7f) * multiplier;
      multiplier *= 128;
      if ((byte & 0x80) === 0) break;
    }
    const propertiesEnd = at + length;
    if (propertiesEnd > end) return undefined;
    while (at < propertiesEnd) {
      const id = byteAt(at++);
      const type = PROPERTY_BY_ID[id]?.type;
      if (!type) return undefined;
      if (id === TOPIC_ALIAS && at + 2 <= propertiesEnd) topicAlias = (byteAt(at) << 8) | byteAt(at + 1);
      const skipped = propertySize(type, at, propertiesEnd, byteAt);
      if (skipped < 0) return undefined;
      at += skipped;
    }
  }
  if (at > end) return undefined;
  return { topic: decodeUtf8Unchecked(topicBytes, 0, topicLength), ...(topicAlias !== undefined ? { topicAlias } : {}), retain: (first & 1) === 1, qos, payloadOffset: at, payloadLength: end - at };
}

/** Bytes a property's value takes from `at`, or -1 past `end`. */
function propertySize(type: PropertyWireType, at: number, end: number, byteAt: (index: number) => number): number {
  const twoByteLength = (from: number) => (from + 2 <= end ? 2 + ((byteAt(from) << 8) | byteAt(from + 1)) : end + 1);
  let size: number;
  switch (type) {
    case 'byte': size = 1; break;
    case 'two-byte': size = 2; break;
    case 'four-byte': size = 4; break;
    case 'varint': {
      size = 1;
      while (at + size - 1 < end && byteAt(at + size - 1) & 0x80 && size < 4) size++;
      break;
    }
    case 'utf8':
    case 'binary': size = twoByteLength(at); break;
    case 'utf8-pair': {
      const key = twoByteLength(at);
      size = key + twoByteLength(at + key);
      break;
    }
  }
  return at + size <= end ? size : -1;
}

function nibble(code: number): number {
  // '0'-'9' → 0-9, 'a'-'f' / 'A'-'F' → 10-15.
  return code <= 57 ? code - 48 : (code | 0x20) - 87;
}
