// Decoded values made plain: what CBOR, MessagePack and protobuf readers return (Maps with any
// keys, byte strings, big integers, dates, tags) turned into JSON's kinds, so one tree, one copy
// and one diff serve every format.
import { toHex } from '../mqtt/field';
import { BYTES_PREVIEW, PLAIN_VALUE_MAX_DEPTH } from '../limits';

export type PlainValue = null | boolean | number | NumberAsSent | string | PlainValue[] | { [key: string]: PlainValue };

/**
 * A JSON number whose text a JS number would write differently (`51.0`, `1e3`, `-0`, an integer
 * past 2^53): kept as sent, so the tree, the copy and the diff show what the payload said.
 */
export class NumberAsSent {
  constructor(readonly text: string) {}

  get value(): number {
    return Number(this.text);
  }

  /** JSON.stringify writes the text as sent where the engine can (JSON.rawJSON), else the number. */
  toJSON(): unknown {
    const rawJSON = (JSON as { rawJSON?: (text: string) => unknown }).rawJSON;
    return rawJSON ? rawJSON(this.text) : this.value;
  }
}

/** A number as its payload wrote it. */
export const numberText = (value: number | NumberAsSent): string => (typeof value === 'number' ? String(value) : value.text);

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
  if (value instanceof NumberAsSent) return value;
  if (depth >= PLAIN_VALUE_MAX_DEPTH) return '…';
  if (value instanceof Uint8Array) return bytesText(value);
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number | bigint>, (item) => toPlain(item, depth + 1));
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (Array.isArray(value) || value instanceof Set) return Array.from(value, (item) => toPlain(item, depth + 1));
  if (value instanceof Map) {
    const object: Record<string, PlainValue> = {};
    for (const [key, item] of value) putOwn(object, keyText(key), toPlain(item, depth + 1));
    return object;
  }
  const object: Record<string, PlainValue> = {};
  for (const [key, item] of Object.entries(value)) putOwn(object, key, toPlain(item, depth + 1));
  return object;
}

/** As JSON.parse does: a key named `__proto__` is the object's own, not its prototype. */
export function putOwn(object: Record<string, PlainValue>, key: string, value: PlainValue): void {
  if (key === '__proto__') Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  else object[key] = value;
}

/** A byte string inside a value: its length and its first bytes as hex. */
export function bytesText(bytes: Uint8Array): string {
  const shown = toHex(bytes, 0, Math.min(bytes.length, BYTES_PREVIEW));
  return `<${bytes.length} bytes${bytes.length ? `: ${shown}${bytes.length > BYTES_PREVIEW ? '…' : ''}` : ''}>`;
}

function keyText(key: unknown): string {
  return typeof key === 'string' ? key : JSON.stringify(toPlain(key));
}
