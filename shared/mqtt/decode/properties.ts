// MQTT 5 property blocks (v5 2.2.2): the length, then each property as its id with its value
// beneath it, keyed as Wireshark keys them. Checks which packet may carry each property and
// which may appear only once.
import { PACKET_TYPES } from '../constants';
import { Field, fieldKind, type FieldKind } from '../field';
import { PROPERTIES, PROPERTY_BY_ID, type PropertyDefinition, type PropertyPlace } from '../properties';
import { lengthField, prefixedBinaryKinds, prefixedKinds, type PacketReader, type PrefixedKinds } from '../reader';
import { FIELD_KEYS } from '../field-keys';

// The property rules have no numbered clause of their own in the specification.
const CLAUSE = 'v5 §2.2.2.2';
const describeBlock = (field: Field) => `${field.value} bytes`;
const hexId = (id: number) => `0x${id.toString(16).padStart(2, '0')}`;
const TOTAL_LENGTH = fieldKind('mqtt.property_len', 'Total Length');
const PROPERTY = fieldKind('mqtt.property_id', 'ID', (field) => `${PROPERTY_BY_ID[field.value as number]!.name} (${hexId(field.value as number)})`);
const UNKNOWN_ID = fieldKind('mqtt.property_id', 'ID', (field) => `Unknown (${hexId(field.value as number)})`);
const UNKNOWN_PROPERTY = fieldKind('mqtt.prop_unknown', 'Unknown Property');
const BLOCK = fieldKind(FIELD_KEYS.properties, 'Properties', describeBlock);
const WILL_BLOCK = fieldKind('mqtt.will_properties', 'Will Properties', describeBlock);

/** Each place as one bit, and for each property id the places that allow it and that let it repeat (derived). */
const PLACE_BIT = Object.fromEntries([...Object.values(PACKET_TYPES), 'WILL'].map((place, index) => [place, 1 << index])) as Record<PropertyPlace, number>;
const placesMask = (places: readonly PropertyPlace[] = []) => places.reduce((mask, place) => mask | PLACE_BIT[place], 0);
const ALLOWED = new Int32Array(PROPERTY_BY_ID.length);
const REPEATABLE = new Int32Array(PROPERTY_BY_ID.length);
for (const property of PROPERTIES) {
  ALLOWED[property.id] = placesMask(property.places);
  REPEATABLE[property.id] = placesMask(property.repeatable);
}

/**
 * Each property's value kinds (derived): its number's, or its text's seen whole with its length (a
 * Content Type, as Wireshark shows it), or its text's and binary data's apart from their lengths;
 * and a user property's two strings.
 */
const VALUE_KINDS = new Array<FieldKind>(PROPERTY_BY_ID.length);
const STRING_KINDS = new Array<PrefixedKinds>(PROPERTY_BY_ID.length);
/** Each property as one bit of an integer, so a block notes the ids it has seen without a set (derived; the 27 fit in 31, properties.test.ts holds it). */
const PROPERTY_BIT = new Int32Array(PROPERTY_BY_ID.length);
PROPERTIES.forEach((property, index) => {
  VALUE_KINDS[property.id] = fieldKind(property.valueKey ?? 'mqtt.prop_number', property.type === 'utf8' ? property.name : 'Value');
  STRING_KINDS[property.id] = (property.type === 'binary' ? prefixedBinaryKinds : prefixedKinds)('mqtt.prop_string_len', 'mqtt.prop_string', property.name);
  PROPERTY_BIT[property.id] = 1 << index;
});
const PAIR_KEY = prefixedKinds('mqtt.prop_key_len', 'mqtt.prop_key', 'Key');
const PAIR_VALUE = prefixedKinds('mqtt.prop_value_len', 'mqtt.prop_value', 'Value');

