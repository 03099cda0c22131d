// The fixed header every packet starts with: type and flags, then the remaining length.
import { PACKET_TYPE_IDS, packetTypeName, PUBLISH_FLAGS, REQUIRED_HEADER_FLAGS, type PacketTypeId } from '../constants';
import { headerFlagsOf, packetTypeOf, publishDup, publishQos, publishRetain } from '../fixed-header';
import { Field, makeField } from '../field';
import type { PacketReader } from '../reader';
import { FIELD_KEYS } from '../field-keys';

export interface FixedHeader {
  type: number;
  flags: number;
  remainingLength: number;
  fields: Field[];
}

/** Wireshark's words for each packet type. */
const TITLES = [
  'Reserved', 'Connect Command', 'Connect Ack', 'Publish Message', 'Publish Ack', 'Publish Received',
  'Publish Release', 'Publish Complete', 'Subscribe Request', 'Subscribe Ack', 'Unsubscribe Request',
  'Unsubscribe Ack', 'Ping Request', 'Ping Response', 'Disconnect Req', 'Authentication Exchange',
];
const QOS_WORDS = ['At most once delivery', 'At least once delivery', 'Exactly once delivery', 'Reserved'];

const describeFlags = (field: Field) => `0x${(field.value as number).toString(16).padStart(2, '0')} (${TITLES[(field.value as number) >> 4]})`;
const describeType = (field: Field) => `${TITLES[field.value as number]} (${field.value})`;
export const describeQos = (field: Field) => `${QOS_WORDS[field.value as number]} (${field.value})`;

/**
 * The bits of a header with DUP, QoS and RETAIN: a PUBLISH's, and in MQTT 3.1 those of PUBREL,
 * SUBSCRIBE and UNSUBSCRIBE, whose last bit is reserved.
 */
function qosBits(lastBit: (byte: number) => Field): (flags: Field) => Field[] {
  return (flags) => {
    const byte = flags.value as number;
    return [
      makeField('mqtt.msgtype', 'Message Type', byte >> 4, 0, 1, describeType),
      makeField(FIELD_KEYS.dup, 'DUP Flag', publishDup(byte), 0, 1),
      makeField(FIELD_KEYS.qos, 'QoS Level', publishQos(byte), 0, 1, describeQos),
      lastBit(byte),
    ];
  };
}

const publishBits = qosBits((byte) => makeField(FIELD_KEYS.retain, 'Retain', publishRetain(byte), 0, 1));
const v31QosBits = qosBits((byte) => makeField('mqtt.retain_reserved', 'Reserved', byte & PUBLISH_FLAGS.retain, 0, 1));

const reservedBits = (flags: Field): Field[] => {
  const byte = flags.value as number;
  return [makeField('mqtt.msgtype', 'Message Type', byte >> 4, 0, 1, describeType), makeField('mqtt.hdr_reserved', 'Reserved', byte & 0x0f, 0, 1)];
};

export function decodeFixedHeader(reader: PacketReader, protocolLevel: number): FixedHeader | undefined {
  const first = reader.u8('the fixed header');
  if (first === undefined) return undefined;
  const type = packetTypeOf(first);
  const flags = headerFlagsOf(first);
  let bits = reservedBits;
  if (type === PACKET_TYPE_IDS.PUBLISH) {
    bits = publishBits;
    if (publishQos(flags) === 3) reader.problem(0, 1, 'PUBLISH with QoS 3, which is reserved', 'MQTT-3.3.1-4');
  } else if (protocolLevel === 3 && (type === PACKET_TYPE_IDS.PUBREL || type === PACKET_TYPE_IDS.SUBSCRIBE || type === PACKET_TYPE_IDS.UNSUBSCRIBE)) {
    bits = v31QosBits;
    const qos = publishQos(flags);
    if (qos !== 1) reader.problem(0, 1, `${packetTypeName(type)} must have QoS 1 in its header, found ${qos}`, 'MQTT-3.1 §3.6');
  } else {
    const required = REQUIRED_HEADER_FLAGS[type as PacketTypeId];
    if (type === 0 || (type === PACKET_TYPE_IDS.AUTH && protocolLevel !== 5)) {
      reader.problem(0, 1, `Packet type ${type} is reserved${type === PACKET_TYPE_IDS.AUTH ? ' before MQTT 5' : ''}`, 'MQTT-2.2.1');
    } else if (required !== undefined && flags !== required) {
      reader.problem(0, 1, `${packetTypeName(type)} must have header flags ${required}, found ${flags}`, 'MQTT-2.2.2-1');
    }
  }
  // Pushed, not written as [flags]: the array is made once at the size the body fills.
  const fields: Field[] = [];
  fields.push(Field.flags('mqtt.hdrflags', 'Header Flags', first, 0, describeFlags, bits));

  const lengthStart = reader.offset;
  const length = reader.varint('the remaining length');
  if (length === undefined) return { type, flags, remainingLength: 0, fields };
  fields.push(makeField('mqtt.len', 'Msg Len', length, lengthStart, reader.offset - lengthStart));
  return { type, flags, remainingLength: length, fields };
}
