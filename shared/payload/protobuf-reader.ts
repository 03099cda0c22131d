// A protobuf message read by walking its protobufjs reflection type with protobufjs's Reader.
// protobufjs's own decoders are generated with `new Function`, which the app's
// Content-Security-Policy (script-src 'self', no 'unsafe-eval') forbids; the static code its
// CLI would generate instead is not among our packages. So the schema and the wire reading
// stay the library's, and this loop only dispatches field by field, as the generated code does.
import protobuf from 'protobufjs';
import { PROTOBUF_MAX_DEPTH } from '../limits';

/** The wire type each scalar is written with (protobuf encoding guide); messages use 2. */
const WIRE_TYPES: Record<string, number> = {
  double: 1, float: 5, int32: 0, uint32: 0, sint32: 0, fixed32: 5, sfixed32: 5,
  int64: 0, uint64: 0, sint64: 0, fixed64: 1, sfixed64: 1, bool: 0, string: 2, bytes: 2,
};

type Scalar = number | bigint | boolean | string | Uint8Array;
export type ProtoObject = { [field: string]: Scalar | ProtoObject | (Scalar | ProtoObject)[] };

/** Reads `bytes` as one `type` message, fields named as the schema names them; unknown fields
 *  (extensions) are skipped. Throws on anything that does not read: callers wrap it. */
export function readMessage(type: protobuf.Type, bytes: Uint8Array): ProtoObject {
  const reader = protobuf.Reader.create(bytes);
  return readFields(reader, type, bytes.length, 0);
}

function readFields(reader: protobuf.Reader, type: protobuf.Type, end: number, depth: number): ProtoObject {
  if (depth > PROTOBUF_MAX_DEPTH) throw new Error(`messages nest deeper than ${PROTOBUF_MAX_DEPTH}`);
  const message: ProtoObject = {};
  while (reader.pos < end) {
    const at = reader.pos;
    const tag = reader.uint32();
    const number = tag >>> 3;
    const wireType = tag & 7;
    if (number === 0) throw new Error(`field number 0 at byte ${at}`);
    const field = type.fieldsById[number];
    if (!field) {
      reader.skipType(wireType);
      continue;
    }
    const nested = field.resolvedType instanceof protobuf.Type ? field.resolvedType : undefined;
    const expected = nested ? 2 : field.resolvedType ? 0 : WIRE_TYPES[field.type];
    if (field.repeated && !nested && wireType === 2 && expected !== 2) {
      const stop = within(reader, end);
      const items = (message[field.name] ??= []) as Scalar[];
      while (reader.pos < stop) items.push(readScalar(reader, field.type));
      if (reader.pos !== stop) throw new Error(`packed ${type.name}.${field.name} overruns its length`);
      continue;
    }
    if (wireType !== expected) throw new Error(`${type.name}.${field.name} (field ${number}) has wire type ${wireType}, not ${expected}, at byte ${at}`);
    const value = nested ? readFields(reader, nested, within(reader, end), depth + 1) : readScalar(reader, field.resolvedType ? 'int32' : field.type);
    if (field.repeated) ((message[field.name] ??= []) as (Scalar | ProtoObject)[]).push(value);
    else message[field.name] = value;
  }
  if (reader.pos !== end) throw new Error(`${type.name} overruns its length`);
  return message;
}

/** Reads a length prefix; the end it gives, checked against the enclosing message's. */
function within(reader: protobuf.Reader, end: number): number {
  const length = reader.uint32();
  if (reader.pos + length > end) throw new Error(`a length of ${length} bytes at byte ${reader.pos} runs past the end`);
  return reader.pos + length;
}

function readScalar(reader: protobuf.Reader, type: string): Scalar {
  const read = (reader as unknown as Record<string, () => unknown>)[type];
  if (typeof read !== 'function') throw new Error(`no reader for ${type}`);
  return asScalar(read.call(reader), type);
}

/** 64-bit values come back as Long objects (or numbers without long.js): made bigints. */
function asScalar(value: unknown, type: string): Scalar {
  if (typeof value === 'object' && value !== null && 'low' in value && 'high' in value) {
    const { low, high } = value as { low: number; high: number };
    const unsigned = (BigInt(high >>> 0) << 32n) | BigInt(low >>> 0);
    return type.startsWith('u') || type === 'fixed64' ? unsigned : BigInt.asIntN(64, unsigned);
  }
  return value as Scalar;
}
