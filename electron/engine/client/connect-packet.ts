// Builds the client's CONNECT from the connection options (bytes by mqtt-packet).
import mqttPacket from 'mqtt-packet';
import { PROTOCOL_LEVELS, PROTOCOL_NAMES } from '@shared/mqtt';
import type { ConnectOptions } from '@shared/model/connect-options';

export function connectPacketBytes(options: ConnectOptions): Buffer {
  const protocolVersion = PROTOCOL_LEVELS[options.protocolVersion];
  return mqttPacket.generate({
    cmd: 'connect',
    protocolId: PROTOCOL_NAMES[protocolVersion] as 'MQTT' | 'MQIsdp',
    protocolVersion,
    clientId: options.clientId,
    clean: options.clean,
    keepalive: options.keepAlive,
    username: options.username,
    password: options.password === undefined ? undefined : Buffer.from(options.password, 'utf8'),
  });
}

export function packetBytes(packet: mqttPacket.Packet, protocolVersion: number): Buffer {
  return mqttPacket.generate(packet, { protocolVersion });
}
