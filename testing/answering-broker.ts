// A broker that answers every packet as a broker would, but routes nothing and keeps no
// sessions: for showing the lab what a broker that gets one rule wrong looks like. Its CONNACK is
// whatever the test says for each CONNECT; it never closes a silent client (keep alive ignored).
import { decode, findField, FIELD_KEYS, MqttFramer, PACKET_TYPE_IDS, type Field } from '../shared/mqtt';
import { encodePacket } from '../shared/mqtt/encode';
import { startScriptedBroker, type ScriptedBroker } from './scripted-broker';

export interface ConnectSeen {
  protocolLevel: number;
  clientId: string;
  clean: boolean;
  username?: string;
  password?: string;
}

export type ConnackAnswer = { code: number; sessionPresent: boolean };

export function startAnsweringBroker(connack: (connect: ConnectSeen) => ConnackAnswer): Promise<ScriptedBroker> {
  return startScriptedBroker((socket, firstBytes) => {
    const framer = new MqttFramer();
    const answer = (bytes: Uint8Array) => {
      const packet = decode(bytes);
      const field = (key: string) => findField(packet.fields, key)?.value;
      const packetId = field(FIELD_KEYS.packetId);
      switch (packet.type) {
        case PACKET_TYPE_IDS.CONNECT: {
          const seen: ConnectSeen = { protocolLevel: Number(field(FIELD_KEYS.protocolVersion)), clientId: String(field(FIELD_KEYS.clientId) ?? ''), clean: field(FIELD_KEYS.cleanSession) === true };
          if (typeof field(FIELD_KEYS.username) === 'string') seen.username = field(FIELD_KEYS.username) as string;
          if (typeof field(FIELD_KEYS.password) === 'string') seen.password = field(FIELD_KEYS.password) as string;
          const { code, sessionPresent } = connack(seen);
          socket.write(encodePacket({ type: 'CONNACK', code, sessionPresent }));
          if (code !== 0) socket.end();
          return;
        }
        case PACKET_TYPE_IDS.SUBSCRIBE:
          // Each filter granted the QoS it asked for.
          return void socket.write(encodePacket({ type: 'SUBACK', packetId: packetId as number, codes: requestedQos(packet.fields) }));
        case PACKET_TYPE_IDS.PUBLISH: {
          const qos = field(FIELD_KEYS.qos);
          if (qos === 1) socket.write(encodePacket({ type: 'PUBACK', packetId: packetId as number }));
          if (qos === 2) socket.write(encodePacket({ type: 'PUBREC', packetId: packetId as number }));
          return;
        }
        case PACKET_TYPE_IDS.PUBREL:
          return void socket.write(encodePacket({ type: 'PUBCOMP', packetId: packetId as number }));
        case PACKET_TYPE_IDS.PINGREQ:
          return void socket.write(encodePacket({ type: 'PINGRESP' }));
        case PACKET_TYPE_IDS.DISCONNECT:
          return void socket.end();
      }
    };
    const read = (chunk: Buffer) => {
      for (const frame of framer.push(chunk)) if (frame.kind === 'packet') answer(frame.bytes);
    };
    read(firstBytes);
    socket.on('data', read);
  });
}

function requestedQos(fields: readonly Field[]): number[] {
  return fields.flatMap((field) => (field.key === FIELD_KEYS.topicFilter ? [Number(findField(field.children ?? [], 'mqtt.sub.qos')?.value ?? 0) & 3] : requestedQos(field.children ?? [])));
}
