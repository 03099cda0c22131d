// The client's CONNECT, built by the dissector's encoder: it writes what the person asked for,
// even what a broker must refuse (an empty client id with clean session off, say).
import { fromHex, PROTOCOL_LEVELS } from '@shared/mqtt';
import { encodePacket, propertyList } from '@shared/mqtt/encode';
import type { ConnectOptions } from '@shared/model/connect-options';

export function connectPacketBytes(options: ConnectOptions): Uint8Array {
  if (options.plan?.rawConnectHex) return fromHex(options.plan.rawConnectHex)!;
  return encodePacket({
    type: 'CONNECT',
    protocolLevel: PROTOCOL_LEVELS[options.protocolVersion],
    clientId: options.clientId,
    clean: options.clean,
    keepAlive: options.keepAlive,
    username: options.username,
    password: options.password,
    will: options.will && { topic: options.will.topic, payload: options.will.payload, qos: options.will.qos, retain: options.will.retain, properties: propertyList(options.will.properties) },
    properties: propertyList(options.properties),
  });
}
