// Packet types whose body has no decoder of its own yet: the body is kept whole, as hex,
// so the bytes are still visible and placed.
import { makeField, toHex } from '../field';
import type { BodyDecoder } from './types';

export const decodeUndissected: BodyDecoder = (reader) => {
  if (reader.remaining === 0) return { fields: [] };
  const offset = reader.offset;
  const body = reader.rest();
  return { fields: [makeField('mqttscope.body', 'Body (not dissected yet)', toHex(body), offset, body.length, `${body.length} bytes`)] };
};
