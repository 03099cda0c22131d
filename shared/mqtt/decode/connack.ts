// CONNACK (v3.1.1 3.2, v5 3.2): the session present flag and the return or reason code.
import { CONNACK_FLAGS, UNKNOWN_PROTOCOL_LEVEL } from '../constants';
import { Field, makeField } from '../field';
import { describeHexByte } from './connect';
import { connackCodeMeaning, connackForm, formatCode } from '../reason-codes';
import { decodeProperties } from './properties';
import type { BodyDecoder } from './types';
import { FIELD_KEYS } from '../field-keys';

const connackBits = (flags: Field): Field[] => [
  makeField('mqtt.conack.flags.reserved', 'Reserved', ((flags.value as number) & CONNACK_FLAGS.reserved) >> 1, flags.offset, 1),
  makeField(FIELD_KEYS.sessionPresent, 'Session Present', ((flags.value as number) & CONNACK_FLAGS.sessionPresent) !== 0, flags.offset, 1),
];

export const decodeConnack: BodyDecoder = (reader, header, connectionLevel, fields) => {
  const form = connackForm(connectionLevel, header.remainingLength);
  // A connection whose level is unknown stays so: one CONNACK does not tell it for the rest.
  const protocolLevel = connectionLevel === UNKNOWN_PROTOCOL_LEVEL ? connectionLevel : form;
  const flagsOffset = reader.offset;
  const flags = reader.u8('the acknowledge flags');
  if (flags === undefined) return;
  const sessionPresent = (flags & CONNACK_FLAGS.sessionPresent) !== 0;
  const reserved = (flags & CONNACK_FLAGS.reserved) >> 1;
  fields.push(Field.flags('mqtt.conack.flags', 'Acknowledge Flags', flags, flagsOffset, describeHexByte, connackBits));
  if (reserved !== 0) {
    reader.problem(flagsOffset, 1, 'Reserved acknowledge flag bits 7-1 are set', form === 5 ? 'MQTT-3.2.2-1' : undefined);
  }

  const codeOffset = reader.offset;
  const code = reader.u8('the return code');
  if (code === undefined) return;
  const meaning = connackCodeMeaning(code, form);
  const shown = `${meaning?.name ?? 'Unknown code'} (${formatCode(code, form)})`;
  // Wireshark keys the code as a v5 reason code whenever the level is not 3.1 or 3.1.1, even
  // for a level it does not know; its meaning still comes from the table of the CONNACK's form.
  if (protocolLevel === 3 || protocolLevel === 4) {
    fields.push(makeField(FIELD_KEYS.connackReturnCode, 'Return Code', code, codeOffset, 1, shown));
  } else {
    fields.push(makeField(FIELD_KEYS.connackReasonCode, 'Reason Code', code, codeOffset, 1, shown));
  }
  if (!meaning) reader.problem(codeOffset, 1, `CONNACK code ${formatCode(code, form)} is not defined`, form === 5 ? 'MQTT-3.2.2-6' : undefined);
  if (code !== 0 && sessionPresent) {
    reader.problem(flagsOffset, 1, 'Session present is set on a refused connection', form === 5 ? 'MQTT-3.2.2-6' : 'MQTT-3.2.2-4');
  }

  if (form === 5) {
    const properties = decodeProperties(reader, 'CONNACK');
    if (properties) fields.push(properties);
  }
  return protocolLevel === connectionLevel ? undefined : protocolLevel;
};
