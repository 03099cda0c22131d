import { describe, expect, it } from 'vitest';
import { toHex } from '@shared/mqtt';
import { encodePacket } from '@shared/mqtt/encode';
import type { TraceEntry } from '@shared/model/trace';
import { handshakeWindow, sessionWindow, timelineItems, traceSpan } from './timeline-items';
import { traceOf } from './trace-for-tests';

const publishHex = toHex(encodePacket({ type: 'PUBLISH', topic: 't', qos: 0, payload: 'x' }));

/** A connection: DNS, TCP, CONNECT/CONNACK, then `count` PUBLISH alternating direction 1 ms apart. */
function log(count: number) {
  const entries: TraceEntry[] = [
    { kind: 'lifecycle', connectionId: 'c', seq: 0, time: 100, event: { phase: 'dns', host: 'h', addresses: ['127.0.0.1'], durationMs: 2 } },
    { kind: 'lifecycle', connectionId: 'c', seq: 1, time: 101, event: { phase: 'tcp', localAddress: 'a', remoteAddress: 'b', durationMs: 1 } },
    { kind: 'packet', connectionId: 'c', seq: 2, time: 102, dir: 'c2s', hex: toHex(encodePacket({ type: 'CONNECT', clientId: 'x', clean: true, keepAlive: 60 })), typeName: 'CONNECT', protocolLevel: 4, problemCount: 0 },
    { kind: 'packet', connectionId: 'c', seq: 3, time: 103, dir: 's2c', hex: toHex(encodePacket({ type: 'CONNACK', code: 0, sessionPresent: false })), typeName: 'CONNACK', protocolLevel: 4, problemCount: 0 },
  ];
  for (let i = 0; i < count; i++) {
    entries.push({ kind: 'packet', connectionId: 'c', seq: 4 + i, time: 104 + i, dir: i % 3 === 0 ? 'c2s' : 's2c', hex: publishHex, typeName: 'PUBLISH', protocolLevel: 4, problemCount: 0 });
  }
  return traceOf(entries);
}

describe('timelineItems', () => {
  it('draws the steps, the handshake and each packet when they are few', () => {
    const trace = log(10);
    const span = traceSpan(trace.times);
    const items = timelineItems(trace.story, span, trace.contents(span));
    expect(span.start).toBe(98);
    expect(items.phases).toEqual([{ name: 'DNS', start: 98, end: 100 }, { name: 'TCP', start: 100, end: 101 }]);
    expect(items.handshake).toEqual({ start: 102, end: 103, seq: 3 });
    expect(items.packets.map((packet) => packet.typeName)).toEqual(['CONNECT', 'CONNACK', ...Array(10).fill('PUBLISH')]);
    expect(items.density).toEqual([]);
  });

  it('starts the whole session and the handshake at the start of the first step, the axis\'s 0', () => {
    const trace = log(10);
    expect(trace.times.startTime).toBe(98);
    expect(sessionWindow(trace.times).start).toBe(98);
    expect(sessionWindow(trace.times).end).toBeGreaterThan(traceSpan(trace.times).end);
    const handshake = handshakeWindow(trace.times, trace.story);
    expect(handshake.start).toBe(98);
    expect(handshake.end).toBeGreaterThan(103);
    expect(handshake.end).toBeLessThan(104);
  });

  it('sets each ping against the keep-alive deadline that runs from the client\'s previous packet', () => {
    const packet = (seq: number, time: number, dir: 'c2s' | 's2c', craft: Parameters<typeof encodePacket>[0]): TraceEntry => ({ kind: 'packet', connectionId: 'k', seq, time, dir, hex: toHex(encodePacket(craft)), typeName: craft.type, protocolLevel: 4, problemCount: 0 });
    const trace = traceOf([
      packet(0, 0, 'c2s', { type: 'CONNECT', clientId: 'k', clean: true, keepAlive: 10 }),
      packet(1, 5, 's2c', { type: 'CONNACK', code: 0, sessionPresent: false }),
      packet(2, 2_000, 'c2s', { type: 'PUBLISH', topic: 't', qos: 0, payload: 'x' }),
      packet(3, 12_000, 'c2s', { type: 'PINGREQ' }),
      packet(4, 12_003, 's2c', { type: 'PINGRESP' }),
    ]);
    const span = traceSpan(trace.times);
    const items = timelineItems(trace.story, span, trace.contents(span));
    expect(items.pings).toEqual([{ seq: 3, time: 12_000, since: 2_000, deadline: 17_000, roundTripMs: 3 }]);
  });
});
