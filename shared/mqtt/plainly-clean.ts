// Whether a packet is certainly free of problems, read from its first bytes: true only for the
// packets a broker's or a proxy's trace is mostly made of — an MQTT 3.x PUBLISH, acknowledgement
// or ping that breaks no rule the decoder checks. Such a packet need not be decoded to be
// recorded; anything else (every MQTT 5 packet, any doubt) is for the decoder to say.
// plainly-clean.test.ts holds it to the decoder: whenever this says clean, the decoder finds no
// problem.
import { PACKET_TYPE_IDS, REQUIRED_HEADER_FLAGS, type PacketTypeId } from './constants';
import { fixedHeaderLength, headerFlagsOf, packetLength, packetTypeOf, publishDup, publishQos, readFixedHeader, remainingLength } from './fixed-header';
import { checkText, TEXT_HAS_WILDCARD, UTF8_VERDICT } from './utf8';
import { vbiIsPadded } from './variable-byte-integer';

const ACKS = new Set<number>([PACKET_TYPE_IDS.PUBACK, PACKET_TYPE_IDS.PUBREC, PACKET_TYPE_IDS.PUBREL, PACKET_TYPE_IDS.PUBCOMP]);
const PINGS = new Set<number>([PACKET_TYPE_IDS.PINGREQ, PACKET_TYPE_IDS.PINGRESP]);

export function plainlyClean(bytes: Uint8Array, protocolLevel: number): boolean {
  if (protocolLevel !== 3 && protocolLevel !== 4) return false;
  const read = readFixedHeader(bytes, 0, bytes.length);
  if (read < 0 || vbiIsPadded(read) || packetLength(read) !== bytes.length) return false;
  const first = bytes[0];
  const type = packetTypeOf(first);
  const at = fixedHeaderLength(read);
  const length = remainingLength(read);
  if (type === PACKET_TYPE_IDS.PUBLISH) return plainPublish(bytes, first, at, at + length);
  if (headerFlagsOf(first) !== (REQUIRED_HEADER_FLAGS[type as PacketTypeId] ?? 0)) return false;
  if (ACKS.has(type)) return length === 2 && (bytes[at] | bytes[at + 1]) !== 0;
  return PINGS.has(type) && length === 0;
}

function plainPublish(bytes: Uint8Array, first: number, at: number, end: number): boolean {
  const qos = publishQos(first);
  if (qos === 3 || (qos === 0 && publishDup(first)) || at + 2 > end) return false;
  const topicEnd = at + 2 + ((bytes[at] << 8) | bytes[at + 1]);
  // An empty topic needs a topic alias (MQTT 5) to be right: left to the decoder.
  if (topicEnd === at + 2 || topicEnd > end) return false;
  if ((checkText(bytes, at + 2, topicEnd) & (UTF8_VERDICT | TEXT_HAS_WILDCARD)) !== 0) return false;
  if (qos === 0) return true;
  return topicEnd + 2 <= end && (bytes[topicEnd] | bytes[topicEnd + 1]) !== 0;
}
