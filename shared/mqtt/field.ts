// The shape every decoder returns: a tree of fields that each know their bytes, plus problems.

export type FieldValue = number | boolean | string;

export interface Field {
  /** Wireshark's display-filter name where it has one (`mqtt.conack.flags.sp`), ours otherwise. */
  key: string;
  /** The tree line a person reads: the field's name and the value's meaning. */
  label: string;
  /** Numbers for integers, booleans for one-bit flags, strings for text, lowercase hex for binary. */
  value: FieldValue;
  /** Offset inside the MQTT packet, counting from the fixed header byte. */
  offset: number;
  length: number;
  children?: Field[];
}

export interface Problem {
  offset: number;
  length: number;
  message: string;
  /** The specification clause broken, e.g. `MQTT-3.2.2-1`, where one applies. */
  clause?: string;
}

export interface DecodedPacket {
  /** The packet type from the fixed header (1–15; 0 is reserved). */
  type: number;
  typeName: string;
  /** The protocol level the packet was decoded as (3 = 3.1, 4 = 3.1.1, 5 = 5.0). */
  protocolLevel: number;
  /** The whole packet's size in bytes, fixed header included. */
  length: number;
  fields: Field[];
  problems: Problem[];
}

export function makeField(
  key: string,
  name: string,
  value: FieldValue,
  offset: number,
  length: number,
  meaning?: string,
  children?: Field[],
): Field {
  const shown = meaning ?? (typeof value === 'boolean' ? (value ? 'Set' : 'Not set') : String(value));
  const field: Field = { key, label: `${name}: ${shown}`, value, offset, length };
  if (children) field.children = children;
  return field;
}

/** Depth-first search of a field tree by key. */
export function findField(fields: readonly Field[], key: string): Field | undefined {
  for (const field of fields) {
    if (field.key === key) return field;
    const inner = field.children && findField(field.children, key);
    if (inner) return inner;
  }
  return undefined;
}

const HEX_PAIRS = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

export function toHex(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let hex = '';
  for (let i = start; i < end; i++) hex += HEX_PAIRS[bytes[i]];
  return hex;
}

/** Parses lowercase or uppercase hex, ignoring whitespace; undefined when it is not hex. */
export function fromHex(text: string): Uint8Array | undefined {
  const clean = text.replace(/\s+/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean)) return undefined;
  const bytes = new Uint8Array(clean.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}
