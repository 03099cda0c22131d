// The facts of a packet every reader of a trace needs, read from its bytes without building a
// tree: type, flags, size, packet identifier, topic (and v5 topic alias), QoS, retain, where a
// PUBLISH's payload lies, reason code. One object per packet; the topic's text is made when read.
import { packetTypeName } from './constants';
import { PROPERTY_BY_ID, type PropertyWireType } from './properties';
import { checkUtf8, decodeUtf8Unchecked, UTF8_INVALID } from './utf8';

const TOPIC_ALIAS = 0x23;

export class PacketSummary {
  type = 0;
  /** The low four bits of the first byte. */
  flags = 0;
  /** Whole packet size in bytes. */
  length = 0;
  packetId: number | undefined = undefined;
  qos: number | undefined = undefined;
  /** CONNACK return / reason code, or the first reason code of a v5 acknowledgement. */
  reasonCode: number | undefined = undefined;
  sessionPresent: boolean | undefined = undefined;
  /** PUBLISH: the retain flag. */
  retain = false;
  /** PUBLISH v5: the Topic Alias property, when it has one (v5 3.3.2.3.4). */
  topicAlias: number | undefined = undefined;
  /** A well-formed PUBLISH (its header read to the end, its topic valid UTF-8): where its payload
   *  begins in the packet and how many bytes it has. -1 for anything else. */
  payloadOffset = -1;
  payloadLength = -1;
  /** Set when the bytes are too short for what the header announces. */
  truncated = false;
  private topicBytes: Uint8Array | undefined = undefined;
  private topicStart = 0;
  private topicEnd = 0;
  private topicText: string | undefined = undefined;

  get typeName(): string {
    return packetTypeName(this.type);
  }

  /** PUBLISH topic name, or the first topic filter of a SUBSCRIBE / UNSUBSCRIBE. */
  get topic(): string | undefined {
    if (this.topicText === undefined && this.topicBytes) {
      const bytes = this.topicBytes;
      this.topicText = checkUtf8(bytes, this.topicStart, this.topicEnd) === UTF8_INVALID ? undefined : decodeUtf8Unchecked(bytes, this.topicStart, this.topicEnd);
      this.topicBytes = undefined;
    }
    return this.topicText;
  }

  setTopic(bytes: Uint8Array, start: number, end: number): void {
    this.topicBytes = bytes;
    this.topicStart = start;
    this.topicEnd = end;
  }
}

