// Stepping over MQTT 5 properties without reading them into fields (v5 2.2.2): for readers that
// want one fact (a topic alias) or what lies after them (a payload, a topic filter). The id says
// the wire type (properties.ts); the value's size follows from it.
import { PROPERTY_BY_ID } from './properties';
import { readVariableByteInteger, vbiSize, vbiValue } from './variable-byte-integer';

/** Where the property at `bytes[at]` ends; -1 when its id is not a property or it runs past `end`. */
export function skipProperty(bytes: Uint8Array, at: number, end: number): number {
  if (at >= end) return -1;
  const definition = PROPERTY_BY_ID[bytes[at]];
  if (definition === undefined) return -1;
  const value = at + 1;
  let next: number;
  switch (definition.type) {
    case 'byte': next = value + 1; break;
    case 'two-byte': next = value + 2; break;
    case 'four-byte': next = value + 4; break;
    case 'varint': {
      const read = readVariableByteInteger(bytes, value, end);
      if (read < 0) return -1;
      next = value + vbiSize(read);
      break;
    }
    case 'utf8':
    case 'binary': next = skipPrefixed(bytes, value, end); break;
    case 'utf8-pair': next = skipPrefixed(bytes, skipPrefixed(bytes, value, end), end); break;
  }
  return next <= end ? next : -1;
}

/** Where a two-byte length and the bytes it counts end; past `end` when they do not fit. */
function skipPrefixed(bytes: Uint8Array, at: number, end: number): number {
  return at + 2 <= end ? at + 2 + ((bytes[at] << 8) | bytes[at + 1]) : end + 1;
}

/**
 * Where the property block at `bytes[at]` ends: its length (a Variable Byte Integer) and the bytes
 * that length counts. -1 when the length cannot be read or the block runs past `end`.
 */
export function skipProperties(bytes: Uint8Array, at: number, end: number): number {
  const read = readVariableByteInteger(bytes, at, end);
  if (read < 0) return -1;
  const next = at + vbiSize(read) + vbiValue(read);
  return next <= end ? next : -1;
}
