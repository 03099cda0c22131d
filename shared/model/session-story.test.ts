import { describe, expect, it } from 'vitest';
import { encodePacket, type CraftPacket } from '../mqtt/encode';
import { toHex } from '../mqtt/field';
import { reconnectsByClientId, sessionChecks } from './session-checks';
import { buildSessionStory, SessionStoryBuilder } from './session-story';
import { recordedFrom, type Direction, type LifecycleEvent, type TraceEntry } from './trace';

/** A trace from steps: [ms, direction, packet] or [ms, lifecycle event]. */
function trace(id: string, steps: Array<[number, Direction, CraftPacket] | [number, LifecycleEvent]>, level = 4): TraceEntry[] {
  return steps.map((step, seq) => {
    const base = { connectionId: id, seq, time: 1_000_000 + step[0] };
    if (step.length === 2) return { ...base, kind: 'lifecycle', event: step[1] };
    const [, dir, packet] = step;
    const hex = toHex(encodePacket({ protocolLevel: level, ...packet }));
    return { ...base, kind: 'packet', dir, hex, typeName: packet.type, protocolLevel: level, problemCount: 0 };
  });
}

const dns: LifecycleEvent = { phase: 'dns', host: 'broker', addresses: ['127.0.0.1'], durationMs: 2 };
const tcp: LifecycleEvent = { phase: 'tcp', localAddress: '127.0.0.1:5000', remoteAddress: '127.0.0.1:1883', durationMs: 1 };
const connect = (clientId: string, clean: boolean, keepAlive = 60): CraftPacket => ({ type: 'CONNECT', clientId, clean, keepAlive });
const accepted = (sessionPresent = false): CraftPacket => ({ type: 'CONNACK', code: 0, sessionPresent });

describe('buildSessionStory', () => {
  it('tells the steps with their durations, the flows and how it ended', () => {
    const story = buildSessionStory('a', trace('a', [
      [0, dns], [3, tcp],
      [4, 'c2s', connect('dev', true)], [6, 's2c', accepted()],
      [7, 'c2s', { type: 'SUBSCRIBE', packetId: 1, subscriptions: [{ topic: 'cmd/#', qos: 1 }] }], [8, 's2c', { type: 'SUBACK', packetId: 1, codes: [1] }],
      [9, 'c2s', { type: 'PUBLISH', topic: 'up', qos: 1, packetId: 2, payload: 'x' }], [10, 's2c', { type: 'PUBACK', packetId: 2 }],
      [11, 's2c', { type: 'PUBLISH', topic: 'cmd/go', qos: 2, packetId: 7, payload: 'y' }], [12, 'c2s', { type: 'PUBREC', packetId: 7 }],
      [13, 'c2s', { type: 'DISCONNECT' }], [14, { phase: 'closed', by: 'client' }],
    ]));
    expect(story.phases).toEqual([
      { name: 'DNS lookup', short: 'DNS', durationMs: 2, start: 999_998, end: 1_000_000 },
      { name: 'TCP connect', short: 'TCP', durationMs: 1, start: 1_000_002, end: 1_000_003 },
      { name: 'CONNECT → CONNACK', short: 'CONNECT → CONNACK', durationMs: 2, start: 1_000_004, end: 1_000_006 },
    ]);
    expect(story.connect).toMatchObject({ clientId: 'dev', clean: true, keepAlive: 60 });
    expect(story.flows.map((flow) => [flow.kind, flow.from, flow.packetId, flow.topic, flow.steps.map((step) => step.typeName).join('>'), flow.complete])).toEqual([
      ['SUBSCRIBE', 'c2s', 1, 'cmd/#', 'SUBSCRIBE>SUBACK', true],
      ['PUBLISH QoS 1', 'c2s', 2, 'up', 'PUBLISH>PUBACK', true],
      ['PUBLISH QoS 2', 's2c', 7, 'cmd/go', 'PUBLISH>PUBREC', false],
    ]);
    expect(story.end).toMatchObject({ by: 'client', afterPacket: 'DISCONNECT (client → broker)' });
    expect(story.diagnosis).toBeUndefined();
  });

  it('measures pings against 1.5 × keep alive and names a keep-alive timeout', () => {
    const story = buildSessionStory('k', trace('k', [
      [0, 'c2s', connect('k', true, 2)], [1, 's2c', accepted()],
      [2000, 'c2s', { type: 'PINGREQ' }], [2003, 's2c', { type: 'PINGRESP' }],
      [6000, { phase: 'closed', by: 'broker' }],
    ]));
    expect(story.keepAlive).toMatchObject({ seconds: 2, deadlineMs: 3000, pings: [{ time: 1_002_000, roundTripMs: 3 }], longestSilenceMs: 4000, exceeded: true });
    expect(story.diagnosis).toMatchObject({ layer: 'MQTT', title: 'Keep-alive timeout' });
  });

  it.each([
    ['a DNS failure', [[0, { phase: 'closed', by: 'error', error: { code: 'ENOTFOUND', message: 'DNS lookup of nope failed (ENOTFOUND)' } }]], 'DNS', 'The host name could not be found', 'Check the spelling of the host, or use its IP address.'],
    ['nothing listening', [[0, dns], [1, { phase: 'closed', by: 'error', error: { code: 'ECONNREFUSED', message: 'refused' } }]], 'TCP', 'Nothing is listening on that port', 'Is the broker running? Plain MQTT is usually port 1883, MQTT over TLS 8883.'],
    ['a refusal', [[0, 'c2s', connect('x', true)], [1, 's2c', { type: 'CONNACK', code: 5 }], [2, { phase: 'closed', by: 'broker' }]], 'MQTT', 'The broker refused the connection: Connection refused, not authorized (5)', 'The broker does not let the client in: check the credentials and its access rules (mosquitto answers 5 to a wrong password).'],
    ['a close without CONNACK', [[0, 'c2s', connect('x', true)], [5, { phase: 'closed', by: 'broker' }]], 'MQTT', 'The broker closed the connection without a CONNACK', 'The port may expect TLS (try mqtts://) or WebSocket (ws://), or the broker found the CONNECT malformed or its version unsupported; its log says which.'],
    ['no CONNECT, closed by the broker', [[0, tcp], [10_000, { phase: 'closed', by: 'broker' }]], 'MQTT', 'No CONNECT was sent', 'Send the CONNECT as soon as the connection is up: a broker closes a connection that sends none within its connect timeout (3.1).'],
    ['a drop after CONNACK', [[0, 'c2s', connect('x', true)], [1, 's2c', accepted()], [5, { phase: 'closed', by: 'broker' }]], 'MQTT', 'The broker dropped the connection after accepting it', 'Often another client with the same client id took over the session, or an access rule refused a PUBLISH or SUBSCRIBE (MQTT 3 has no other way to say no).'],
  ] as const)('diagnoses %s', (_name, steps, layer, title, hint) => {
    const story = buildSessionStory('d', trace('d', steps as never));
    expect(story.diagnosis).toEqual({ layer, title, detail: expect.any(String), hint });
  });

  it('reads a v5 DISCONNECT from the broker: session taken over', () => {
    const story = buildSessionStory('v5', trace('v5', [
      [0, 'c2s', connect('x', true)], [1, 's2c', { type: 'CONNACK', code: 0, properties: [] }],
      [50, 's2c', { type: 'DISCONNECT', reasonCode: 0x8e, properties: [] }], [51, { phase: 'closed', by: 'broker' }],
    ], 5));
    expect(story.diagnosis).toMatchObject({ title: 'The broker disconnected the client: Session taken over (0x8e)' });
    expect(story.diagnosis!.hint).toMatch(/same client id/);
  });

  it('names a v5 refusal that points to another server', () => {
    const story = buildSessionStory('r', trace('r', [
      [0, 'c2s', connect('x', true)], [1, 's2c', { type: 'CONNACK', code: 0x9c, properties: [{ id: 0x1c, value: 'other.example:1883' }] }], [2, { phase: 'closed', by: 'broker' }],
    ], 5));
    expect(story.connack).toMatchObject({ serverReference: 'other.example:1883' });
    expect(story.diagnosis).toMatchObject({ title: 'The broker refused the connection: Use another server (0x9c)' });
    expect(story.diagnosis!.detail).toContain('other.example:1883');
  });
});

