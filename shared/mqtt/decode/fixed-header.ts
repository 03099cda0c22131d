// The fixed header every packet starts with: type and flags, then the remaining length.
import { packetTypeName, REQUIRED_HEADER_FLAGS, type PacketTypeId } from '../constants';
import { makeField, type Field } from '../field';
import type { PacketReader } from '../reader';

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

export function decodeFixedHeader(reader: PacketReader, protocolLevel: number): FixedHeader | undefined {
  const first = reader.u8('the fixed header');
  if (first === undefined) return undefined;
  const type = first >> 4;
  const flags = first & 0x0f;
  const children: Field[] = [makeField('mqtt.msgtype', 'Message Type', type, 0, 1, describeType)];

  if (type === 3) {
    const qos = (flags >> 1) & 0x03;
    children.push(
      makeField('mqtt.dupflag', 'DUP Flag', (flags & 0x08) !== 0, 0, 1),
      makeField('mqtt.qos', 'QoS Level', qos, 0, 1, describeQos),
      makeField('mqtt.retain', 'Retain', (flags & 0x01) !== 0, 0, 1),
    );
    if (qos === 3) reader.problem(0, 1, 'PUBLISH with QoS 3, which is reserved', 'MQTT-3.3.1-4');
  } else if (protocolLevel === 3 && (type === 6 || type === 8 || type === 10)) {
    // MQTT 3.1 gave PUBREL, SUBSCRIBE and UNSUBSCRIBE a QoS of 1 in the header.
    const qos = (flags >> 1) & 0x03;
    children.push(
      makeField('mqtt.dupflag', 'DUP Flag', (flags & 0x08) !== 0, 0, 1),
      makeField('mqtt.qos', 'QoS Level', qos, 0, 1, describeQos),
      makeField('mqtt.retain_reserved', 'Reserved', flags & 0x01, 0, 1),
    );
    if (qos !== 1) reader.problem(0, 1, `${packetTypeName(type)} must have QoS 1 in its header, found ${qos}`, 'MQTT-3.1 §3.6');
  } else {
    children.push(makeField('mqtt.hdr_reserved', 'Reserved', flags, 0, 1));
    const required = REQUIRED_HEADER_FLAGS[type as PacketTypeId];
    if (type === 0 || (type === 15 && protocolLevel !== 5)) {
      reader.problem(0, 1, `Packet type ${type} is reserved${type === 15 ? ' before MQTT 5' : ''}`, 'MQTT-2.2.1');
    } else if (required !== undefined && flags !== required) {
      reader.problem(0, 1, `${packetTypeName(type)} must have header flags ${required}, found ${flags}`, 'MQTT-2.2.2-1');
    }
  }
  const fields = [makeField('mqtt.hdrflags', 'Header Flags', first, 0, 1, describeFlags, children)];

  const lengthStart = reader.offset;
  const length = reader.varint('the remaining length');
  if (length === undefined) return { type, flags, remainingLength: 0, fields };
  fields.push(makeField('mqtt.len', 'Msg Len', length.value, lengthStart, length.length));
  return { type, flags, remainingLength: length.value, fields };
}
