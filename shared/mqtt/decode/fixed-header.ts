// The fixed header every packet starts with: type and flags, then the remaining length.
import { PACKET_TYPE_IDS, packetTypeName, PUBLISH_FLAGS, REQUIRED_HEADER_FLAGS, type PacketTypeId } from '../constants';
import { headerFlagsOf, packetTypeOf, publishDup, publishQos, publishRetain } from '../fixed-header';
import { Field, fieldKind } from '../field';
import type { PacketReader } from '../reader';
import { FIELD_KEYS } from '../field-keys';

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
      new Field(MESSAGE_TYPE, packetTypeOf(byte), 0, 1),
      new Field(DUP, publishDup(byte), 0, 1),
      new Field(QOS, publishQos(byte), 0, 1),
      lastBit(byte),
    ];
  };
}

const MESSAGE_TYPE = fieldKind('mqtt.msgtype', 'Message Type', describeType);
const DUP = fieldKind(FIELD_KEYS.dup, 'DUP Flag');
const QOS = fieldKind(FIELD_KEYS.qos, 'QoS Level', describeQos);
const RETAIN = fieldKind(FIELD_KEYS.retain, 'Retain');
const RETAIN_RESERVED = fieldKind('mqtt.retain_reserved', 'Reserved');
const HEADER_RESERVED = fieldKind('mqtt.hdr_reserved', 'Reserved');
const HEADER_FLAGS = fieldKind(FIELD_KEYS.headerFlags, 'Header Flags', describeFlags);
const MSG_LEN = fieldKind('mqtt.len', 'Msg Len');

const publishBits = qosBits((byte) => new Field(RETAIN, publishRetain(byte), 0, 1));
const v31QosBits = qosBits((byte) => new Field(RETAIN_RESERVED, byte & PUBLISH_FLAGS.retain, 0, 1));

const reservedBits = (flags: Field): Field[] => {
  const byte = flags.value as number;
  return [new Field(MESSAGE_TYPE, packetTypeOf(byte), 0, 1), new Field(HEADER_RESERVED, headerFlagsOf(byte), 0, 1)];
};

/**
 * Reads the fixed header into `fields` (checking its flags for the packet type): the remaining
 * length, or undefined when the packet ends before it does.
 */
export function decodeFixedHeader(reader: PacketReader, protocolLevel: number, fields: Field[]): number | undefined {
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
  fields.push(Field.flags(HEADER_FLAGS, first, 0, bits));

  const lengthStart = reader.offset;
  const length = reader.varint('the remaining length');
  if (length === undefined) return 0;
  fields.push(new Field(MSG_LEN, length, lengthStart, reader.offset - lengthStart));
  return length;
}
