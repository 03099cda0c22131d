// CONNECT (v3.1 3.1, v3.1.1 3.1, v5 3.1): protocol name and level, flags, keep alive, payload.
import { CONNECT_FLAGS, isProtocolLevel, PROTOCOL_NAMES } from '../constants';
import { Field, makeField } from '../field';
import { prefixedKeys } from '../reader';
import { decodeProperties } from './properties';
import { payloadField } from './publish';
import type { BodyDecoder } from './types';
import { FIELD_KEYS } from '../field-keys';
import { SECRET_MASK } from '../secrets';

const PROTOCOL_NAME = prefixedKeys('mqtt.proto_len', 'mqtt.protoname', 'Protocol Name');
const CLIENT_ID = prefixedKeys('mqtt.clientid_len', FIELD_KEYS.clientId, 'Client ID');
const WILL_TOPIC = prefixedKeys('mqtt.willtopic_len', FIELD_KEYS.willTopic, 'Will Topic');
const USER_NAME = prefixedKeys('mqtt.username_len', FIELD_KEYS.username, 'User Name');
const PASSWORD = prefixedKeys('mqtt.passwd_len', FIELD_KEYS.password, 'Password');

export const decodeConnect: BodyDecoder = (reader, _header, contextLevel, fields) => {
  const name = reader.utf8String(fields, PROTOCOL_NAME);
  if (!name) return;

  const levelOffset = reader.offset;
  const level = reader.u8('the protocol level');
  if (level === undefined) return;
  fields.push(makeField(FIELD_KEYS.protocolVersion, 'Version', level, levelOffset, 1, versionMeaning(level)));
  let protocolLevel = contextLevel;
  if (isProtocolLevel(level)) {
    protocolLevel = level;
    if (PROTOCOL_NAMES[level] !== name.value) {
      reader.problem(name.offset, name.length, `Protocol name "${name.value}" does not match level ${level} (expected "${PROTOCOL_NAMES[level]}")`, 'MQTT-3.1.2-1');
    }
  } else {
    // Like Wireshark, the connection keeps the unknown level; packets are then read as 3.1.1.
    protocolLevel = level;
    reader.problem(levelOffset, 1, `Unknown protocol level ${level}; the broker should refuse it (return code 1)`, 'MQTT-3.1.2-2');
  }

  const flagsOffset = reader.offset;
  const flags = reader.u8('the connect flags');
  if (flags === undefined) return protocolLevel;
  const willQos = (flags & CONNECT_FLAGS.willQos) >> 3;
  const has = (mask: number) => (flags & mask) !== 0;
  fields.push(Field.flags('mqtt.conflags', 'Connect Flags', flags, flagsOffset, describeHexByte, protocolLevel === 5 ? connectBitsV5 : connectBits));
  if (has(CONNECT_FLAGS.reserved)) reader.problem(flagsOffset, 1, 'The reserved connect flag is set', 'MQTT-3.1.2-3');
  if (willQos === 3) reader.problem(flagsOffset, 1, 'Will QoS is 3, which is reserved', 'MQTT-3.1.2-14');
  if (!has(CONNECT_FLAGS.will) && (willQos !== 0 || has(CONNECT_FLAGS.willRetain))) {
    reader.problem(flagsOffset, 1, 'Will QoS or Will Retain set without the Will Flag', 'MQTT-3.1.2-13');
  }
  if (protocolLevel !== 5 && has(CONNECT_FLAGS.password) && !has(CONNECT_FLAGS.username)) {
    reader.problem(flagsOffset, 1, 'Password flag set without the User Name flag', 'MQTT-3.1.2-22');
  }

  const keepAliveOffset = reader.offset;
  const keepAlive = reader.u16('the keep alive');
  if (keepAlive === undefined) return protocolLevel;
  fields.push(makeField(FIELD_KEYS.keepAlive, 'Keep Alive', keepAlive, keepAliveOffset, 2, keepAlive === 0 ? '0 (off)' : `${keepAlive} s`));

  if (protocolLevel === 5) {
    const properties = decodeProperties(reader, 'CONNECT');
    if (!properties) return protocolLevel;
    fields.push(properties);
  }

  const clientId = reader.utf8String(fields, CLIENT_ID);
  if (!clientId) return protocolLevel;
  if (clientId.length === 0 && !has(CONNECT_FLAGS.cleanSession) && protocolLevel === 4) {
    reader.problem(clientId.offset - 2, 2, 'Empty client id with clean session off: the broker must refuse it (return code 2)', 'MQTT-3.1.3-8');
  }

  if (has(CONNECT_FLAGS.will)) {
    if (protocolLevel === 5) {
      const willProperties = decodeProperties(reader, 'WILL', 'mqtt.will_properties', 'Will Properties');
      if (!willProperties) return protocolLevel;
      fields.push(willProperties);
    }
    const topic = reader.utf8String(fields, WILL_TOPIC);
    if (!topic) return protocolLevel;
    if (topic.length === 0) reader.problem(topic.offset - 2, 2, 'The will topic is empty', 'MQTT-4.7.3-1');
    const lengthOffset = reader.offset;
    const messageLength = reader.u16('the will message length');
    if (messageLength === undefined) return protocolLevel;
    fields.push(makeField('mqtt.willmsg_len', 'Will Message Length', messageLength, lengthOffset, 2));
    if (!reader.take(messageLength, 'the will message')) return protocolLevel;
    fields.push(payloadField(reader, reader.offset + messageLength, 'mqtt.willmsg', 'Will Message', 'mqtt.willmsg_text', 'Will Message (text)'));
  }
  if (has(CONNECT_FLAGS.username)) {
    if (!reader.utf8String(fields, USER_NAME)) return protocolLevel;
  }
  if (has(CONNECT_FLAGS.password)) {
    if (!reader.utf8String(fields, PASSWORD, true, describePassword)) return protocolLevel;
  }
  return protocolLevel;
};

