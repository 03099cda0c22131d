// CONNACK body: acknowledge flags, the return / reason code, v5 properties.
import { writeProperties } from './properties';
import type { CraftConnack } from './types';
import { PacketWriter } from './writer';

export function writeConnack(packet: CraftConnack, level: number): PacketWriter {
  const body = new PacketWriter().u8(packet.flags ?? (packet.sessionPresent ? 1 : 0)).u8(packet.code);
  if (level === 5) writeProperties(body, packet.properties);
  return body;
}
