// Decoded values made plain: what CBOR, MessagePack and protobuf readers return (Maps with any
// keys, byte strings, big integers, dates, tags) turned into JSON's kinds, so one tree, one copy
// and one diff serve every format.
import { toHex } from '../mqtt/field';
import { BYTES_PREVIEW } from './limits';

export type PlainValue = null | boolean | number | string | PlainValue[] | { [key: string]: PlainValue };

/** Nesting kept before a value is cut (a hostile payload can nest deeper than a stack). */
const MAX_DEPTH = 200;

/** A map or an array: what makes a binary decode worth showing over the text or the hex. */
export function isStructured(value: unknown): boolean {
  return Array.isArray(value) || value instanceof Map || (typeof value === 'object' && value !== null && !ArrayBuffer.isView(value) && Object.getPrototypeOf(value) === Object.prototype);
}

export function toPlain(value: unknown, depth = 0): PlainValue {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'boolean':
    case 'string':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'bigint':
      return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
    case 'object':
      break;
    default:
      return String(value);
  }
  if (depth >= MAX_DEPTH) return '…';
  if (value instanceof Uint8Array) return bytesText(value);
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number | bigint>, (item) => toPlain(item, depth + 1));
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (Array.isArray(value) || value instanceof Set) return Array.from(value, (item) => toPlain(item, depth + 1));
  if (value instanceof Map) {
    const object: Record<string, PlainValue> = {};
    for (const [key, item] of value) object[keyText(key)] = toPlain(item, depth + 1);
    return object;
  }
  const object: Record<string, PlainValue> = {};
  for (const [key, item] of Object.entries(value)) object[key] = toPlain(item, depth + 1);
  return object;
}

/** A byte string inside a value: its length and its first bytes as hex. */
export function bytesText(bytes: Uint8Array): string {
  const shown = toHex(bytes, 0, Math.min(bytes.length, BYTES_PREVIEW));
  return `<${bytes.length} bytes${bytes.length ? `: ${shown}${bytes.length > BYTES_PREVIEW ? '…' : ''}` : ''}>`;
}

function keyText(key: unknown): string {
  return typeof key === 'string' ? key : JSON.stringify(toPlain(key));
}
