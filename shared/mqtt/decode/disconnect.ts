// DISCONNECT: empty in 3.x; in v5 (3.14) an optional reason code and properties.
import { makeField, type Field } from '../field';
import { reasonCodeMeaning } from '../reason-codes';
import { decodeProperties } from './properties';
import type { BodyDecoder } from './types';

export const decodeDisconnect: BodyDecoder = (reader, _header, protocolLevel) => {
  const fields: Field[] = [];
  if (protocolLevel !== 5 || reader.remaining === 0) return { fields };
  const codeOffset = reader.offset;
  const code = reader.u8('the reason code');
  if (code === undefined) return { fields };
  const meaning = reasonCodeMeaning('DISCONNECT', code);
  fields.push(makeField('mqtt.disconnect.reason_code', 'Reason Code', code, codeOffset, 1, `${meaning?.name ?? 'Unknown code'} (0x${code.toString(16).padStart(2, '0')})`));
  if (!meaning) reader.problem(codeOffset, 1, `DISCONNECT reason code 0x${code.toString(16)} is not defined`, 'MQTT-3.14.2-1');
  if (reader.remaining > 0) {
    const properties = decodeProperties(reader);
    if (properties) fields.push(properties);
  }
  return { fields };
};