function connectFlagBits(flags: Field, cleanName: string): Field[] {
  const byte = flags.value as number;
  const offset = flags.offset;
  const bit = (mask: number) => (byte & mask) !== 0;
  return [
    makeField('mqtt.conflag.uname', 'User Name Flag', bit(CONNECT_FLAGS.username), offset, 1),
    makeField('mqtt.conflag.passwd', 'Password Flag', bit(CONNECT_FLAGS.password), offset, 1),
    makeField(FIELD_KEYS.willRetain, 'Will Retain', bit(CONNECT_FLAGS.willRetain), offset, 1),
    makeField(FIELD_KEYS.willQos, 'QoS Level', (byte & CONNECT_FLAGS.willQos) >> 3, offset, 1),
    makeField('mqtt.conflag.willflag', 'Will Flag', bit(CONNECT_FLAGS.will), offset, 1),
    makeField(FIELD_KEYS.cleanSession, cleanName, bit(CONNECT_FLAGS.cleanSession), offset, 1),
    makeField('mqtt.conflag.reserved', 'Reserved', bit(CONNECT_FLAGS.reserved), offset, 1),
  ];
}

const connectBits = (flags: Field) => connectFlagBits(flags, 'Clean Session');
const connectBitsV5 = (flags: Field) => connectFlagBits(flags, 'Clean Start');

/** A password's value is shown only when a person asks for it. */
const describePassword = (field: Field) => (field.length ? SECRET_MASK : '');

export const describeHexByte = (field: Field) => `0x${(field.value as number).toString(16).padStart(2, '0')}`;

function versionMeaning(level: number): string {
  switch (level) {
    case 3: return 'MQTT v3.1 (3)';
    case 4: return 'MQTT v3.1.1 (4)';
    case 5: return 'MQTT v5.0 (5)';
    default: return `Unknown (${level})`;
  }
}
