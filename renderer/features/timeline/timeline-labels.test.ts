import { describe, expect, it } from 'vitest';
import { toHex } from '@shared/mqtt';
import { encodePacket } from '@shared/mqtt/encode';
import type { TraceEntry } from '@shared/model/trace';
import { traceOf } from './trace-for-tests';
import type { PlacedLabel } from './label-layout';
import { sessionWindow, timelineItems, type TimeWindow } from './timeline-items';
import { timelineLabels } from './timeline-labels';

const measure = (text: string) => text.length * 6.5;

/** DNS and TCP a fraction of a millisecond each, a handshake, then a crowd of subscriptions and
 *  QoS 1 publishes 0.2 ms apart, and the client's DISCONNECT. */
function crowded() {
  const at = (seq: number, time: number, dir: 'c2s' | 's2c', craft: Parameters<typeof encodePacket>[0]): TraceEntry => ({ kind: 'packet', connectionId: 'c', seq, time, dir, hex: toHex(encodePacket(craft)), typeName: craft.type, protocolLevel: 4, problemCount: 0 });
  const entries: TraceEntry[] = [
    { kind: 'lifecycle', connectionId: 'c', seq: 0, time: 1000.3, event: { phase: 'dns', host: 'h', addresses: ['127.0.0.1'], durationMs: 0.3 } },
    { kind: 'lifecycle', connectionId: 'c', seq: 1, time: 1000.5, event: { phase: 'tcp', localAddress: 'a', remoteAddress: 'b', durationMs: 0.2 } },
    at(2, 1000.6, 'c2s', { type: 'CONNECT', clientId: 'x', clean: true, keepAlive: 60 }),
    at(3, 1001.1, 's2c', { type: 'CONNACK', code: 0, sessionPresent: false }),
  ];
  let time = 1001.2;
  for (let id = 1; id <= 12; id++) {
    entries.push(at(entries.length, (time += 0.2), 'c2s', { type: 'SUBSCRIBE', packetId: id, subscriptions: [{ topic: `t/${id}`, qos: 1 }] }));
    entries.push(at(entries.length, (time += 0.2), 's2c', { type: 'SUBACK', packetId: id, codes: [1] }));
    entries.push(at(entries.length, (time += 0.2), 'c2s', { type: 'PUBLISH', topic: `t/${id}`, qos: 1, packetId: 100 + id, payload: 'x' }));
    entries.push(at(entries.length, (time += 0.2), 's2c', { type: 'PUBACK', packetId: 100 + id }));
  }
  entries.push(at(entries.length, (time += 0.2), 'c2s', { type: 'DISCONNECT' }));
  entries.push({ kind: 'lifecycle', connectionId: 'c', seq: entries.length, time: time + 0.1, event: { phase: 'closed', by: 'client' } });
  return traceOf(entries);
}

function expectApartAndInside(placed: readonly (PlacedLabel | undefined)[], left: number, right: number) {
  const shown = placed.filter((label): label is PlacedLabel => !!label);
  for (const label of shown) {
    expect(label.x).toBeGreaterThanOrEqual(left);
    expect(label.x + label.width).toBeLessThanOrEqual(right + 1e-9);
    for (const other of shown) if (other !== label && other.row === label.row) expect(label.x + label.width <= other.x || other.x + other.width <= label.x, `${label.text} / ${other.text}`).toBe(true);
  }
}

describe('timelineLabels', () => {
  const trace = crowded();
  const story = trace.story;
  const check = (view: TimeWindow, right: number) => {
    const items = timelineItems(story, view, trace.contents(view));
    const labels = timelineLabels(items, { view, origin: trace.times.startTime, left: 64, right, phaseRows: 2, middleRows: 2, tickSpacing: 90, measure });
    expectApartAndInside(labels.phases, 64, right);
    // The packets of both lanes, the handshake with the flows, the end, and the axis: each band apart.
    const lanes = { c2s: [] as (PlacedLabel | undefined)[], s2c: [] as (PlacedLabel | undefined)[] };
    items.packets.forEach((packet, index) => lanes[packet.dir].push(labels.packets[index]));
    expectApartAndInside(lanes.c2s, 64, right);
    expectApartAndInside(lanes.s2c, 64, right);
    expectApartAndInside([labels.handshake, ...labels.flows], 64, right);
    expectApartAndInside([labels.end], 64, right);
    expectApartAndInside(labels.ticks.map((tick) => tick.label), 64, right);
    return { items, labels };
  };

  it('keeps every band apart and inside, wide or narrow, whole or zoomed', () => {
    for (const right of [200, 500, 1200]) {
      check(sessionWindow(trace.times), right);
      check({ start: 1002, end: 1004 }, right);
    }
  });

  it('labels the axis from 0 and shortens or leaves out packet labels in a crowd rather than overlap them', () => {
    const { items, labels } = check(sessionWindow(trace.times), 500);
    expect(labels.ticks[0].tick.ms).toBe(0);
    expect(labels.ticks[0].label?.text).toBe('0');
    expect(labels.ticks.at(-1)!.label?.text).toMatch(/ ms$/);
    const shown = labels.packets.filter(Boolean);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(items.packets.length);
    expect(labels.end?.text).toBe('closed by this client');
  });

  it('gives marks outside a zoomed window no label at its edge', () => {
    const { labels } = check({ start: 1004, end: 1006 }, 800);
    expect(labels.phases.every((label) => label === undefined)).toBe(true);
    expect(labels.handshake).toBeUndefined();
    expect(labels.end).toBeUndefined();
  });
});
