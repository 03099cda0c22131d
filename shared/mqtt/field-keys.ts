// The Wireshark display-filter names of the fields the app reads outside the decoders, by what
// they are: the decoders write them from here and every reader finds them from here.
import { findField, type DecodedPacket } from './field';

export const FIELD_KEYS = {
  headerFlags: 'mqtt.hdrflags',
  protocolVersion: 'mqtt.ver',
  clientId: 'mqtt.clientid',
  cleanSession: 'mqtt.conflag.cleansess',
  keepAlive: 'mqtt.kalive',
  username: 'mqtt.username',
  password: 'mqtt.passwd',
  willTopic: 'mqtt.willtopic',
  willQos: 'mqtt.conflag.qos',
  willRetain: 'mqtt.conflag.retain',
  sessionPresent: 'mqtt.conack.flags.sp',
  connackReturnCode: 'mqtt.conack.val',
  connackReasonCode: 'mqtt.connack.reason_code',
  packetId: 'mqtt.msgid',
  qos: 'mqtt.qos',
  retain: 'mqtt.retain',
  dup: 'mqtt.dupflag',
  topic: 'mqtt.topic',
  payload: 'mqtt.msg',
  payloadText: 'mqtt.msg_text',
  properties: 'mqtt.properties',
  topicFilter: 'mqttscope.topic_filter',
  subackQos: 'mqtt.suback.qos',
  subackReasonCode: 'mqtt.suback.reason_code',
  unsubackReasonCode: 'mqtt.unsuback.reason_code',
} as const;

/** The packet's first byte, from its header flags field (top level, first): its flag bits
 *  read without making a field of each. */
export function headerByte(packet: DecodedPacket): number | undefined {
  const first = packet.fields[0];
  return first?.key === FIELD_KEYS.headerFlags ? (first.value as number) : undefined;
}

/** A CONNACK's return code (3.x) or reason code (5), or undefined when it holds none. */
export function connackCode(packet: DecodedPacket): number | undefined {
  const code = (findField(packet.fields, FIELD_KEYS.connackReturnCode) ?? findField(packet.fields, FIELD_KEYS.connackReasonCode))?.value;
  return typeof code === 'number' ? code : undefined;
}
