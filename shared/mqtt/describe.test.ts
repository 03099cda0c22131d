import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../testing/seeded-random';
import { decode } from './decode';
import { describePacket, describePlainPublish } from './describe';
import { encodePacket, type CraftPacket } from './encode';
import { plainlyClean } from './plainly-clean';
import { summarize } from './summary';

const line = (packet: CraftPacket) => describePacket(decode(encodePacket(packet), { protocolLevel: packet.protocolLevel ?? 4 }));

describe('describePacket', () => {
  it.each([
    [{ type: 'CONNECT', clientId: 'dev', clean: false, keepAlive: 30, username: 'alice', password: 'pw', will: { topic: 'status/dev', payload: 'gone', qos: 1, retain: true } }, 'CONNECT MQTT v3.1.1 (4) client id "dev" clean session 0 keep alive 30 s user "alice" password •••• will "status/dev" QoS 1 retain'],
    [{ type: 'CONNACK', code: 5 }, 'CONNACK session present 0, return code Connection refused, not authorized (5)'],
    [{ type: 'CONNACK', code: 0x87, protocolLevel: 5, properties: [] }, 'CONNACK session present 0, reason code Not authorized (0x87)'],
    [{ type: 'PUBLISH', topic: 'a/b', qos: 1, packetId: 3, retain: true, payload: '21.5' }, 'PUBLISH QoS 1 id 3 retain "a/b" 4 bytes: "21.5"'],
    [{ type: 'PUBLISH', topic: 'a/b', qos: 2, packetId: 9, dup: true, payload: Uint8Array.of(0xff, 0x00) }, 'PUBLISH QoS 2 id 9 dup "a/b" 2 bytes'],
    [{ type: 'PUBLISH', topic: '', qos: 0, protocolLevel: 5, properties: [{ id: 0x23, value: 4 }], payload: 'on' }, 'PUBLISH QoS 0 "" 2 bytes: "on"'],
    [{ type: 'SUBSCRIBE', packetId: 1, subscriptions: [{ topic: 'a/#', qos: 1 }] }, 'SUBSCRIBE id 1 a/# (Requested QoS: At least once delivery (1))'],
    [{ type: 'SUBACK', packetId: 1, codes: [1, 0x80] }, 'SUBACK id 1 Granted QoS 1 (0x01), Failure (0x80)'],
    [{ type: 'DISCONNECT', protocolLevel: 5, reasonCode: 0x8e }, 'DISCONNECT reason Session taken over (0x8e)'],
    [{ type: 'PINGREQ' }, 'PINGREQ'],
  ] as const)('%j', (packet, expected) => {
    expect(line(packet as CraftPacket)).toBe(expected);
  });

  it('says return code for a v5 CONNECT answered in the 3.1.1 form, though it is keyed as a reason code', () => {
    expect(describePacket(decode(Uint8Array.of(0x20, 0x02, 0x00, 0x01), { protocolLevel: 5 }))).toBe('CONNACK session present 0, return code Connection refused, unacceptable protocol version (1)');
  });

  it('says when a packet has problems', () => {
    expect(line({ type: 'CONNECT', clientId: '', clean: false })).toMatch(/\[1 problem: Empty client id with clean session off/);
  });
});

describe('describePacket with the payload as plain text (the packet list)', () => {
  const plain = (payload: string) => describePacket(decode(encodePacket({ type: 'PUBLISH', topic: 't', qos: 0, payload })), { payload: 'plain' });

  it('writes JSON as it is, not escaped', () => {
    expect(plain('{"n":4985}')).toBe('PUBLISH QoS 0 "t" 10 bytes: {"n":4985}');
  });

  it('keeps it on one line and shows control characters', () => {
    expect(plain('{\n  "n": 1,\r\n\t"m": 2\n}\u0000')).toBe('PUBLISH QoS 0 "t" 23 bytes: { "n": 1, "m": 2 }·');
  });

  it('cuts a long payload with an ellipsis', () => {
    const line = plain('y'.repeat(1000));
    expect(line).toBe(`PUBLISH QoS 0 "t" 1000 bytes: ${'y'.repeat(200)}…`);
  });

  it('leaves the quoted form to the command line', () => {
    expect(describePacket(decode(encodePacket({ type: 'PUBLISH', topic: 't', qos: 0, payload: '{"n":1}' })))).toBe('PUBLISH QoS 0 "t" 7 bytes: "{\\"n\\":1}"');
  });
});

describe('describePacket on a packet with very many items', () => {
  it('lists the first ten filters of a SUBSCRIBE and counts the rest', () => {
    const subscriptions = Array.from({ length: 25 }, (_, index) => ({ topic: `t/${index}`, qos: 1 as const }));
    const line = describePacket(decode(encodePacket({ protocolLevel: 4, type: 'SUBSCRIBE', packetId: 3, subscriptions })));
    expect(line).toMatch(/^SUBSCRIBE id 3 t\/0 .*t\/9 [^,]* … and 15 more$/);
    expect(line).not.toContain('t/10');
  });

  it('makes the same line of a plainly clean PUBLISH from its bytes and facts as from its tree', () => {
    const r = seededRandom(2327);
    const payloads = [() => r.text(20), () => r.text(400), () => r.bytes(30), () => '', () => `{\n\t"n": ${r.int(9)}\u0000}`, () => 'x'.repeat(r.int(60))];
    let compared = 0;
    for (let round = 0; round < 3000; round++) {
      const protocolLevel = r.pick([3, 4] as const);
      const qos = r.pick([0, 1, 2] as const);
      const packet: CraftPacket = { type: 'PUBLISH', protocolLevel, topic: r.text(10) || 't', qos, retain: r.bool(), dup: qos > 0 && r.bool(), payload: r.pick(payloads)(), ...(qos > 0 ? { packetId: 1 + r.int(65535) } : {}) };
      const bytes = encodePacket(packet);
      if (!plainlyClean(bytes, protocolLevel)) continue;
      compared++;
      for (const payload of ['quoted', 'plain'] as const) {
        expect(describePlainPublish(bytes, summarize(bytes, protocolLevel), { payload })).toBe(describePacket(decode(bytes, { protocolLevel }), { payload }));
      }
    }
    expect(compared).toBeGreaterThan(2500);
  });
});
