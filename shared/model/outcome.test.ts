import { describe, expect, it } from 'vitest';
import { encodePacket, type CraftPacket } from '../mqtt/encode';
import { toHex } from '../mqtt/field';
import { connectionStatus, endSentence, endShort, statusText } from './outcome';
import { buildSessionStory } from './session-story';
import type { Direction, LifecycleEvent, TraceEntry } from './trace';

function story(steps: Array<[Direction, CraftPacket] | [LifecycleEvent]>) {
  const entries: TraceEntry[] = steps.map((step, seq) => {
    const base = { connectionId: 'a', seq, time: 1_000 + seq };
    if (step.length === 1) return { ...base, kind: 'lifecycle', event: step[0] };
    const hex = toHex(encodePacket({ protocolLevel: 4, ...step[1] }));
    return { ...base, kind: 'packet', dir: step[0], hex, typeName: step[1].type, protocolLevel: 4, problemCount: 0 };
  });
  return buildSessionStory('a', entries);
}

const connect: CraftPacket = { type: 'CONNECT', clientId: 'dev', clean: true, keepAlive: 30 };
const withWill: CraftPacket = { ...connect, will: { topic: 'dev/status', payload: 'gone', qos: 1, retain: false } };
const accepted: CraftPacket = { type: 'CONNACK', code: 0, sessionPresent: false };
const byBroker: [LifecycleEvent] = [{ phase: 'accepted', by: 'broker', clientAddress: '127.0.0.1:5000' }];
const byProxy: [LifecycleEvent] = [{ phase: 'accepted', by: 'proxy', clientAddress: '127.0.0.1:5000' }];

describe('a capture that began while the connection was open', () => {
  const joined: [LifecycleEvent] = [{ phase: 'accepted', by: 'capture', clientAddress: '10.0.0.7:40002', localAddress: '10.0.0.1:1883', joinedOpen: true }];
  const publish: CraftPacket = { type: 'PUBLISH', topic: 'a/b', qos: 0, payload: 'x' };

  it('is connected, past a handshake it never saw, not forever connecting', () => {
    const open = story([joined, ['c2s', { type: 'PINGREQ' }], ['s2c', { type: 'PINGRESP' }], ['s2c', publish]]);
    expect(open.joinedOpen).toBe(true);
    expect(connectionStatus(open)).toBe('connected');
    expect(statusText(open)).toBe('Connected');
  });

  it('closed by the broker is closed, with no word of a CONNECT it never saw', () => {
    const closed = story([joined, ['s2c', publish], [{ phase: 'closed', by: 'broker' }]]);
    expect(closed.diagnosis).toBeUndefined();
    expect(connectionStatus(closed)).toBe('closed');
  });

  it('seen from its SYN, one that sends nothing is still connecting', () => {
    const opening = story([[{ phase: 'accepted', by: 'capture', clientAddress: '10.0.0.7:40002', localAddress: '10.0.0.1:1883' }]]);
    expect(connectionStatus(opening)).toBe('connecting');
  });
});

describe('how a connection ended, from each vantage point', () => {
  it('this app’s client after DISCONNECT: closed by this client, no alarm', () => {
    const ended = story([['c2s', connect], ['s2c', accepted], ['c2s', { type: 'DISCONNECT' }], [{ phase: 'closed', by: 'client' }]]);
    expect(connectionStatus(ended)).toBe('closed');
    expect(endSentence(ended)).toBe('closed by this client after DISCONNECT');
  });

  it('a client seen through the proxy or by the local broker is “the client”, never “this client”', () => {
    for (const origin of [byProxy, byBroker]) {
      const ended = story([origin, ['c2s', connect], ['s2c', accepted], ['c2s', { type: 'DISCONNECT' }], [{ phase: 'closed', by: 'client' }]]);
      expect(endSentence(ended)).toBe('closed by the client after DISCONNECT');
      expect(ended.diagnosis).toBeUndefined();
    }
  });

  it('a dropped connection says no DISCONNECT was sent, so the broker publishes the will, if one was set', () => {
    const dropped = story([['c2s', withWill], ['s2c', accepted], [{ phase: 'closed', by: 'client' }]]);
    expect(endShort(dropped)).toBe('closed by this client without DISCONNECT');
    expect(endSentence(dropped)).toBe('closed by this client: no DISCONNECT was sent, so the broker publishes the will (to dev/status)');
    const noWill = story([byBroker, ['c2s', connect], ['s2c', accepted], [{ phase: 'closed', by: 'client' }]]);
    expect(endSentence(noWill)).toBe('closed by the client: no DISCONNECT was sent; no will was set, so the broker has nothing to publish');
  });

  it('a refused TCP connection reads as failed, at its layer', () => {
    const refused = story([[{ phase: 'dns', host: 'h', addresses: ['127.0.0.1'], durationMs: 1 }], [{ phase: 'closed', by: 'error', error: { code: 'ECONNREFUSED', message: 'Nothing is listening on 127.0.0.1:1' } }]]);
    expect(connectionStatus(refused)).toBe('failed');
    expect(statusText(refused)).toBe('Failed at TCP');
    expect(endSentence(refused)).toBe('ended by an error: Nothing is listening on 127.0.0.1:1');
  });

  it('closed by the broker before any CONNACK: failed at MQTT; a refused CONNACK stays “refused”', () => {
    const closed = story([['c2s', connect], [{ phase: 'closed', by: 'broker' }]]);
    expect(statusText(closed)).toBe('Failed at MQTT');
    const refused = story([['c2s', connect], ['s2c', { type: 'CONNACK', code: 5, sessionPresent: false }], [{ phase: 'closed', by: 'broker' }]]);
    expect(statusText(refused)).toBe('Refused by the broker');
  });

  it('while open: connecting, then connected', () => {
    expect(statusText(story([['c2s', connect]]))).toBe('Connecting…');
    expect(statusText(story([['c2s', connect], ['s2c', accepted]]))).toBe('Connected');
    expect(endShort(story([['c2s', connect], ['s2c', accepted]]))).toBeUndefined();
  });
});
