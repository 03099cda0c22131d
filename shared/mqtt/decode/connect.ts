// CONNECT (v3.1 3.1, v3.1.1 3.1, v5 3.1): protocol name and level, flags, keep alive, payload.
import { CONNECT_FLAGS, isProtocolLevel, PROTOCOL_NAMES } from '../constants';
import { Field, fieldKind } from '../field';
import { prefixedKinds } from '../reader';
import { decodeProperties } from './properties';
import { payloadField, payloadKinds } from './publish';
import type { BodyDecoder } from './types';
import { FIELD_KEYS } from '../field-keys';
import { SECRET_MASK } from '../secrets';

export const describeHexByte = (field: Field) => `0x${(field.value as number).toString(16).padStart(2, '0')}`;

const PROTOCOL_NAME = prefixedKinds('mqtt.proto_len', 'mqtt.protoname', 'Protocol Name');
const CLIENT_ID = prefixedKinds('mqtt.clientid_len', FIELD_KEYS.clientId, 'Client ID');
const WILL_TOPIC = prefixedKinds('mqtt.willtopic_len', FIELD_KEYS.willTopic, 'Will Topic');
const USER_NAME = prefixedKinds('mqtt.username_len', FIELD_KEYS.username, 'User Name');
/** A password's value is shown only when a person asks for it. */
const PASSWORD = prefixedKinds('mqtt.passwd_len', FIELD_KEYS.password, 'Password', (field) => (field.length ? SECRET_MASK : ''));
const VERSION = fieldKind(FIELD_KEYS.protocolVersion, 'Version', (field) => versionMeaning(field.value as number));
const CONNECT_FLAGS_FIELD = fieldKind('mqtt.conflags', 'Connect Flags', describeHexByte);
const KEEP_ALIVE = fieldKind(FIELD_KEYS.keepAlive, 'Keep Alive', (field) => (field.value === 0 ? '0 (off)' : `${field.value} s`));
const WILL_MESSAGE_LENGTH = fieldKind('mqtt.willmsg_len', 'Will Message Length');
const WILL_MESSAGE = payloadKinds('mqtt.willmsg', 'Will Message', 'mqtt.willmsg_text');

export const decodeConnect: BodyDecoder = (reader, _first, _remainingLength, contextLevel, fields) => {
  const name = reader.utf8String(fields, PROTOCOL_NAME);
  if (!name) return;

  const levelOffset = reader.offset;
  const level = reader.u8('the protocol level');
  if (level === undefined) return;
  fields.push(new Field(VERSION, level, levelOffset, 1));
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
  fields.push(Field.flags(CONNECT_FLAGS_FIELD, flags, flagsOffset, protocolLevel === 5 ? connectBitsV5 : connectBits));
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
  fields.push(new Field(KEEP_ALIVE, keepAlive, keepAliveOffset, 2));

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
      const willProperties = decodeProperties(reader, 'WILL');
      if (!willProperties) return protocolLevel;
      fields.push(willProperties);
    }
    const topic = reader.utf8String(fields, WILL_TOPIC);
    if (!topic) return protocolLevel;
    if (topic.length === 0) reader.problem(topic.offset - 2, 2, 'The will topic is empty', 'MQTT-4.7.3-1');
    const lengthOffset = reader.offset;
    const messageLength = reader.u16('the will message length');
    if (messageLength === undefined) return protocolLevel;
    fields.push(new Field(WILL_MESSAGE_LENGTH, messageLength, lengthOffset, 2));
    if (!reader.take(messageLength, 'the will message')) return protocolLevel;
    fields.push(payloadField(reader, reader.offset + messageLength, WILL_MESSAGE));
  }
  if (has(CONNECT_FLAGS.username)) {
    if (!reader.utf8String(fields, USER_NAME)) return protocolLevel;
  }
  if (has(CONNECT_FLAGS.password)) {
    if (!reader.utf8String(fields, PASSWORD, true)) return protocolLevel;
  }
  return protocolLevel;
};

function flagBitKinds(cleanName: string) {
  return [
    [fieldKind('mqtt.conflag.uname', 'User Name Flag'), CONNECT_FLAGS.username],
    [fieldKind('mqtt.conflag.passwd', 'Password Flag'), CONNECT_FLAGS.password],
    [fieldKind(FIELD_KEYS.willRetain, 'Will Retain'), CONNECT_FLAGS.willRetain],
    [fieldKind(FIELD_KEYS.willQos, 'QoS Level'), CONNECT_FLAGS.willQos],
    [fieldKind('mqtt.conflag.willflag', 'Will Flag'), CONNECT_FLAGS.will],
    [fieldKind(FIELD_KEYS.cleanSession, cleanName), CONNECT_FLAGS.cleanSession],
    [fieldKind('mqtt.conflag.reserved', 'Reserved'), CONNECT_FLAGS.reserved],
  ] as const;
}

/** Each flag a child: set or not, the Will QoS as its number. */
function connectFlagBits(kinds: ReturnType<typeof flagBitKinds>): (flags: Field) => Field[] {
  return (flags) => {
    const byte = flags.value as number;
    return kinds.map(([kind, mask]) => new Field(kind, mask === CONNECT_FLAGS.willQos ? (byte & mask) >> 3 : (byte & mask) !== 0, flags.offset, 1));
  };
}

const connectBits = connectFlagBits(flagBitKinds('Clean Session'));
const connectBitsV5 = connectFlagBits(flagBitKinds('Clean Start'));

function versionMeaning(level: number): string {
  switch (level) {
    case 3: return 'MQTT v3.1 (3)';
    case 4: return 'MQTT v3.1.1 (4)';
    case 5: return 'MQTT v5.0 (5)';
    default: return `Unknown (${level})`;
  }
}