/** The property block at the reader's offset, as its place allows; a CONNECT's will properties for the place WILL. */
export function decodeProperties(reader: PacketReader, place: PropertyPlace): Field | undefined {
  const start = reader.offset;
  const length = reader.varint('the property length');
  if (length === undefined) return undefined;
  const children: Field[] = [new Field(TOTAL_LENGTH, length, start, reader.offset - start)];
  const blockEnd = reader.offset + length;
  if (blockEnd > reader.end) {
    reader.problem(start, reader.end - start, `Property length ${length} runs past the end of the packet`, CLAUSE);
  }
  const end = Math.min(blockEnd, reader.end);
  const bit = PLACE_BIT[place];
  let seen = 0;
  while (reader.offset < end) {
    const property = decodeProperty(reader, end, place, bit, seen);
    seen |= PROPERTY_BIT[property.value as number];
    children.push(property);
  }
  reader.offset = end;
  return new Field(place === 'WILL' ? WILL_BLOCK : BLOCK, length, start, end - start, children);
}

/** One property and its value; `seen` holds the bits of the properties before it in the block. */
function decodeProperty(reader: PacketReader, end: number, place: PropertyPlace, bit: number, seen: number): Field {
  const idOffset = reader.offset;
  const id = reader.bytes[reader.offset++];
  const definition = PROPERTY_BY_ID[id];
  if (!definition) {
    reader.problem(idOffset, end - idOffset, `Unknown property identifier ${hexId(id)}; the rest of the properties cannot be read`, CLAUSE);
    reader.offset = end;
    return new Field(UNKNOWN_ID, id, idOffset, 1, [Field.hex(UNKNOWN_PROPERTY, reader.bytes, idOffset + 1, end - idOffset - 1)]);
  }
  const property = new Field(PROPERTY, id, idOffset, 1, decodeValue(reader, definition, end));
  if ((ALLOWED[id] & bit) === 0) {
    reader.problem(idOffset, reader.offset - idOffset, `${definition.name} is not allowed in ${place === 'WILL' ? 'will properties' : `a ${place}`}`, CLAUSE);
  }
  if ((seen & PROPERTY_BIT[id]) !== 0 && (REPEATABLE[id] & bit) === 0) {
    reader.problem(idOffset, reader.offset - idOffset, `${definition.name} appears more than once`, CLAUSE);
  }
  return property;
}

/** The value fields of one property, read within the property block. */
function decodeValue(reader: PacketReader, definition: PropertyDefinition, end: number): Field[] {
  const outerEnd = reader.enter(end);
  const fields = readValue(reader, definition);
  reader.leave(outerEnd);
  return fields;
}

// Each array is made at its size: a property has at most four value fields.
function readValue(reader: PacketReader, definition: PropertyDefinition): Field[] {
  const start = reader.offset;
  let number: number | undefined;
  switch (definition.type) {
    case 'byte': number = reader.u8(definition.name); break;
    case 'two-byte': number = reader.u16(definition.name); break;
    case 'four-byte': number = reader.u32(definition.name); break;
    case 'varint': number = reader.varint(definition.name); break;
    case 'utf8': {
      const kinds = STRING_KINDS[definition.id];
      const text = reader.prefixedText(kinds);
      if (!text) return [];
      // Wireshark shows the Content Type as one field, its length prefix included.
      if (definition.valueKey) return [text.covering(VALUE_KINDS[definition.id], start, reader.offset - start)];
      return [lengthField(kinds, text), text];
    }
    case 'binary': {
      const kinds = STRING_KINDS[definition.id];
      const data = reader.prefixedBinary(kinds);
      return data ? [lengthField(kinds, data), data] : [];
    }
    case 'utf8-pair': {
      const key = reader.prefixedText(PAIR_KEY);
      if (!key) return [];
      const value = reader.prefixedText(PAIR_VALUE);
      return value ? [lengthField(PAIR_KEY, key), key, lengthField(PAIR_VALUE, value), value] : [lengthField(PAIR_KEY, key), key];
    }
  }
  return number === undefined ? [] : [new Field(VALUE_KINDS[definition.id], number, start, reader.offset - start)];
}
