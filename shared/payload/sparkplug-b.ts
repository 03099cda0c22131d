// A Sparkplug B payload (topics `spBv1.0/…`) read with its protobuf schema, then made readable:
// each oneof `*_value` shown as `value`, data type numbers as their names, floats as written.
import { attempt, decoded, type Decoded } from './decoded';
import { toPlain, type PlainValue } from './plain-value';
import { readMessage, type ProtoObject } from './protobuf-reader';
import { SPARKPLUG_DATA_TYPES, sparkplugPayloadType } from './sparkplug-b-schema';

/** The Sparkplug B topic namespace (specification 3.0, 4.1.1). */
export const SPARKPLUG_B_NAMESPACE = 'spBv1.0/';

export const isSparkplugTopic = (topic: string | undefined): boolean => topic?.startsWith(SPARKPLUG_B_NAMESPACE) ?? false;

/** The payload as the schema reads it: field names as the specification spells them. */
export function readSparkplugB(bytes: Uint8Array): Decoded<ProtoObject> {
  return attempt('Sparkplug B', () => decoded(readMessage(sparkplugPayloadType(), bytes)));
}

export function decodeSparkplugB(bytes: Uint8Array): Decoded<PlainValue> {
  const read = readSparkplugB(bytes);
  return read.ok ? decoded(readable(read.value)) : read;
}

/** The fields of a oneof `value`, whichever a sender chose. */
const VALUE_FIELDS = new Set([
  'int_value', 'long_value', 'float_value', 'double_value', 'boolean_value', 'string_value', 'bytes_value',
  'dataset_value', 'template_value', 'extension_value', 'propertyset_value', 'propertysets_value',
]);

/** Fields holding data type numbers (Metric.datatype, PropertyValue.type, Parameter.type, DataSet.types). */
const DATA_TYPE_FIELDS = new Set(['datatype', 'type', 'types']);

function readable(message: ProtoObject): PlainValue {
  const out: Record<string, PlainValue> = {};
  for (const [name, value] of Object.entries(message)) {
    if (name === 'float_value') out.value = shortestFloat(value as number);
    else if (VALUE_FIELDS.has(name)) out.value = readableValue(value);
    else if (DATA_TYPE_FIELDS.has(name)) out[name] = Array.isArray(value) ? value.map(dataTypeName) : dataTypeName(value);
    else out[name] = readableValue(value);
  }
  return out;
}

function readableValue(value: ProtoObject[string]): PlainValue {
  if (Array.isArray(value)) return value.map((item) => readableValue(item));
  if (isMessage(value)) return readable(value);
  return toPlain(value);
}

function isMessage(value: unknown): value is ProtoObject {
  return typeof value === 'object' && value !== null && !(value instanceof Uint8Array);
}

function dataTypeName(value: unknown): PlainValue {
  const name = typeof value === 'number' ? SPARKPLUG_DATA_TYPES[value] : undefined;
  return name ?? toPlain(value);
}

/** A float32 as its shortest decimal (21.5, 0.1), not the double it widens to (0.10000000149…). */
function shortestFloat(value: number): PlainValue {
  if (!Number.isFinite(value)) return String(value);
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(value.toPrecision(digits));
    if (Math.fround(candidate) === value) return candidate;
  }
  return value;
}
