// Writes a v5 property block from a list of properties, in the wire type the table gives.
import { PROPERTY_BY_ID } from '../properties';
import type { PropertyInput } from './types';
import { PacketWriter } from './writer';

export function writeProperties(out: PacketWriter, properties: readonly PropertyInput[] = []): void {
  const block = new PacketWriter();
  for (const { id, value } of properties) {
    block.varint(id);
    const type = PROPERTY_BY_ID[id]?.type;
    if (Array.isArray(value)) {
      block.prefixed(value[0]).prefixed(value[1]);
    } else if (typeof value === 'string' || value instanceof Uint8Array) {
      if (type === undefined && value instanceof Uint8Array) block.raw(value);
      else block.prefixed(value as string | Uint8Array);
    } else if (type === 'byte') {
      block.u8(value as number);
    } else if (type === 'two-byte') {
      block.u16(value as number);
    } else if (type === 'four-byte') {
      block.u32(value as number);
    } else {
      block.varint(value as number);
    }
  }
  out.varint(block.length).raw(block.toBytes());
}