/** Summarizes the packet in `bytes[start, end)` (the whole array by default). Never throws. */
export function summarize(bytes: Uint8Array, protocolLevel = 4, start = 0, end = bytes.length): PacketSummary {
  const summary = new PacketSummary();
  const length = end - start;
  summary.length = length;
  if (length < 2) {
    summary.type = length ? bytes[start] >> 4 : 0;
    summary.truncated = true;
    return summary;
  }
  const first = bytes[start];
  const type = first >> 4;
  summary.type = type;
  summary.flags = first & 0x0f;
  let offset = start + 1;
  let remaining = 0;
  let multiplier = 1;
  let byte: number;
  do {
    if (offset >= end || offset > start + 4) {
      summary.truncated = true;
      return summary;
    }
    byte = bytes[offset++];
    remaining += (byte & 0x7f) * multiplier;
    multiplier *= 128;
  } while (byte & 0x80);
  const declaredEnd = offset + remaining;
  if (declaredEnd > end) summary.truncated = true;
  const limit = declaredEnd < end ? declaredEnd : end;

  switch (type) {
    case 2:
      if (offset + 1 < limit) {
        summary.sessionPresent = (bytes[offset] & 1) === 1;
        summary.reasonCode = bytes[offset + 1];
      }
      break;
    case 3: {
      const qos = (first >> 1) & 3;
      summary.qos = qos;
      summary.retain = (first & 1) === 1;
      if (offset + 1 >= limit) break;
      const topicEnd = offset + 2 + ((bytes[offset] << 8) | bytes[offset + 1]);
      if (topicEnd <= limit) summary.setTopic(bytes, offset + 2, topicEnd);
      if (qos > 0 && topicEnd + 1 < limit) summary.packetId = (bytes[topicEnd] << 8) | bytes[topicEnd + 1];
      if (declaredEnd === end && topicEnd <= end) readPayloadPlace(summary, bytes, qos > 0 ? topicEnd + 2 : topicEnd, end, protocolLevel, start);
      break;
    }
    case 4:
    case 5:
    case 6:
    case 7:
      if (offset + 1 < limit) summary.packetId = (bytes[offset] << 8) | bytes[offset + 1];
      if (protocolLevel === 5 && remaining > 2 && offset + 2 < limit) summary.reasonCode = bytes[offset + 2];
      break;
    case 8:
    case 9:
    case 10:
    case 11: {
      // (UN)SUBSCRIBE and their acks: packet identifier, v5 properties, then the first topic
      // filter (requests) or the first code (acks; a 3.x UNSUBACK has none).
      if (offset + 1 < limit) summary.packetId = (bytes[offset] << 8) | bytes[offset + 1];
      const at = protocolLevel === 5 ? skipProperties(bytes, offset + 2, limit) : offset + 2;
      if (type === 8 || type === 10) {
        const filterEnd = at + 1 < limit ? at + 2 + ((bytes[at] << 8) | bytes[at + 1]) : limit + 1;
        if (filterEnd <= limit) summary.setTopic(bytes, at + 2, filterEnd);
      } else if (at < limit && (type === 9 || protocolLevel === 5)) {
        summary.reasonCode = bytes[at];
      }
      break;
    }
    case 14:
    case 15:
      if (protocolLevel === 5 && remaining > 0 && offset < limit) summary.reasonCode = bytes[offset];
      break;
  }
  return summary;
}

/** Where a whole PUBLISH's payload lies, past its v5 properties (noting a topic alias); left
 *  at -1 when a property cannot be read or the topic is not UTF-8. */
function readPayloadPlace(summary: PacketSummary, bytes: Uint8Array, at: number, end: number, protocolLevel: number, start: number): void {
  if (at > end || summary.topic === undefined) return;
  if (protocolLevel === 5) {
    let length = 0;
    let multiplier = 1;
    for (let count = 0; ; count++) {
      if (at >= end || count === 4) return;
      const byte = bytes[at++];
      length += (byte & 0x7f) * multiplier;
      multiplier *= 128;
      if ((byte & 0x80) === 0) break;
    }
    const propertiesEnd = at + length;
    if (propertiesEnd > end) return;
    while (at < propertiesEnd) {
      const id = bytes[at++];
      const type = PROPERTY_BY_ID[id]?.type;
      if (!type) return;
      if (id === TOPIC_ALIAS && at + 2 <= propertiesEnd) summary.topicAlias = (bytes[at] << 8) | bytes[at + 1];
      const size = propertySize(type, bytes, at, propertiesEnd);
      if (size < 0) return;
      at += size;
    }
  }
  summary.payloadOffset = at - start;
  summary.payloadLength = end - at;
}

/** Bytes a property's value takes from `at`, or -1 past `end`. */
function propertySize(type: PropertyWireType, bytes: Uint8Array, at: number, end: number): number {
  const twoByteLength = (from: number) => (from + 2 <= end ? 2 + ((bytes[from] << 8) | bytes[from + 1]) : end + 1);
  let size: number;
  switch (type) {
    case 'byte': size = 1; break;
    case 'two-byte': size = 2; break;
    case 'four-byte': size = 4; break;
    case 'varint': {
      size = 1;
      while (at + size - 1 < end && bytes[at + size - 1] & 0x80 && size < 4) size++;
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

/** Skips a property block: its Variable Byte Integer length and the bytes it counts. */
function skipProperties(bytes: Uint8Array, at: number, limit: number): number {
  let value = 0;
  let multiplier = 1;
  for (let i = 0; i < 4 && at < limit; i++) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * multiplier;
    multiplier *= 128;
    if ((byte & 0x80) === 0) return at + value;
  }
  return limit;
}
