// PUBLISH body: topic, packet identifier when QoS > 0, v5 properties, payload.
import { writeProperties } from './properties';
import type { CraftPublish } from './types';
import { PacketWriter } from './writer';

export function publishFlags(packet: CraftPublish): number {
  return ((packet.dup ? 1 : 0) << 3) | ((packet.qos ?? 0) << 1) | (packet.retain ? 1 : 0);
}

export function writePublish(packet: CraftPublish, level: number): PacketWriter {
  const body = new PacketWriter().prefixed(packet.topic);
  if ((packet.qos ?? 0) > 0) body.u16(packet.packetId ?? 1);
  if (level === 5) writeProperties(body, packet.properties);
  const payload = packet.payload ?? new Uint8Array(0);
  return typeof payload === 'string' ? body.text(payload) : body.raw(payload);
}
