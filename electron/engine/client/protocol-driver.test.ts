// The driver's acknowledgements: at once, or held back by the plan's delay and dropped on stop.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decode } from '@shared/mqtt';
import { encodePacket, type CraftPacket } from '@shared/mqtt/encode';
import { ProtocolDriver } from './protocol-driver';

afterEach(() => vi.useRealTimers());

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
