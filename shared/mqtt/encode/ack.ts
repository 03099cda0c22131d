// PUBACK, PUBREC, PUBREL, PUBCOMP bodies: packet identifier, then (v5) reason code and properties.
import { writeProperties } from './properties';
import type { CraftAck } from './types';
import { PacketWriter } from './writer';

export function writeAck(packet: CraftAck, level: number): PacketWriter {
  const body = new PacketWriter().u16(packet.packetId);
  if (level === 5 && (packet.reasonCode !== undefined || packet.properties)) {
    body.u8(packet.reasonCode ?? 0);
    if (packet.properties) writeProperties(body, packet.properties);
  }
  return body;
}
