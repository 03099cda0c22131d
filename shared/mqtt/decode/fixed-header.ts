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

const TITLE_BY_TYPE: Record<number, string> = {
  1: 'Connect Command', 2: 'Connect Ack', 3: 'Publish Message', 4: 'Publish Ack', 5: 'Publish Received',
  6: 'Publish Release', 7: 'Publish Complete', 8: 'Subscribe Request', 9: 'Subscribe Ack',
  10: 'Unsubscribe Request', 11: 'Unsubscribe Ack', 12: 'Ping Request', 13: 'Ping Response',
  14: 'Disconnect Req', 15: 'Authentication Exchange',
};

export function decodeFixedHeader(reader: PacketReader, protocolLevel: number): FixedHeader | undefined {
  const first = reader.u8('the fixed header');
  if (first === undefined) return undefined;
  const type = first >> 4;
  const flags = first & 0x0f;
  const title = TITLE_BY_TYPE[type] ?? 'Reserved';
  const children: Field[] = [makeField('mqtt.msgtype', 'Message Type', type, 0, 1, `${title} (${type})`)];

  if (type === 3) {
    const qos = (flags >> 1) & 0x03;
    children.push(
      makeField('mqtt.dupflag', 'DUP Flag', (flags & 0x08) !== 0, 0, 1),
      makeField('mqtt.qos', 'QoS Level', qos, 0, 1, qos === 3 ? 'Reserved (3)' : `At ${['most', 'least', 'exactly'][qos]} once delivery (${qos})`),
      makeField('mqtt.retain', 'Retain', (flags & 0x01) !== 0, 0, 1),
    );
    if (qos === 3) reader.problem(0, 1, 'PUBLISH with QoS 3, which is reserved', 'MQTT-3.3.1-4');
  } else if (protocolLevel === 3 && (type === 6 || type === 8 || type === 10)) {
    // MQTT 3.1 gave PUBREL, SUBSCRIBE and UNSUBSCRIBE a QoS of 1 in the header.
    const qos = (flags >> 1) & 0x03;
    children.push(
      makeField('mqtt.dupflag', 'DUP Flag', (flags & 0x08) !== 0, 0, 1),
      makeField('mqtt.qos', 'QoS Level', qos, 0, 1),
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
  const fields = [makeField('mqtt.hdrflags', 'Header Flags', first, 0, 1, `0x${first.toString(16).padStart(2, '0')} (${title})`, children)];

  const lengthStart = reader.offset;
  const length = reader.varint('the remaining length');
  if (length === undefined) return { type, flags, remainingLength: 0, fields };
  fields.push(makeField('mqtt.len', 'Msg Len', length.value, lengthStart, length.length));
  return { type, flags, remainingLength: length.value, fields };
}
