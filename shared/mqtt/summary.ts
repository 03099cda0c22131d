// The facts of a packet every reader of a trace needs, read from its bytes without building a
// tree: type, flags, size, packet identifier, topic (and v5 topic alias), QoS, retain, where a
// PUBLISH's payload lies, reason code. One object per packet; the topic's text is made when read.
import { packetTypeName } from './constants';
import { fixedHeaderLength, headerFlagsOf, packetTypeOf, publishQos, publishRetain, readFixedHeader, remainingLength } from './fixed-header';
import { PROPERTY_BY_OPTION } from './properties';
import { skipProperties, skipProperty } from './property-skip';
import { checkText, decodeAscii, decodeUtf8Unchecked, TEXT_NOT_ASCII, UTF8_INVALID, UTF8_VERDICT } from './utf8';
import { readVariableByteInteger, vbiSize, vbiValue } from './variable-byte-integer';

const TOPIC_ALIAS = PROPERTY_BY_OPTION.get('topicAlias')!.id;

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
  /** checkText's verdict on the topic's bytes; -1 until checked. */
  private topicVerdict = -1;

  get typeName(): string {
    return packetTypeName(this.type);
  }

  /** PUBLISH topic name, or the first topic filter of a SUBSCRIBE / UNSUBSCRIBE. */
  get topic(): string | undefined {
    if (this.topicText === undefined && this.topicBytes) {
      const bytes = this.topicBytes;
      this.topicText = !this.topicIsText() ? undefined
        : this.topicVerdict & TEXT_NOT_ASCII ? decodeUtf8Unchecked(bytes, this.topicStart, this.topicEnd)
        : decodeAscii(bytes, this.topicStart, this.topicEnd);
      this.topicBytes = undefined;
    }
    return this.topicText;
  }

  /** Whether the topic's bytes are UTF-8, checked once without making its text. */
  topicIsText(): boolean {
    if (this.topicText !== undefined) return true;
    if (!this.topicBytes) return false;
    if (this.topicVerdict < 0) this.topicVerdict = checkText(this.topicBytes, this.topicStart, this.topicEnd);
    return (this.topicVerdict & UTF8_VERDICT) !== UTF8_INVALID;
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
    summary.type = length ? packetTypeOf(bytes[start]) : 0;
    summary.truncated = true;
    return summary;
  }
  const first = bytes[start];
  const type = packetTypeOf(first);
  summary.type = type;
  summary.flags = headerFlagsOf(first);
  const header = readFixedHeader(bytes, start, end);
  if (header < 0) {
    summary.truncated = true;
    return summary;
  }
  const offset = start + fixedHeaderLength(header);
  const remaining = remainingLength(header);
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
      const qos = publishQos(first);
      summary.qos = qos;
      summary.retain = publishRetain(first);
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
      // A block that cannot be skipped leaves nothing after it to read (-1 fails both tests).
      if (type === 8 || type === 10) {
        if (at >= 0 && at + 1 < limit) {
          const filterEnd = at + 2 + ((bytes[at] << 8) | bytes[at + 1]);
          if (filterEnd <= limit) summary.setTopic(bytes, at + 2, filterEnd);
        }
      } else if (at >= 0 && at < limit && (type === 9 || protocolLevel === 5)) {
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
  if (at > end || !summary.topicIsText()) return;
  if (protocolLevel === 5) {
    const read = readVariableByteInteger(bytes, at, end);
    if (read < 0) return;
    at += vbiSize(read);
    const propertiesEnd = at + vbiValue(read);
    if (propertiesEnd > end) return;
    while (at < propertiesEnd) {
      if (bytes[at] === TOPIC_ALIAS && at + 3 <= propertiesEnd) summary.topicAlias = (bytes[at + 1] << 8) | bytes[at + 2];
      at = skipProperty(bytes, at, propertiesEnd);
      if (at < 0) return;
    }
  }
  summary.payloadOffset = at - start;
  summary.payloadLength = end - at;
}
