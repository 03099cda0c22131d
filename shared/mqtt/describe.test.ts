import { describe, expect, it } from 'vitest';
import { decode } from './decode';
import { describePacket } from './describe';
import { encodePacket, type CraftPacket } from './encode';

const line = (packet: CraftPacket) => describePacket(decode(encodePacket(packet), { protocolLevel: packet.protocolLevel ?? 4 }));

describe('describePacket', () => {
  it.each([
    [{ type: 'CONNECT', clientId: 'dev', clean: false, keepAlive: 30, username: 'alice', password: 'pw', will: { topic: 'status/dev', payload: 'gone', qos: 1, retain: true } }, 'CONNECT MQTT v3.1.1 (4) client id "dev" clean session 0 keep alive 30 s user "alice" password •••• will "status/dev" QoS 1 retain'],
    [{ type: 'CONNACK', code: 5 }, 'CONNACK session present 0, return code Connection refused, not authorized (5)'],
    [{ type: 'CONNACK', code: 0x87, protocolLevel: 5, properties: [] }, 'CONNACK session present 0, reason code Not authorized (0x87)'],
    [{ type: 'PUBLISH', topic: 'a/b', qos: 1, packetId: 3, retain: true, payload: '21.5' }, 'PUBLISH QoS 1 id 3 retain "a/b" 4 bytes: "21.5"'],
    [{ type: 'SUBSCRIBE', packetId: 1, subscriptions: [{ topic: 'a/#', qos: 1 }] }, 'SUBSCRIBE id 1 a/# (Requested QoS: At least once delivery (1))'],
    [{ type: 'SUBACK', packetId: 1, codes: [1, 0x80] }, 'SUBACK id 1 Granted QoS 1 (0x01), Failure (0x80)'],
    [{ type: 'DISCONNECT', protocolLevel: 5, reasonCode: 0x8e }, 'DISCONNECT reason Session taken over (0x8e)'],
    [{ type: 'PINGREQ' }, 'PINGREQ'],
  ] as const)('%j', (packet, expected) => {
    expect(line(packet as CraftPacket)).toBe(expected);
  });

  it('says when a packet has problems', () => {
    expect(line({ type: 'CONNECT', clientId: '', clean: false })).toMatch(/\[1 problem: Empty client id with clean session off/);
  });
});
