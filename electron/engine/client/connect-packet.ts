// The client's packets, built by the dissector's encoder: it writes what the person asked for,
// even what a broker must refuse (an empty client id with clean session off, say).
import { PROTOCOL_LEVELS } from '@shared/mqtt';
import { encodePacket, type CraftPacket } from '@shared/mqtt/encode';
import type { ConnectOptions } from '@shared/model/connect-options';

export function connectPacketBytes(options: ConnectOptions): Uint8Array {
  return encodePacket({
    type: 'CONNECT',
    protocolLevel: PROTOCOL_LEVELS[options.protocolVersion],
    clientId: options.clientId,
    clean: options.clean,
    keepAlive: options.keepAlive,
    username: options.username,
    password: options.password,
    properties: [],
  });
}

export function packetBytes(packet: CraftPacket): Uint8Array {
  return encodePacket(packet);
}
