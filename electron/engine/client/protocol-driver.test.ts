// The driver's acknowledgements: at once, or held back by the plan's delay and dropped on stop.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decode } from '@shared/mqtt';
import { encodePacket, type CraftPacket } from '@shared/mqtt/encode';
import { ProtocolDriver } from './protocol-driver';
import { ACK_TIMEOUT_MS } from './subscription-table';

afterEach(() => vi.useRealTimers());

/** How many `Map.has` lookups `work` makes; it stops with an error past `limit`, so a quadratic search fails at once. */
function countMapLookups(limit: number, work: () => void): number {
  const has = Map.prototype.has;
  let lookups = 0;
  Map.prototype.has = function (this: Map<unknown, unknown>, key: unknown) {
    if (++lookups > limit) throw new Error(`more than ${limit} Map lookups`);
    return has.call(this, key);
  };
  try {
    work();
  } finally {
    Map.prototype.has = has;
  }
  return lookups;
}

function driver(ackDelayMs?: number) {
  const sent: CraftPacket[] = [];
  const protocol = new ProtocolDriver({ protocolLevel: 4, keepAliveSeconds: 0, plan: { ackDelayMs }, send: (packet) => sent.push(packet) });
  const publish = (packetId: number, qos: number) => protocol.received(decode(encodePacket({ type: 'PUBLISH', topic: 't', payload: 'x', qos, packetId })));
  return { protocol, sent, publish };
}

describe('ProtocolDriver acknowledgements', () => {
  it('answers a QoS 1 PUBLISH with PUBACK and a QoS 2 one with PUBREC at once', () => {
    const { sent, publish } = driver();
    publish(1, 1);
    publish(2, 2);
    expect(sent.map((packet) => [packet.type, 'packetId' in packet ? packet.packetId : undefined])).toEqual([['PUBACK', 1], ['PUBREC', 2]]);
  });

  it('holds each acknowledgement for ackDelayMs, and sends none after stop', () => {
    vi.useFakeTimers();
    const { protocol, sent, publish } = driver(300);
    publish(1, 1);
    publish(2, 2);
    vi.advanceTimersByTime(299);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent.map((packet) => packet.type)).toEqual(['PUBACK', 'PUBREC']);
    publish(3, 1);
    protocol.stop();
    vi.advanceTimersByTime(1000);
    expect(sent).toHaveLength(2);
  });
});

describe('ProtocolDriver packet identifiers and the broker\'s quota', () => {
  const v5 = () => {
    const sent: CraftPacket[] = [];
    const protocol = new ProtocolDriver({ protocolLevel: 5, keepAliveSeconds: 0, plan: {}, send: (packet) => sent.push(packet) });
    const ack = (type: 'PUBACK' | 'PUBREC' | 'PUBCOMP', packetId: number, reasonCode?: number) => protocol.received(decode(encodePacket({ type, packetId, reasonCode, protocolLevel: 5 }), { protocolLevel: 5 }));
    return { protocol, sent, ack };
  };
  const publication = (qos: 0 | 1 | 2) => ({ topic: 't', payloadHex: '', qos, retain: false });

  it('keeps within the Receive Maximum of the CONNACK, and each acknowledgement frees one place', () => {
    const { protocol, ack } = v5();
    protocol.accepted(undefined, 2);
    const first = protocol.publish(publication(1));
    const second = protocol.publish(publication(2));
    expect(protocol.canPublish(1)).toBe(false);
    expect(protocol.canPublish(0)).toBe(true);
    expect(() => protocol.publish(publication(1))).toThrow("The broker's Receive Maximum (2) is reached");
    ack('PUBACK', first!);
    expect(protocol.canPublish(1)).toBe(true);
    // An acknowledgement for an identifier not in flight changes nothing.
    ack('PUBACK', 999);
    protocol.publish(publication(1));
    expect(protocol.canPublish(2)).toBe(false);
    ack('PUBREC', second!);
    expect(protocol.canPublish(2)).toBe(false);
    ack('PUBCOMP', second!);
    expect(protocol.canPublish(2)).toBe(true);
  });

  it('ends a QoS 2 flow at a PUBREC with a failure code: no PUBREL, its place free', () => {
    const { protocol, sent, ack } = v5();
    protocol.accepted(undefined, 1);
    const id = protocol.publish(publication(2))!;
    ack('PUBREC', id, 0x87);
    expect(sent.map((packet) => packet.type)).toEqual(['PUBLISH']);
    expect(protocol.canPublish(2)).toBe(true);
  });

  it('never reuses an identifier still in flight', () => {
    const { protocol, ack } = v5();
    const ids = Array.from({ length: 65535 }, () => protocol.publish(publication(1)));
    expect(new Set(ids).size).toBe(65535);
    expect(protocol.canPublish(1)).toBe(false);
    ack('PUBACK', 42);
    expect(protocol.publish(publication(1))).toBe(42);
  });

  it('answers only the acknowledgement an identifier waits for: a PUBACK for a SUBSCRIBE, a PUBREC or PUBCOMP for a QoS 1 PUBLISH change nothing', () => {
    const { protocol, sent, ack } = v5();
    protocol.accepted(undefined, 1);
    void protocol.subscribe([{ topic: 'a', qos: 1 }]);
    const qos1 = protocol.publish(publication(1))!;
    ack('PUBACK', 1);
    ack('PUBREC', qos1);
    ack('PUBCOMP', qos1);
    expect(sent.map((packet) => packet.type)).toEqual(['SUBSCRIBE', 'PUBLISH']);
    expect(protocol.canPublish(1)).toBe(false);
    ack('PUBACK', qos1);
    expect(protocol.canPublish(1)).toBe(true);
  });

  it('takes a SUBACK that comes after the wait gave up: the filter says what was granted, and its identifier is free again', async () => {
    vi.useFakeTimers();
    const { protocol } = v5();
    const answered = protocol.subscribe([{ topic: 'late', qos: 1 }]);
    vi.advanceTimersByTime(ACK_TIMEOUT_MS);
    expect(await answered).toEqual([{ topic: 'late', ok: false, words: 'No SUBACK within 10 s' }]);
    protocol.received(decode(encodePacket({ type: 'SUBACK', packetId: 1, codes: [1], protocolLevel: 5 }), { protocolLevel: 5 }));
    expect(protocol.subscriptions.list()[0].outcome).toMatchObject({ ok: true, grantedQos: 1 });
    // Every other identifier taken: the next is 1 again, so the late SUBACK freed it.
    for (let n = 0; n < 65534; n++) protocol.publish(publication(1));
    expect(protocol.publish(publication(1))).toBe(1);
  });

  it('sends a plan of more QoS 1 messages than there are identifiers without searching for a free one each time', () => {
    const sent: CraftPacket[] = [];
    const publications = Array.from({ length: 70_000 }, () => ({ topic: 't', payload: 'x', qos: 1 as const }));
    const protocol = new ProtocolDriver({ protocolLevel: 4, keepAliveSeconds: 0, plan: { publications }, send: (packet) => sent.push(packet) });
    // The work is looking up identifiers in flight: about one per identifier handed out, none once
    // all 65,535 are taken. A search of all of them for each of the last 4,465 is 292 million.
    const lookups = countMapLookups(10 * publications.length, () => protocol.accepted());
    expect(lookups).toBeGreaterThanOrEqual(65_535);
    expect(lookups).toBeLessThan(2 * publications.length);
    expect(sent).toHaveLength(70_000);
  });
});
