// DISCONNECT and AUTH bodies: empty in 3.x; in v5 a reason code and properties when given.
import { writeProperties } from './properties';
import type { CraftDisconnect } from './types';
import { PacketWriter } from './writer';

export function writeDisconnect(packet: CraftDisconnect, level: number): PacketWriter {
  const body = new PacketWriter();
  if (level === 5 && (packet.reasonCode !== undefined || packet.properties)) {
    body.u8(packet.reasonCode ?? 0);
    if (packet.properties) writeProperties(body, packet.properties);
  }
  return body;
}
