// MQTT 5 property blocks (v5 2.2.2). The length and the block's byte range are decoded here;
// the properties themselves are listed as raw bytes until the property table is in place.
import { makeField, toHex, type Field } from '../field';
import type { PacketReader } from '../reader';

export function decodeProperties(reader: PacketReader): Field | undefined {
  const start = reader.offset;
  const length = reader.varint('the property length');
  if (length === undefined) return undefined;
  const lengthField = makeField('mqtt.property_len', 'Total Length', length.value, start, length.length);
  const blockStart = reader.offset;
  const block = reader.slice(length.value, 'the properties') ?? reader.rest();
  const children = [lengthField];
  if (block.length > 0) {
    children.push(makeField('mqttscope.properties_raw', 'Properties (raw)', toHex(block), blockStart, block.length));
  }
  return makeField('mqtt.properties', 'Properties', length.value, start, reader.offset - start, `${length.value} bytes`, children);
}
