// PUBLISH body: topic, packet identifier when QoS > 0, v5 properties, payload.
import { writeProperties } from './properties';
import { utf8Length } from '../utf8';
import type { CraftPublish } from './types';
import { allocatePacket, PacketWriter, varintLength, writeVarint } from './writer';

const utf8 = new TextEncoder();
const NO_PAYLOAD = new Uint8Array(0);

export function publishFlags(packet: CraftPublish): number {
  return ((packet.dup ? 1 : 0) << 3) | ((packet.qos ?? 0) << 1) | (packet.retain ? 1 : 0);
}

/** Whether the PUBLISH is as a client writes one (no crafted header, length or trailing bytes, no
 *  v5 properties): then its size is known before a byte is written. */
export function isPlainPublish(packet: CraftPublish, level: number): boolean {
  return packet.trailing === undefined && packet.headerFlags === undefined && packet.remainingLength === undefined && packet.remainingLengthBytes === undefined && (level !== 5 || !packet.properties?.length);
}

/** A plain PUBLISH written straight into one buffer of its size: a burst of them allocates nothing else. */
export function encodePlainPublish(packet: CraftPublish, level: number): Uint8Array {
  const payload = packet.payload ?? NO_PAYLOAD;
  const topicLength = utf8Length(packet.topic);
  const payloadLength = typeof payload === 'string' ? utf8Length(payload) : payload.length;
  const qos = packet.qos ?? 0;
  const remaining = 2 + topicLength + (qos > 0 ? 2 : 0) + (level === 5 ? 1 : 0) + payloadLength;
  const bytes = allocatePacket(1 + varintLength(remaining) + remaining);
  bytes[0] = 0x30 | publishFlags(packet);
  let at = writeVarint(bytes, 1, remaining);
  bytes[at++] = topicLength >> 8;
  bytes[at++] = topicLength & 0xff;
  at += utf8.encodeInto(packet.topic, bytes.subarray(at, at + topicLength)).written;
  if (qos > 0) {
    const packetId = packet.packetId ?? 1;
    bytes[at++] = packetId >> 8;
    bytes[at++] = packetId & 0xff;
  }
  // An empty v5 property block.
  if (level === 5) bytes[at++] = 0;
  if (typeof payload === 'string') utf8.encodeInto(payload, bytes.subarray(at));
  else bytes.set(payload, at);
  return bytes;
}

export function writePublish(packet: CraftPublish, level: number): PacketWriter {
  const body = new PacketWriter().prefixed(packet.topic);
  if ((packet.qos ?? 0) > 0) body.u16(packet.packetId ?? 1);
  if (level === 5) writeProperties(body, packet.properties);
  const payload = packet.payload ?? new Uint8Array(0);
  return typeof payload === 'string' ? body.text(payload) : body.raw(payload);
}
