// PUBLISH (v3.1.1 3.3, v5 3.3): topic, packet identifier when QoS > 0, v5 properties, payload.
import { Field, fieldKind, type FieldKind } from '../field';
import { publishDup, publishQos } from '../fixed-header';
import { PROPERTY_BY_OPTION } from '../properties';
import type { PacketReader } from '../reader';
import { checkText, TEXT_HAS_WILDCARD, TEXT_NOT_ASCII, UTF8_INVALID, UTF8_VERDICT } from '../utf8';
import { decodeProperties } from './properties';
import type { BodyDecoder } from './types';
import { FIELD_KEYS } from '../field-keys';

const TOPIC_ALIAS = PROPERTY_BY_OPTION.get('topicAlias')!.id;
const TOPIC_LENGTH = fieldKind('mqtt.topic_len', 'Topic Length');
const TOPIC = fieldKind(FIELD_KEYS.topic, 'Topic');
const PACKET_ID = fieldKind(FIELD_KEYS.packetId, 'Message Identifier');

export const decodePublish: BodyDecoder = (reader, first, _remainingLength, protocolLevel, fields) => {
  const qos = publishQos(first);
  if (qos === 0 && publishDup(first)) reader.problem(0, 1, 'DUP is set on a QoS 0 message', 'MQTT-3.3.1-2');

  const topicLengthOffset = reader.offset;
  const topicLength = reader.u16('the topic length');
  if (topicLength === undefined) return;
  fields.push(new Field(TOPIC_LENGTH, topicLength, topicLengthOffset, 2));
  if (topicLength > 0) {
    if (!reader.take(topicLength, 'the topic')) return;
    const start = reader.offset;
    reader.offset += topicLength;
    const verdict = checkText(reader.bytes, start, start + topicLength);
    fields.push(reader.textField(TOPIC, start, topicLength, false, verdict));
    if (verdict & TEXT_HAS_WILDCARD) reader.problem(start, topicLength, 'A topic name must not contain wildcards', 'MQTT-3.3.2-2');
  }

  if (qos > 0) {
    if (!packetIdentifier(reader, fields)) return;
  }

  let topicAlias = false;
  if (protocolLevel === 5) {
    const properties = decodeProperties(reader, 'PUBLISH');
    if (!properties) return;
    fields.push(properties);
    topicAlias = hasProperty(properties, TOPIC_ALIAS);
  }
  if (topicLength === 0 && !topicAlias) {
    reader.problem(topicLengthOffset, 2, 'Empty topic name without a topic alias', protocolLevel === 5 ? 'MQTT-3.3.2-8' : 'MQTT-4.7.3-1');
  }

  fields.push(payloadField(reader, reader.end, MESSAGE));
  return;
};

function hasProperty(block: Field, id: number): boolean {
  const properties = block.children!;
  for (let i = 1; i < properties.length; i++) if (properties[i].value === id) return true;
  return false;
}

/** A two-byte packet identifier; zero is not allowed [MQTT-2.3.1-1]. False when truncated. */
export function packetIdentifier(reader: PacketReader, fields: Field[]): boolean {
  const offset = reader.offset;
  const id = reader.u16('the packet identifier');
  if (id === undefined) return false;
  fields.push(new Field(PACKET_ID, id, offset, 2));
  if (id === 0) reader.problem(offset, 2, 'Packet identifier 0 is not allowed', 'MQTT-2.3.1-1');
  return true;
}

const describePayload = (field: Field) => `${field.length} bytes${field.children ? ' of text' : ''}`;

/** The kinds of a payload's field and of its text's. */
export interface PayloadKinds {
  bytes: FieldKind;
  text: FieldKind;
}

export function payloadKinds(key: string, name: string, textKey: string): PayloadKinds {
  return { bytes: fieldKind(key, name, describePayload), text: fieldKind(textKey, `${name} (text)`) };
}

const MESSAGE = payloadKinds(FIELD_KEYS.payload, 'Message', FIELD_KEYS.payloadText);

/** The bytes up to `end` as a payload: hex always, and its text beneath when it is UTF-8. */
export function payloadField(reader: PacketReader, end: number, kinds: PayloadKinds): Field {
  const start = reader.offset;
  reader.offset = end;
  const length = end - start;
  const verdict = length > 0 ? checkText(reader.bytes, start, end) : UTF8_INVALID;
  const children = (verdict & UTF8_VERDICT) !== UTF8_INVALID ? [Field.text(kinds.text, reader.bytes, start, length, (verdict & TEXT_NOT_ASCII) === 0)] : undefined;
  return Field.hex(kinds.bytes, reader.bytes, start, length, children);
}