describe('SessionStoryBuilder', () => {
  const steps = trace('b', [
    [0, { phase: 'accepted', by: 'broker', clientAddress: '127.0.0.1:50000' }], [0, tcp],
    [1, 'c2s', connect('dev', false, 10)], [2, 's2c', accepted()],
    [3, 'c2s', { type: 'PUBLISH', topic: 'a', qos: 0, payload: 'x' }],
    [4, 'c2s', { type: 'PUBLISH', topic: 'b', qos: 1, packetId: 5, payload: 'y' }], [5, 's2c', { type: 'PUBACK', packetId: 5 }],
    [9000, 'c2s', { type: 'PINGREQ' }], [9001, 's2c', { type: 'PINGRESP' }],
    [9500, { phase: 'closed', by: 'broker' }],
  ]);

  it('tells the same story fed one entry at a time as read all at once', () => {
    const builder = new SessionStoryBuilder('b');
    const told = steps.map((entry) => {
      builder.add(recordedFrom(entry));
      return builder.story();
    });
    expect(JSON.parse(JSON.stringify(told.at(-1)))).toEqual(JSON.parse(JSON.stringify(buildSessionStory('b', steps))));
    expect(told[3].connack).toMatchObject({ accepted: true, seq: 3 });
  });

  it('knows a connection the local broker accepted, and keeps each step\'s entry', () => {
    const story = buildSessionStory('b', steps);
    expect(story).toMatchObject({ origin: 'broker', peerAddress: '127.0.0.1:50000' });
    expect(story.flows).toMatchObject([{ kind: 'PUBLISH QoS 1', steps: [{ typeName: 'PUBLISH', seq: 5 }, { typeName: 'PUBACK', seq: 6 }], complete: true }]);
    expect(story.keepAlive).toMatchObject({ seconds: 10, longestSilenceMs: 8996, pings: [{ seq: 7, roundTripMs: 1 }], exceeded: false });
  });
});

