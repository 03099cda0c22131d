// One fixture per kind of malformed packet: the problem, its byte range and clause, and what
// is still decoded around it.
import { describe, expect, it } from 'vitest';
import { encodePacket, type CraftPacket } from '../encode';
import { findField, fromHex, type Problem } from '../field';
import { decode } from './index';

interface Fixture {
  name: string;
  bytes: Uint8Array;
  level?: number;
  problem: Partial<Omit<Problem, 'message'>> & { message: string | RegExp };
  /** A field that must still be decoded despite the problem. */
  stillDecoded?: [key: string, value: unknown];
}

const craft = (packet: CraftPacket) => encodePacket(packet);

const FIXTURES: Fixture[] = [
  {
    name: 'truncated PUBLISH: the topic runs past the end',
    bytes: craft({ type: 'PUBLISH', topic: 'sensors/temp', payload: '21.5' }).slice(0, 9),
    problem: { offset: 4, length: 5, message: /Packet ends before the topic/ },
    stillDecoded: ['mqtt.topic_len', 12],
  },
  {
    name: 'remaining length over four bytes',
    bytes: fromHex('30ffffffff7f')!,
    problem: { offset: 1, length: 4, clause: 'MQTT-1.5.5-1', message: /continues past four bytes/ },
    stillDecoded: ['mqtt.msgtype', 3],
  },
  {
    name: 'remaining length not in its fewest bytes',
    bytes: craft({ type: 'PINGREQ', remainingLengthBytes: 2 }),
    problem: { offset: 1, length: 2, clause: 'MQTT-1.5.5-1', message: /not encoded in the fewest bytes/ },
    stillDecoded: ['mqtt.len', 0],
  },
  {
    name: 'reserved connect flag set',
    bytes: craft({ type: 'CONNECT', clientId: 'c1', connectFlags: 0x03 }),
    problem: { offset: 9, length: 1, clause: 'MQTT-3.1.2-3', message: 'The reserved connect flag is set' },
    stillDecoded: ['mqtt.clientid', 'c1'],
  },
  {
    name: 'reserved CONNACK flag bits set',
    bytes: craft({ type: 'CONNACK', code: 0, flags: 0x80, protocolLevel: 5, properties: [] }),
    level: 5,
    problem: { offset: 2, length: 1, clause: 'MQTT-3.2.2-1', message: /Reserved acknowledge flag bits/ },
    stillDecoded: ['mqtt.connack.reason_code', 0],
  },
  {
    name: 'reserved subscription option bits set',
    bytes: craft({ type: 'SUBSCRIBE', packetId: 1, protocolLevel: 5, subscriptions: [{ topic: 'a/#', options: 0xc1 }] }),
    level: 5,
    problem: { length: 1, clause: 'MQTT-3.8.3-5', message: /Reserved bits 7-6/ },
    stillDecoded: ['mqtt.subscription_options_qos', 1],
  },
  {
    name: 'PUBLISH with QoS 3',
    bytes: craft({ type: 'PUBLISH', topic: 'a', qos: 3, packetId: 5, payload: 'x' }),
    problem: { offset: 0, length: 1, clause: 'MQTT-3.3.1-4', message: /QoS 3/ },
    stillDecoded: ['mqtt.msgid', 5],
  },
  {
    name: 'topic that is not valid UTF-8',
    bytes: Uint8Array.from([0x30, 0x06, 0x00, 0x03, 0x61, 0xc3, 0x28, 0x78]),
    problem: { offset: 4, length: 3, clause: 'MQTT-1.5.3-1', message: 'Topic is not valid UTF-8' },
    stillDecoded: ['mqtt.topic', '61c328'],
  },
  {
    name: 'a property twice where only once is allowed',
    bytes: craft({ type: 'PUBLISH', topic: 'a', protocolLevel: 5, properties: [{ id: 0x03, value: 'text/plain' }, { id: 0x03, value: 'text/html' }] }),
    level: 5,
    problem: { offset: 19, length: 12, clause: 'v5 §2.2.2.2', message: 'Content Type appears more than once' },
    stillDecoded: ['mqtt.property.content_type', 'text/plain'],
  },
  {
    name: 'a property not allowed in the packet',
    bytes: craft({ type: 'PUBLISH', topic: 'a', protocolLevel: 5, properties: [{ id: 0x11, value: 60 }] }),
    level: 5,
    problem: { offset: 6, length: 5, clause: 'v5 §2.2.2.2', message: 'Session Expiry Interval is not allowed in a PUBLISH' },
    stillDecoded: ['mqtt.prop_number', 60],
  },
  {
    name: 'wrong fixed-header flags',
    bytes: craft({ type: 'SUBSCRIBE', packetId: 1, subscriptions: [{ topic: 'a', qos: 1 }], headerFlags: 0 }),
    problem: { offset: 0, length: 1, clause: 'MQTT-2.2.2-1', message: 'SUBSCRIBE must have header flags 2, found 0' },
    stillDecoded: ['mqtt.sub.qos', 1],
  },
  {
    name: 'trailing bytes inside the remaining length',
    bytes: craft({ type: 'PINGRESP', trailing: Uint8Array.of(0xaa, 0xbb) }),
    problem: { offset: 2, length: 2, message: /2 bytes inside the remaining length/ },
    stillDecoded: ['mqttscope.unexpected', 'aabb'],
  },
  {
    name: 'trailing bytes after the declared end',
    bytes: Uint8Array.from([...craft({ type: 'PUBACK', packetId: 9 }), 0x01]),
    problem: { offset: 4, length: 1, message: /1 bytes after the end/ },
    stillDecoded: ['mqtt.msgid', 9],
  },
  {
    name: 'empty client id with clean session off (3.1.1)',
    bytes: craft({ type: 'CONNECT', clientId: '', clean: false }),
    problem: { offset: 12, length: 2, clause: 'MQTT-3.1.3-8', message: /Empty client id with clean session off/ },
    stillDecoded: ['mqtt.conflag.cleansess', false],
  },
  {
    name: 'wrong protocol level',
    bytes: craft({ type: 'CONNECT', clientId: 'c', protocolLevel: 7 }),
    problem: { offset: 8, length: 1, clause: 'MQTT-3.1.2-2', message: /Unknown protocol level 7/ },
    stillDecoded: ['mqtt.clientid', 'c'],
  },
  {
    name: 'wrong remaining length (shorter than the body)',
    bytes: craft({ type: 'CONNECT', clientId: 'client', remainingLength: 14 }),
    problem: { message: /bytes after the end the remaining length declares/ },
    stillDecoded: ['mqtt.kalive', 60],
  },
];

describe('malformed packets become problems with their byte ranges', () => {
  it.each(FIXTURES.map((fixture) => [fixture.name, fixture] as const))('%s', (_name, fixture) => {
    const packet = decode(fixture.bytes, { protocolLevel: fixture.level ?? 4 });
    const { message, ...range } = fixture.problem;
    expect(packet.problems).toContainEqual(expect.objectContaining({ ...range, message: typeof message === 'string' ? message : expect.stringMatching(message) }));
    if (fixture.stillDecoded) expect(findField(packet.fields, fixture.stillDecoded[0])?.value).toEqual(fixture.stillDecoded[1]);
  });
});
