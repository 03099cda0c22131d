// CONNECT body: protocol name and level, flags, keep alive, v5 properties, then the payload.
import { CONNECT_FLAGS } from '../constants';
import { writeProperties } from './properties';
import type { CraftConnect } from './types';
import { PacketWriter } from './writer';

export function writeConnect(packet: CraftConnect, level: number): PacketWriter {
  const body = new PacketWriter();
  body.prefixed(packet.protocolName ?? (level === 3 ? 'MQIsdp' : 'MQTT')).u8(level);
  const will = packet.will;
  let flags = 0;
  if (packet.username !== undefined) flags |= CONNECT_FLAGS.username;
  if (packet.password !== undefined) flags |= CONNECT_FLAGS.password;
  if (will) {
    flags |= CONNECT_FLAGS.will | ((will.qos ?? 0) << 3);
    if (will.retain) flags |= CONNECT_FLAGS.willRetain;
  }
  if (packet.clean ?? true) flags |= CONNECT_FLAGS.cleanSession;
  body.u8(packet.connectFlags ?? flags).u16(packet.keepAlive ?? 60);
  if (level === 5) writeProperties(body, packet.properties);
  body.prefixed(packet.clientId);
  if (will) {
    if (level === 5) writeProperties(body, will.properties);
    body.prefixed(will.topic).prefixed(will.payload);
  }
  if (packet.username !== undefined) body.prefixed(packet.username);
  if (packet.password !== undefined) body.prefixed(packet.password);
  return body;
}