describe('sessionChecks', () => {
  const session = (id: string, start: number, clean: boolean, sessionPresent: boolean, kickedAfter?: number) =>
    buildSessionStory(id, trace(id, [
      [start, 'c2s', connect('meter-7', clean)], [start + 1, 's2c', accepted(sessionPresent)],
      ...(kickedAfter === undefined ? [[start + 100, { phase: 'closed', by: 'client' }]] : [[start + kickedAfter, { phase: 'closed', by: 'broker' }]]),
    ] as never));

  it('sees a persistent session the broker did not keep', () => {
    const checks = sessionChecks([session('1', 0, false, false), session('2', 1000, false, false)]);
    expect(checks).toMatchObject([{ kind: 'session-not-kept', clientId: 'meter-7', connectionIds: ['1', '2'] }]);
  });

  it('sees session present with clean session on, a broker bug', () => {
    expect(sessionChecks([session('1', 0, true, true)])).toMatchObject([{ kind: 'session-present-with-clean' }]);
  });

  it('sees a connect → kicked → connect loop and points at a duplicate client id', () => {
    const checks = sessionChecks([session('1', 0, true, false, 300), session('2', 500, true, false, 300), session('3', 1000, true, false, 300)]);
    expect(checks).toMatchObject([{ kind: 'connect-kick-loop', connectionIds: ['1', '2', '3'] }]);
    expect(checks[0].hint).toContain('meter-7');
  });

  it('lists the reconnects of a client id with the session present flag of each', () => {
    expect(reconnectsByClientId([session('2', 1000, false, true), session('1', 0, false, false)])).toEqual([
      { clientId: 'meter-7', connections: [
        { connectionId: '1', time: 1_000_000, clean: false, sessionPresent: false },
        { connectionId: '2', time: 1_001_000, clean: false, sessionPresent: true },
      ] },
    ]);
  });

  it('finds nothing wrong in a session kept as asked', () => {
    expect(sessionChecks([session('1', 0, false, false), session('2', 1000, false, true)])).toEqual([]);
  });
});

describe('SessionStoryBuilder for a long-running reader', () => {
  it('keeps the newest finished flows and pings it was asked to, every open flow, and answers pings in order', () => {
    const steps: Array<[number, Direction, CraftPacket] | [number, LifecycleEvent]> = [[0, 'c2s', connect('cli', true)], [1, 's2c', accepted()]];
    for (let id = 1; id <= 50; id++) steps.push([1 + id, 'c2s', { type: 'PUBLISH', topic: 't', qos: 1, packetId: id, payload: 'x' }], [1 + id, 's2c', { type: 'PUBACK', packetId: id }]);
    steps.push([60, 'c2s', { type: 'PUBLISH', topic: 'open', qos: 1, packetId: 999, payload: 'x' }]);
    for (let ping = 0; ping < 40; ping++) steps.push([100 + ping, 'c2s', { type: 'PINGREQ' }], [100.5 + ping, 's2c', { type: 'PINGRESP' }]);
    const story = new SessionStoryBuilder('a', 5).addAll(trace('a', steps)).story();
    expect(story.flows.length).toBeLessThanOrEqual(2 * 5 + 1);
    expect(story.flows.filter((flow) => flow.complete).at(-1)?.packetId).toBe(50);
    expect(story.flows.filter((flow) => !flow.complete).map((flow) => flow.packetId)).toEqual([999]);
    expect(story.keepAlive!.pings.length).toBeLessThanOrEqual(10);
    expect(story.keepAlive!.pings.at(-1)).toMatchObject({ time: 1_000_139, roundTripMs: 0.5 });
    expect(story.keepAlive!.pings.every((ping) => ping.roundTripMs === 0.5)).toBe(true);
  });
});

describe('SessionStoryBuilder against a peer that never completes its flows', () => {
  it('a packet id used again abandons the open flow; open flows stay bounded for a long-running reader', () => {
    const steps: Array<[number, Direction, CraftPacket] | [number, LifecycleEvent]> = [[0, 'c2s', connect('cli', true)], [1, 's2c', accepted()]];
    // The same QoS 2 packet id, 2,000 times, never released; then 2,000 new ids, never released.
    for (let index = 0; index < 2_000; index++) steps.push([2 + index, 's2c', { type: 'PUBLISH', topic: 't', qos: 2, packetId: 1, payload: 'x' }]);
    for (let id = 2; id < 2_002; id++) steps.push([3_000 + id, 's2c', { type: 'PUBLISH', topic: 't', qos: 2, packetId: id, payload: 'x' }]);
    const story = new SessionStoryBuilder('a', 5).addAll(trace('a', steps)).story();
    expect(story.flows.length).toBeLessThanOrEqual(4 * 5 + 1);
    expect(story.flows.at(-1)).toMatchObject({ packetId: 2_001, complete: false });
    expect(story.flows.at(-1)?.abandoned).toBeUndefined();

    const whole = buildSessionStory('a', trace('a', steps.slice(0, 5)));
    expect(whole.flows.map((flow) => flow.abandoned ?? false)).toEqual([true, true, false]);
  });
});
