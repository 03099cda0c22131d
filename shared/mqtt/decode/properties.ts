// MQTT 5 property blocks (v5 2.2.2): the length, then each property as its id with its value
// beneath it, keyed as Wireshark keys them. Checks which packet may carry each property and
// which may appear only once.
import { makeField, toHex, type Field } from '../field';
import { PROPERTY_BY_ID, type PropertyDefinition, type PropertyPlace } from '../properties';
import type { PacketReader } from '../reader';
import { FIELD_KEYS } from '../field-keys';

// The property rules have no numbered clause of their own in the specification.
const CLAUSE = 'v5 §2.2.2.2';
const describeBlock = (field: Field) => `${field.value} bytes`;

export function decodeProperties(reader: PacketReader, place: PropertyPlace, key: string = FIELD_KEYS.properties, name = 'Properties'): Field | undefined {
  const start = reader.offset;
  const length = reader.varint('the property length');
  if (length === undefined) return undefined;
  const children: Field[] = [makeField('mqtt.property_len', 'Total Length', length, start, reader.offset - start)];
  const blockEnd = reader.offset + length;
  if (blockEnd > reader.end) {
    reader.problem(start, reader.end - start, `Property length ${length} runs past the end of the packet`, CLAUSE);
  }
  const end = Math.min(blockEnd, reader.end);
  const seen = new Set<number>();
  while (reader.offset < end) {
    const property = decodeProperty(reader, end, place, seen);
    if (!property) break;
    children.push(property);
  }
  reader.offset = end;
  return makeField(key, name, length, start, end - start, describeBlock, children);
}

function decodeProperty(reader: PacketReader, end: number, place: PropertyPlace, seen: Set<number>): Field | undefined {
  const idOffset = reader.offset;
  const id = reader.u8('a property identifier')!;
  const definition = PROPERTY_BY_ID[id];
  const idText = `0x${id.toString(16).padStart(2, '0')}`;
  if (!definition) {
    reader.problem(idOffset, end - idOffset, `Unknown property identifier ${idText}; the rest of the properties cannot be read`, CLAUSE);
    const rest = toHex(reader.bytes, reader.offset, end);
    reader.offset = end;
    return makeField('mqtt.property_id', 'ID', id, idOffset, 1, `Unknown (${idText})`, [
      makeField('mqtt.prop_unknown', 'Unknown Property', rest, idOffset + 1, end - idOffset - 1),
    ]);
  }
  const values = decodeValue(reader, definition, end);
  const property = makeField('mqtt.property_id', 'ID', id, idOffset, 1, `${definition.name} (${idText})`, values);
  if (!definition.places.includes(place)) {
    reader.problem(idOffset, reader.offset - idOffset, `${definition.name} is not allowed in ${place === 'WILL' ? 'will properties' : `a ${place}`}`, CLAUSE);
  }
  if (seen.has(id) && !definition.repeatable?.includes(place)) {
    reader.problem(idOffset, reader.offset - idOffset, `${definition.name} appears more than once`, CLAUSE);
  }
  seen.add(id);
  return property;
}

/** How each numeric property type is read; the reader's advance is the value's length. */
const NUMBER_READERS = {
  byte: (reader: PacketReader, name: string) => reader.u8(name),
  'two-byte': (reader: PacketReader, name: string) => reader.u16(name),
  'four-byte': (reader: PacketReader, name: string) => reader.u32(name),
  varint: (reader: PacketReader, name: string) => reader.varint(name),
} as const;

/** The value fields of one property, read within the property block. */
function decodeValue(reader: PacketReader, definition: PropertyDefinition, end: number): Field[] {
  const bounded = reader.within(end);
  const start = bounded.offset;
  const numberKey = definition.valueKey ?? 'mqtt.prop_number';
  let fields: Field[] = [];
  switch (definition.type) {
    case 'byte':
    case 'two-byte':
    case 'four-byte':
    case 'varint': {
      const value = NUMBER_READERS[definition.type](bounded, definition.name);
      if (value !== undefined) fields = [makeField(numberKey, 'Value', value, start, bounded.offset - start)];
      break;
    }
    case 'utf8':
    case 'binary': {
      const binary = definition.type === 'binary';
      const read = binary
        ? bounded.binary('mqtt.prop_string_len', 'mqtt.prop_string', definition.name)
        : bounded.utf8String('mqtt.prop_string_len', 'mqtt.prop_string', definition.name);
      if (read && definition.valueKey) {
        // Wireshark shows the Content Type as one field, its length prefix included.
        fields = [makeField(definition.valueKey, definition.name, read.field.value, start, read.lengthField.length + read.field.length)];
      } else if (read) {
        fields = [read.lengthField, read.field];
      }
      break;
    }
    case 'utf8-pair': {
      const key = bounded.utf8String('mqtt.prop_key_len', 'mqtt.prop_key', 'Key');
      const value = key && bounded.utf8String('mqtt.prop_value_len', 'mqtt.prop_value', 'Value');
      fields = [key?.lengthField, key?.field, value?.lengthField, value?.field].filter((field): field is Field => !!field);
      break;
    }
  }
  reader.offset = bounded.offset;
  return fields;
}
