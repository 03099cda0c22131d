import mqttPacket from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { CONNECT_SNIFF_LENGTH, looksLikeConnect } from './looks-like-connect';

// The first bytes a capture holds of a stream, as mqtt-sessions cuts them.
const start = (packet: object, protocolVersion = 4) => new Uint8Array(mqttPacket.generate(packet as mqttPacket.Packet, { protocolVersion })).subarray(0, CONNECT_SNIFF_LENGTH);
const connect = (protocolVersion: number, clientId = 'c') => start({ cmd: 'connect', protocolId: protocolVersion === 3 ? 'MQIsdp' : 'MQTT', protocolVersion, clientId, clean: true, keepalive: 10 }, protocolVersion);

describe('looksLikeConnect', () => {
  it('finds a CONNECT of each protocol level, a short one and one whose remaining length takes four bytes', () => {
    expect([3, 4, 5].map((level) => looksLikeConnect(connect(level)))).toEqual([true, true, true]);
    expect(looksLikeConnect(connect(4, ''))).toBe(true);
    expect(looksLikeConnect(connect(4, 'x'.repeat(2_100_000)))).toBe(true);
  });

  it('finds none in another packet, a protocol name it does not know, a body too short to be a CONNECT, or a length it cannot read', () => {
    expect(looksLikeConnect(start({ cmd: 'publish', topic: 'MQTT', payload: Buffer.from('x'), qos: 0, retain: false, dup: false }))).toBe(false);
    expect(looksLikeConnect(Uint8Array.from([0x10, 0x0c, 0x00, 0x04, ...Buffer.from('MQTX'), 0x04, 0x02, 0x00, 0x0a, 0x00, 0x00]))).toBe(false);
    expect(looksLikeConnect(Uint8Array.from([0x10, 0x0b, 0x00, 0x04, ...Buffer.from('MQTT'), 0x04, 0x02, 0x00, 0x0a, 0x00]))).toBe(false);
    expect(looksLikeConnect(Uint8Array.from([0x10, 0x80, 0x80, 0x80, 0x80, 0x01, 0x00, 0x04, ...Buffer.from('MQTT')]))).toBe(false);
    expect(looksLikeConnect(Uint8Array.from([0x10, 0x8c]))).toBe(false);
    expect(looksLikeConnect(new Uint8Array(0))).toBe(false);
  });
});
