// SUBSCRIBE (v3.1.1 3.8, v5 3.8) and UNSUBSCRIBE (3.10): packet identifier, v5 properties, then
// the topic filters, each with its requested QoS (3.x) or subscription options (5).
import { Field, fieldKind } from '../field';
import { describeHexByte } from './connect';
import { lengthField, prefixedKinds, type PacketReader } from '../reader';
import { decodeProperties } from './properties';
import { packetIdentifier } from './publish';
import type { BodyDecoder } from './types';
import { FIELD_KEYS } from '../field-keys';

const RETAIN_HANDLING = ['Send msgs at subscription time', 'Send msgs if subscription does not exist', 'Do not send msgs at subscription time', 'Reserved'];
const TOPIC_FILTER = prefixedKinds('mqtt.topic_len', FIELD_KEYS.topic, 'Topic Filter');
const QOS_NAMES = ['At most once delivery', 'At least once delivery', 'Exactly once delivery', 'Reserved'];

/** The filter's text and, for a SUBSCRIBE, what was asked for it. */
const describeFilter = (field: Field) => (field.children!.length === 3 ? `${field.children![1].value} (${field.children![2].label})` : String(field.children![1].value));
const qosWords = (qos: number) => `${QOS_NAMES[qos & 3]} (${qos})`;

const FILTER = fieldKind(FIELD_KEYS.topicFilter, 'Topic Filter', describeFilter);
const REQUESTED_QOS = fieldKind('mqtt.sub.qos', 'Requested QoS', (field) => qosWords(field.value as number));
const OPTIONS = fieldKind('mqtt.subscription_options', 'Subscription Options', describeHexByte);
const OPTION_RESERVED = fieldKind('mqtt.subscription_options_reserved', 'Reserved');
const OPTION_RETAIN_HANDLING = fieldKind('mqtt.subscription_options_retain', 'Retain Handling', (field) => RETAIN_HANDLING[field.value as number]);
const OPTION_RAP = fieldKind('mqtt.subscription_options_rap', 'Retain As Published');
const OPTION_NL = fieldKind('mqtt.subscription_options_nl', 'No Local');
const OPTION_QOS = fieldKind('mqtt.subscription_options_qos', 'QoS', (field) => qosWords(field.value as number));

export const decodeSubscribe: BodyDecoder = (reader, _first, _remainingLength, protocolLevel, fields) => decodeFilters(reader, protocolLevel, fields, true);
export const decodeUnsubscribe: BodyDecoder = (reader, _first, _remainingLength, protocolLevel, fields) => decodeFilters(reader, protocolLevel, fields, false);

function decodeFilters(reader: PacketReader, protocolLevel: number, fields: Field[], subscribe: boolean): void {
  const packet = subscribe ? 'SUBSCRIBE' : 'UNSUBSCRIBE';
  if (!packetIdentifier(reader, fields)) return;
  if (protocolLevel === 5) {
    const properties = decodeProperties(reader, packet);
    if (!properties) return;
    fields.push(properties);
  }
  if (reader.remaining === 0) {
    reader.problem(reader.offset, 0, `${packet} without any topic filter`, subscribe ? 'MQTT-3.8.3-3' : 'MQTT-3.10.3-2');
  }
  while (reader.remaining > 0) {
    const start = reader.offset;
    const filter = reader.prefixedText(TOPIC_FILTER);
    if (!filter) break;
    if (filter.length === 0) reader.problem(start, 2, 'An empty topic filter is not allowed', 'MQTT-4.7.3-1');
    const options = subscribe ? (protocolLevel === 5 ? subscriptionOptions(reader) : requestedQos(reader)) : undefined;
    const children = options ? [lengthField(TOPIC_FILTER, filter), filter, options] : [lengthField(TOPIC_FILTER, filter), filter];
    fields.push(filter.covering(FILTER, start, reader.offset - start, children));
  }
  return;
}

function requestedQos(reader: PacketReader): Field | undefined {
  const offset = reader.offset;
  const byte = reader.u8('the requested QoS');
  if (byte === undefined) return undefined;
  if (byte > 2) reader.problem(offset, 1, byte & 0xfc ? 'Reserved bits of the requested QoS byte are set' : 'Requested QoS 3 is not allowed', 'MQTT-3.8.3-4');
  return new Field(REQUESTED_QOS, byte, offset, 1);
}

function subscriptionOptions(reader: PacketReader): Field | undefined {
  const offset = reader.offset;
  const byte = reader.u8('the subscription options');
  if (byte === undefined) return undefined;
  const qos = byte & 0x03;
  const retainHandling = (byte >> 4) & 0x03;
  const reserved = byte >> 6;
  if (qos === 3) reader.problem(offset, 1, 'Subscription QoS 3 is not allowed', 'MQTT-3.8.3-2');
  if (retainHandling === 3) reader.problem(offset, 1, 'Retain Handling 3 is reserved', 'MQTT-3.8.3-6');
  if (reserved !== 0) reader.problem(offset, 1, 'Reserved bits 7-6 of the subscription options are set', 'MQTT-3.8.3-5');
  return Field.flags(OPTIONS, byte, offset, optionBits);
}

const optionBits = (options: Field): Field[] => {
  const byte = options.value as number;
  const offset = options.offset;
  const qos = byte & 0x03;
  const retainHandling = (byte >> 4) & 0x03;
  return [
    new Field(OPTION_RESERVED, byte >> 6, offset, 1),
    new Field(OPTION_RETAIN_HANDLING, retainHandling, offset, 1),
    new Field(OPTION_RAP, (byte & 0x08) !== 0, offset, 1),
    new Field(OPTION_NL, (byte & 0x04) !== 0, offset, 1),
    new Field(OPTION_QOS, qos, offset, 1),
  ];
};
