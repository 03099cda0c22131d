// CONNACK (v3.1.1 3.2, v5 3.2): the session present flag and the return or reason code.
import { CONNACK_FLAGS } from '../constants';
import { Field, fieldKind, type FieldKind } from '../field';
import { describeHexByte } from './connect';
import { connackCodeMeaning, connackForm, formatCode } from '../reason-codes';
import { decodeProperties } from './properties';
import type { BodyDecoder } from './types';
import { FIELD_KEYS } from '../field-keys';

const RESERVED = fieldKind('mqtt.conack.flags.reserved', 'Reserved');
const SESSION_PRESENT = fieldKind(FIELD_KEYS.sessionPresent, 'Session Present');
const ACKNOWLEDGE_FLAGS = fieldKind('mqtt.conack.flags', 'Acknowledge Flags', describeHexByte);

const connackBits = (flags: Field): Field[] => [
  new Field(RESERVED, ((flags.value as number) & CONNACK_FLAGS.reserved) >> 1, flags.offset, 1),
  new Field(SESSION_PRESENT, ((flags.value as number) & CONNACK_FLAGS.sessionPresent) !== 0, flags.offset, 1),
];

/** The code's kinds by key, then by the CONNACK's form (its name and words come from the form); made when first met, one a level byte at most. */
const CODE_KINDS = new Map<string, Map<number, FieldKind>>([[FIELD_KEYS.connackReturnCode, new Map()], [FIELD_KEYS.connackReasonCode, new Map()]]);
function codeKind(key: string, form: number): FieldKind {
  const byForm = CODE_KINDS.get(key)!;
  let kind = byForm.get(form);
  if (!kind) {
    const describe = (field: Field) => `${connackCodeMeaning(field.value as number, form)?.name ?? 'Unknown code'} (${formatCode(field.value as number, form)})`;
    byForm.set(form, (kind = fieldKind(key, form === 5 ? 'Reason Code' : 'Return Code', describe)));
  }
  return kind;
}

export const decodeConnack: BodyDecoder = (reader, _first, remainingLength, connectionLevel, fields) => {
  // The table its code is read from and whether properties follow: the CONNACK's own form. The
  // packet stays at its connection's level (an unknown one stays unknown), as Wireshark keeps it.
  const form = connackForm(connectionLevel, remainingLength);
  const flagsOffset = reader.offset;
  const flags = reader.u8('the acknowledge flags');
  if (flags === undefined) return;
  const sessionPresent = (flags & CONNACK_FLAGS.sessionPresent) !== 0;
  const reserved = (flags & CONNACK_FLAGS.reserved) >> 1;
  fields.push(Field.flags(ACKNOWLEDGE_FLAGS, flags, flagsOffset, connackBits));
  if (reserved !== 0) {
    reader.problem(flagsOffset, 1, 'Reserved acknowledge flag bits 7-1 are set', form === 5 ? 'MQTT-3.2.2-1' : undefined);
  }

  const codeOffset = reader.offset;
  const code = reader.u8('the return code');
  if (code === undefined) return;
  const meaning = connackCodeMeaning(code, form);
  // Wireshark keys the code by the connection's level: a v5 reason code whenever it is not 3.1
  // or 3.1.1, even for a level it does not know, and for a v5 CONNECT answered in the 3.1.1 form
  // [MQTT-3.1.2-2]. Its name and meaning still come from the CONNACK's form.
  const key = connectionLevel === 3 || connectionLevel === 4 ? FIELD_KEYS.connackReturnCode : FIELD_KEYS.connackReasonCode;
  fields.push(new Field(codeKind(key, form), code, codeOffset, 1));
  if (!meaning) reader.problem(codeOffset, 1, `CONNACK code ${formatCode(code, form)} is not defined`, form === 5 ? 'MQTT-3.2.2-6' : undefined);
  if (code !== 0 && sessionPresent) {
    reader.problem(flagsOffset, 1, 'Session present is set on a refused connection', form === 5 ? 'MQTT-3.2.2-6' : 'MQTT-3.2.2-4');
  }

  if (form === 5) {
    const properties = decodeProperties(reader, 'CONNACK');
    if (properties) fields.push(properties);
  }
};
