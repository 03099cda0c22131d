// SUBACK (3.9) and UNSUBACK (3.11): packet identifier, v5 properties, then one code per filter:
// granted QoS or failure (3.x SUBACK), or a v5 reason code. A 3.x UNSUBACK has nothing more.
import { Field, fieldKind } from '../field';
import { hexCode, reasonCode } from './ack';
import { decodeProperties } from './properties';
import { packetIdentifier } from './publish';
import type { BodyDecoder } from './types';
import { FIELD_KEYS } from '../field-keys';

const GRANTED: Record<number, string> = { 0: 'Granted QoS 0', 1: 'Granted QoS 1', 2: 'Granted QoS 2', 0x80: 'Failure' };
const GRANTED_QOS = fieldKind(FIELD_KEYS.subackQos, 'Granted QoS', (field) => `${GRANTED[field.value as number] ?? 'Not allowed'} (${hexCode(field.value as number)})`);

export const decodeSuback: BodyDecoder = (reader, _first, _remainingLength, protocolLevel, fields) => {
  if (!packetIdentifier(reader, fields)) return;
  if (protocolLevel === 5) {
    const properties = decodeProperties(reader, 'SUBACK');
    if (!properties) return;
    fields.push(properties);
  }
  if (reader.remaining === 0) reader.problem(reader.offset, 0, 'SUBACK without any return code', 'MQTT-3.9.3-1');
  while (reader.remaining > 0) {
    if (protocolLevel === 5) {
      reasonCode(reader, fields, 'SUBACK', 'MQTT-3.9.3-2');
      continue;
    }
    const offset = reader.offset;
    const code = reader.u8('a return code')!;
    fields.push(new Field(GRANTED_QOS, code, offset, 1));
    if (!(code in GRANTED)) reader.problem(offset, 1, `SUBACK return code ${hexCode(code)} is not allowed`, 'MQTT-3.9.3-2');
  }
  return;
};

export const decodeUnsuback: BodyDecoder = (reader, _first, _remainingLength, protocolLevel, fields) => {
  if (!packetIdentifier(reader, fields)) return;
  if (protocolLevel !== 5) return;
  const properties = decodeProperties(reader, 'UNSUBACK');
  if (!properties) return;
  fields.push(properties);
  if (reader.remaining === 0) reader.problem(reader.offset, 0, 'UNSUBACK without any reason code', 'MQTT-3.11.3-1');
  while (reader.remaining > 0) reasonCode(reader, fields, 'UNSUBACK', 'MQTT-3.11.3-2');
  return;
};
