// SUBACK and UNSUBACK bodies: packet identifier, v5 properties, one code per topic filter.
import { writeProperties } from './properties';
import type { CraftSuback } from './types';
import { PacketWriter } from './writer';

export function writeSuback(packet: CraftSuback, level: number): PacketWriter {
  const body = new PacketWriter().u16(packet.packetId);
  if (level === 5) writeProperties(body, packet.properties);
  if (level === 5 || packet.type === 'SUBACK') for (const code of packet.codes ?? []) body.u8(code);
  return body;
}
