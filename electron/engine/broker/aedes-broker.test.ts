// The embedded broker with real clients (mosquitto_pub, mosquitto_sub and our own): return codes
// on the wire, the connect timeout, the will and its event, and every packet traced.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { encodePacket } from '@shared/mqtt/encode';
import type { BrokerEvent } from '@shared/model/broker';
import type { ConnectOptions } from '@shared/model/connect-options';
import { buildSessionStory } from '@shared/model/session-story';
import { toTraceEntry, type PacketEntry, type TraceEntry } from '@shared/model/trace';
import { handshake as connectOnce } from '../../../testing/handshake';
import { RawClient } from '../../../testing/raw-client';
import { until, untilAsked } from '../../../testing/wait';
import { InspectingClient } from '../client/inspecting-client';
import { startAedesBroker, type AedesBrokerOptions, type RunningBroker } from './aedes-broker';
import { CONCURRENT_CHECKS, FAILURES_BEFORE_THROTTLE, hashPassword } from './users';
import { MAX_WAITING_CHECKS, MAX_WAITING_PER_PAIR } from '../limits';

const run = promisify(execFile);
const brokers: RunningBroker[] = [];
afterEach(async () => {
  await Promise.all(brokers.splice(0).map((broker) => broker.close()));
});

async function broker(options: AedesBrokerOptions = {}) {
  const trace: TraceEntry[] = [];
  const events: BrokerEvent[] = [];
  const waiters = new Set<() => void>();
  const wake = () => waiters.forEach((waiter) => waiter());
  const running = await startAedesBroker({
    ...options,
    sink: (entry) => {
      trace.push(toTraceEntry(entry));
      wake();
    },
    onEvent: (event) => {
      events.push(event);
      wake();
    },
  });
  brokers.push(running);
  /** Resolves once the check holds, looked at on each trace entry and event: no clock, so it
   *  works under fake timers too (a test that never sees it ends at the test timeout). */
  const when = (check: () => boolean) =>
    new Promise<void>((resolve) => {
      const waiter = () => {
        if (!check()) return;
        waiters.delete(waiter);
        resolve();
      };
      waiters.add(waiter);
      waiter();
    });
  return { ...running, trace, events, when };
}

/** Lets pending I/O callbacks and immediates run: the loop turns a few times (setImmediate is never faked here). */
async function turnsOfTheLoop(count = 10): Promise<void> {
  for (let turn = 0; turn < count; turn++) await new Promise((resolve) => setImmediate(resolve));
}

const hasEvent = (events: BrokerEvent[], type: BrokerEvent['type']) => events.some((event) => event.type === type);

const handshake = (port: number, overrides: Partial<ConnectOptions>) => connectOnce({ port, clientId: 'c1', ...overrides });

const connacks = (trace: TraceEntry[]) => trace.filter((entry): entry is PacketEntry => entry.kind === 'packet' && entry.typeName === 'CONNACK').map((entry) => entry.hex);

describe('embedded broker: return codes on the wire', () => {
  it('0 for mosquitto_pub, and the broker traced its CONNECT and CONNACK', async () => {
    const local = await broker();
    await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(local.port), '-i', 'pub-1', '-t', 't', '-m', 'hello']);
    await until(() => local.trace.some((entry) => entry.kind === 'lifecycle' && entry.event.phase === 'closed'));
    expect(connacks(local.trace)).toEqual(['20020000']);
    const story = buildSessionStory(local.trace[0].connectionId, local.trace);
    expect(story.connect).toMatchObject({ clientId: 'pub-1' });
    // mosquitto_pub said DISCONNECT and the broker closed at once: the end is the client's.
    expect(story.end).toMatchObject({ by: 'client', disconnectSent: true });
    expect(story.diagnosis).toBeUndefined();
    // The broker dialled nothing: the only step it saw is its own CONNECT → CONNACK.
    expect(story.phases.map((phase) => phase.name)).toEqual(['CONNECT → CONNACK']);
    expect(local.trace.filter((entry) => entry.kind === 'packet').map((entry) => `${(entry as PacketEntry).dir}:${(entry as PacketEntry).typeName}`)).toEqual(['c2s:CONNECT', 's2c:CONNACK', 'c2s:PUBLISH', 'c2s:DISCONNECT']);
    // The client's own events, once the broker has told of its end ('sessions-changed' only asks
    // the sessions view to read again, whenever the broker's bookkeeping gets to it).
    await until(() => local.events.some((event) => event.type === 'client-disconnected'));
    expect(local.events.map((event) => event.type).filter((type) => type !== 'sessions-changed')).toEqual(['client-connected', 'client-disconnected']);
  });

  it('2 for an empty client id with clean session off [MQTT-3.1.3-8], though Aedes alone would accept it', async () => {
    const local = await broker();
    const story = await handshake(local.port, { clientId: '', clean: false });
    expect(story.connack).toMatchObject({ accepted: false, code: 2 });
    expect(connacks(local.trace)).toEqual(['20020002']);
    expect(local.events).toContainEqual(expect.objectContaining({ type: 'refused', returnCode: 2 }));
  });

  it('4 for a wrong password and 5 for an anonymous client when anonymous is off', async () => {
    const local = await broker({ users: [{ username: 'alice', password: 'secret' }] });
    expect((await handshake(local.port, { username: 'alice', password: 'nope' })).connack).toMatchObject({ code: 4 });
    expect((await handshake(local.port, {})).connack).toMatchObject({ code: 5 });
    expect((await handshake(local.port, { username: 'alice', password: 'secret' })).connack).toMatchObject({ code: 0 });
    const refusals = await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(local.port), '-u', 'alice', '-P', 'nope', '-t', 't', '-m', 'x']).catch((error) => error);
    expect(refusals.code).not.toBe(0);
    expect(connacks(local.trace)).toEqual(['20020004', '20020005', '20020000', '20020004']);
  });

  it('closes a socket that sends no CONNECT within the connect timeout, not before', async () => {
    // The broker's timers on a fake clock: the timeout is checked at its edge, however slow the machine.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const local = await broker({ connectTimeoutSeconds: 1 });
      const socket = net.connect(local.port, '127.0.0.1');
      socket.on('error', () => {});
      const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
      // Aedes starts its connect timer as the connection is handed to it, right after the tap saw it accepted.
      await local.when(() => local.trace.some((entry) => entry.kind === 'lifecycle' && entry.event.phase === 'accepted'));
      vi.advanceTimersByTime(999);
      await turnsOfTheLoop();
      expect(hasEvent(local.events, 'connect-timeout')).toBe(false);
      vi.advanceTimersByTime(1);
      await local.when(() => hasEvent(local.events, 'connect-timeout'));
      await closed;
      expect(local.events).toContainEqual(expect.objectContaining({ type: 'connect-timeout', seconds: 1 }));
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('embedded broker: password checks under attack', () => {
  it('32 clients with wrong passwords at once: a connected client’s pings are answered while their passwords are being checked', async () => {
    const local = await broker({ users: [{ username: 'alice', password: 'secret' }] });
    const connectBytes = (clientId: string, password: string) => Buffer.from(encodePacket({ type: 'CONNECT', clientId, clean: true, keepAlive: 60, username: 'alice', password }));
    const dial = () =>
      new Promise<net.Socket>((resolve) => {
        const socket = net.connect(local.port, '127.0.0.1', () => resolve(socket));
        socket.on('error', () => {});
      });
    const member = await dial();
    member.write(connectBytes('member', 'secret'));
    await new Promise((resolve) => member.once('data', resolve));
    const attackers = await Promise.all(Array.from({ length: 32 }, dial));
    // The member pings with the burst and again on each refusal, so a ping is always on its way.
    const ping = () => member.write(Buffer.from([0xc0, 0x00]));
    const refused = attackers.map(
      (socket) =>
        new Promise<void>((resolve) =>
          socket.once('data', () => {
            ping();
            resolve();
          }),
        ),
    );
    // The 32 CONNECTs and then the ping, in one go: they reach the broker together.
    attackers.forEach((socket, index) => socket.write(connectBytes(`attacker-${index}`, `guess-${index}`)));
    ping();
    await Promise.all(refused);
    for (const socket of [member, ...attackers]) socket.destroy();
    // Ordered by events, not timed, in the broker's own trace: it answered the member's pings
    // while attackers' passwords were being checked — between an attacker's CONNECT and its
    // refusal. A check that hashes on the event loop (scryptSync, ~34 ms) answers its CONNECT in
    // the turn that read it: nothing can come between, however fast or slow the machine.
    const packets = local.trace.filter((entry): entry is PacketEntry => entry.kind === 'packet');
    const memberId = packets.find((entry) => entry.typeName === 'PINGRESP')?.connectionId;
    const attackerIds = [...new Set(packets.filter((entry) => entry.typeName === 'CONNECT' && entry.connectionId !== memberId).map((entry) => entry.connectionId))];
    expect(attackerIds).toHaveLength(32);
    const pongsWhileChecking = attackerIds.map((id) => {
      const connect = packets.findIndex((entry) => entry.connectionId === id && entry.typeName === 'CONNECT');
      const connack = packets.findIndex((entry) => entry.connectionId === id && entry.typeName === 'CONNACK');
      return packets.slice(connect, connack).filter((entry) => entry.typeName === 'PINGRESP').length;
    });
    expect(pongsWhileChecking.filter((pongs) => pongs > 0).length).toBeGreaterThan(0);
    expect(local.events.filter((event) => event.type === 'refused').length).toBe(32);
  }, 30_000);
});

describe('embedded broker: the login throttle', () => {
  const connectAs = async (port: number, username: string, password: string) => {
    const raw = await RawClient.connect(port);
    raw.send({ type: 'CONNECT', clientId: '', clean: true, keepAlive: 60, username, password });
    return raw;
  };
  const connack = async (port: number, username: string, password: string) => {
    const raw = await connectAs(port, username, password);
    const answer = await raw.expect('20', 60_000);
    raw.abort();
    return answer;
  };
  /** Hashes that wait until let go, counted: which password each was, in the order they began. */
  const heldHashes = () => {
    let letGo!: () => void;
    const gate = new Promise<void>((resolve) => (letGo = resolve));
    const started: string[] = [];
    const hash = (password: Buffer, salt: Buffer) => {
      started.push(password.toString());
      return gate.then(() => hashPassword(password, salt));
    };
    return { hash, started, letGo };
  };
  const connectsSeen = (trace: TraceEntry[]) => trace.filter((entry) => entry.kind === 'packet' && entry.typeName === 'CONNECT').length;

  it('a name that keeps failing: 20 refusals (4), then 3 (Server unavailable) saying so, whatever another name guesses beside it; the right password is still let in', async () => {
    // The throttle's window stands still, however slowly a loaded machine hashes.
    const local = await broker({ users: [{ username: 'alice', password: 'secret' }], loginChecks: { now: () => 0 } });
    const wrong = FAILURES_BEFORE_THROTTLE + 2;
    // One after another, as a person or a script retrying: every one is checked.
    const flood = async (username: string) => {
      const answers: string[] = [];
      for (let index = 0; index < wrong; index++) answers.push(await connack(local.port, username, `guess-${index}`));
      return answers;
    };
    const floods = ['alice', 'mallory'].map(flood);
    for (const answers of await Promise.all(floods)) {
      expect(answers.filter((answer) => answer === '20020004')).toHaveLength(FAILURES_BEFORE_THROTTLE);
      expect(answers.filter((answer) => answer === '20020003')).toHaveLength(2);
    }
    expect(await connack(local.port, 'alice', 'secret')).toBe('20020000');
    const throttled = local.events.filter((event) => event.type === 'refused' && event.throttled);
    expect(throttled).toHaveLength(4);
    expect(throttled[0]).toMatchObject({ returnCode: 3, reason: expect.stringMatching(/^Login throttled: over 20 failed logins as (alice|mallory) from 127\.0\.0\.1/) });
  }, 120_000);

  it('over 256 wrong passwords for alice at once, then her right one: it is checked after at most 8 of them and let in; the guesses pushed out are not called failed logins', async () => {
    const held = heldHashes();
    const local = await broker({ users: [{ username: 'alice', password: 'secret' }], loginChecks: { now: () => 0, hash: held.hash } });
    const guesses = MAX_WAITING_CHECKS + 44;
    const clients = await Promise.all(Array.from({ length: guesses }, (_, index) => connectAs(local.port, 'alice', `guess-${index}`)));
    // Let go however the test ends, or the broker could not close.
    try {
      // Every guess has reached the broker (its first is hashing, held) before the right one is sent.
      await local.when(() => connectsSeen(local.trace) === guesses);
      const right = await connectAs(local.port, 'alice', 'secret');
      await local.when(() => connectsSeen(local.trace) === guesses + 1);
      held.letGo();
      expect(await right.expect('20', 60_000)).toBe('20020000');
      // Hashed: the one running when the flood came, and the 8 that waited last, hers the newest.
      expect(held.started).toHaveLength(1 + MAX_WAITING_PER_PAIR);
      expect(held.started.at(-1)).toBe('secret');
      const refusals = local.events.filter((event): event is Extract<BrokerEvent, { type: 'refused' }> => event.type === 'refused');
      expect(refusals.filter((event) => event.returnCode === 4)).toHaveLength(MAX_WAITING_PER_PAIR);
      expect(refusals.filter((event) => event.throttled)).toHaveLength(guesses - MAX_WAITING_PER_PAIR);
      expect(refusals.every((event) => !/failed logins/.test(event.reason))).toBe(true);
      expect(refusals.find((event) => event.throttled)).toMatchObject({ returnCode: 3, reason: expect.stringMatching(/^Login throttled: not checked; over 8 logins as alice from 127\.0\.0\.1 were waiting/) });
      right.abort();
    } finally {
      held.letGo();
      clients.forEach((client) => client.abort());
    }
  }, 120_000);

  it('a list full of other names (one login each): a new name is told the broker is busy, not that it failed', async () => {
    const held = heldHashes();
    const local = await broker({ users: [{ username: 'alice', password: 'secret' }], loginChecks: { now: () => 0, hash: held.hash } });
    // Two hashing (held) and the list full: every pair has one waiting, so the next two are turned away.
    const names = CONCURRENT_CHECKS + MAX_WAITING_CHECKS + 2;
    const clients = await Promise.all(Array.from({ length: names }, (_, index) => connectAs(local.port, `user-${index}`, 'guess')));
    try {
      await local.when(() => local.events.filter((event) => event.type === 'refused').length === 2);
      const refusals = local.events.filter((event): event is Extract<BrokerEvent, { type: 'refused' }> => event.type === 'refused');
      for (const refusal of refusals) expect(refusal).toMatchObject({ returnCode: 3, throttled: true, reason: expect.stringMatching(/^Login not checked: the broker is busy checking other logins/) });
      expect(held.started).toHaveLength(CONCURRENT_CHECKS);
    } finally {
      held.letGo();
      clients.forEach((client) => client.abort());
    }
  }, 120_000);
});

describe('embedded broker: packet size', () => {
  it('closes a connection whose PUBLISH announces 32 MiB as soon as its header arrives, and takes one under the limit', async () => {
    const local = await broker({ maxPacketSize: 1024 * 1024 });
    const socket = net.connect(local.port, '127.0.0.1');
    socket.on('error', () => {});
    socket.write(encodePacket({ type: 'CONNECT', clientId: 'big', clean: true, keepAlive: 60 }));
    await new Promise((resolve) => socket.once('data', resolve));
    let closed = false;
    socket.on('close', () => (closed = true));
    // A PUBLISH header announcing 32 MiB, then the first 64 KiB of it: the rest never needs to come.
    socket.write(Buffer.concat([Buffer.from([0x30, 0x80, 0x80, 0x80, 0x10]), Buffer.alloc(65_536)]));
    await until(() => closed, 5000, 'the broker to close the connection');
    expect(local.events).toContainEqual(expect.objectContaining({ type: 'packet-too-large', declaredSize: 5 + 32 * 1024 * 1024, maxPacketSize: 1024 * 1024 }));
    expect(local.trace).toContainEqual(expect.objectContaining({ kind: 'frame-error', reason: 'oversize' }));

    const payload = 'x'.repeat(512 * 1024);
    const received = run('mosquitto_sub', ['-h', '127.0.0.1', '-p', String(local.port), '-t', 'big/ok', '-C', '1', '-W', '10']);
    // Aedes sends the SUBACK once the subscription is in place: the publication cannot miss it.
    await until(() => local.trace.some((entry) => entry.kind === 'packet' && entry.typeName === 'SUBACK'), "the subscriber's SUBACK");
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'mqttscope-big-')), 'payload');
    writeFileSync(file, payload);
    await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(local.port), '-t', 'big/ok', '-f', file]);
    expect((await received).stdout.trim().length).toBe(payload.length);
  });
});

describe('embedded broker: bounds on what clients can make it hold', () => {
  it('refuses a new persistent session past its maximum with code 3; held ones and clean ones still connect', async () => {
    const local = await broker({ maxHeldSessions: 2 });
    for (const clientId of ['s1', 's2']) expect((await handshake(local.port, { clientId, clean: false })).connack).toMatchObject({ accepted: true });
    expect((await handshake(local.port, { clientId: 's3', clean: false })).connack).toMatchObject({ accepted: false, code: 3 });
    expect(local.events).toContainEqual(expect.objectContaining({ type: 'refused', returnCode: 3, reason: expect.stringContaining('maximum of 2 sessions') }));
    expect((await handshake(local.port, { clientId: 's1', clean: false })).connack).toMatchObject({ accepted: true, sessionPresent: true });
    expect((await handshake(local.port, { clientId: 's4', clean: true })).connack).toMatchObject({ accepted: true });
  });

  it('closes a WebSocket whose message is over the packet limit before buffering it whole', async () => {
    const local = await broker({ maxPacketSize: 1024 * 1024, websocket: { port: 0 } });
    const socket = new WebSocket(`ws://127.0.0.1:${local.websocketPort}/mqtt`, ['mqtt']);
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.on('error', () => {});
    socket.send(Buffer.alloc(4 * 1024 * 1024));
    expect(await closed).toBe(1009);
  });
});

describe('embedded broker: the will', () => {
  it('an abnormal close publishes the will to a mosquitto_sub subscriber and says so; a DISCONNECT does not', async () => {
    const local = await broker();
    const sub = spawn('mosquitto_sub', ['-h', '127.0.0.1', '-p', String(local.port), '-t', 'status/#', '-v', '-i', 'watcher']);
    let received = '';
    sub.stdout.on('data', (chunk) => (received += chunk));
    try {
      await until(() => local.events.some((event) => event.type === 'client-connected' && event.clientId === 'watcher'));
      await until(() => local.trace.some((entry) => entry.kind === 'packet' && entry.typeName === 'SUBACK'));

      const politeTrace: TraceEntry[] = [];
      const polite = new InspectingClient('p', { host: '127.0.0.1', port: local.port, protocolVersion: '3.1.1', clientId: 'polite', clean: true, keepAlive: 30, will: { topic: 'status/polite', payload: 'gone', qos: 0, retain: false } }, (entry) => politeTrace.push(toTraceEntry(entry)));
      polite.start();
      // The client's own CONNACK, not the broker's event: a client still waiting for it ends the
      // connection without DISCONNECT, and the will fires (the broker may not have written it yet).
      await until(() => politeTrace.some((entry) => entry.kind === 'packet' && entry.typeName === 'CONNACK'));
      await polite.close();

      const crasher = new InspectingClient('x', { host: '127.0.0.1', port: local.port, protocolVersion: '3.1.1', clientId: 'crasher', clean: true, keepAlive: 30, will: { topic: 'status/crasher', payload: 'offline', qos: 0, retain: false } }, () => {});
      crasher.start();
      await until(() => local.events.some((event) => event.type === 'client-connected' && event.clientId === 'crasher'));
      await crasher.close({ mode: 'abort' });

      await until(() => received.includes('status/crasher offline'));
      expect(received).not.toContain('status/polite');
      expect(local.events.filter((event) => event.type === 'will-published')).toEqual([expect.objectContaining({ clientId: 'crasher', topic: 'status/crasher', reason: 'abnormal close' })]);
    } finally {
      sub.kill();
    }
  });
});

/** A clean-session client subscribed to `filter` at QoS 0, and the SUBACK it got (hex). */
async function subscribedWatcher(port: number, clientId: string, filter: string) {
  const watcher = await RawClient.connect(port);
  watcher.send({ type: 'CONNECT', clientId, clean: true, keepAlive: 60 });
  await watcher.expect('20');
  watcher.send({ type: 'SUBSCRIBE', packetId: 1, subscriptions: [{ topic: filter, qos: 0 }] });
  return { watcher, suback: await watcher.expect('90') };
}

describe('embedded broker: sessions you can see', () => {
  it('shows a live clean-session subscription (Aedes stores only persistent ones), and the will it received', async () => {
    const local = await broker();
    const { watcher, suback } = await subscribedWatcher(local.port, 'will-watcher', 'will/#');
    expect(suback).toBe('9003000100');
    const leaver = await RawClient.connect(local.port);
    leaver.send({ type: 'CONNECT', clientId: 'leaver', clean: true, keepAlive: 60, will: { topic: 'will/leaver', payload: 'gone', qos: 0, retain: false } });
    await leaver.expect('20');
    leaver.abort();
    await watcher.expect('30');
    const sessions = await local.sessions();
    expect(sessions.find((session) => session.clientId === 'will-watcher')).toMatchObject({ connected: true, clean: true, subscriptions: [{ topic: 'will/#', qos: 0 }] });
    watcher.abort();
  });

  it('holds a mosquitto_sub persistent session with its queued messages, delivers them on reconnect, then the queue is empty', async () => {
    const local = await broker();
    const base = ['-h', '127.0.0.1', '-p', String(local.port), '-i', 'keeper', '-c', '-q', '1', '-t', 'inbox/#'];
    await run('mosquitto_sub', [...base, '-E']);
    await until(() => local.events.filter((event) => event.type === 'client-disconnected').length === 1);
    for (const message of ['first', 'second']) await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(local.port), '-q', '1', '-t', 'inbox/k', '-m', message]);

    // Aedes acknowledges a QoS 1 publish before queueing it (without persistence nothing holds
    // the PUBACK back), so the queue may fill a moment after mosquitto_pub has returned.
    await untilAsked(async () => (await local.sessions())[0]?.queued.length === 2, 30_000, 'both messages queued');
    const stored = (await local.sessions())[0];
    expect(stored).toMatchObject({ clientId: 'keeper', connected: false, subscriptions: [{ topic: 'inbox/#', qos: 1 }] });
    expect(stored.queued.map((message) => [message.topic, message.qos, message.preview])).toEqual([['inbox/k', 1, 'first'], ['inbox/k', 1, 'second']]);

    const { stdout } = await run('mosquitto_sub', [...base, '-C', '2', '-v', '-W', '5']);
    expect(stdout.trim().split('\n')).toEqual(['inbox/k first', 'inbox/k second']);
    expect(connacks(local.trace)).toContain('20020100');
    await until(() => local.events.filter((event) => event.type === 'client-disconnected').length === 4);
    // Aedes deletes a delivered message when its PUBACK has been handled, which may finish after
    // the client's disconnect was reported: the queue empties a moment later.
    await untilAsked(async () => (await local.sessions()).find((session) => session.clientId === 'keeper')?.queued.length === 0, 30_000, 'the queue emptied');
    expect((await local.sessions()).find((session) => session.clientId === 'keeper')?.queued).toEqual([]);
  });

  it('a clean-session reconnect purges the stored session, with session present 0', async () => {
    const local = await broker();
    await run('mosquitto_sub', ['-h', '127.0.0.1', '-p', String(local.port), '-i', 'forgetful', '-c', '-q', '1', '-t', 'x/#', '-E']);
    await until(() => local.events.some((event) => event.type === 'client-disconnected'));
    expect((await local.sessions()).map((session) => session.clientId)).toEqual(['forgetful']);
    const story = await handshake(local.port, { clientId: 'forgetful', clean: true });
    expect(story.connack).toMatchObject({ accepted: true, sessionPresent: false });
    await until(() => local.events.filter((event) => event.type === 'client-disconnected').length === 2);
    expect(await local.sessions()).toEqual([]);
  });

  it('purges a session and a retained message on request', async () => {
    const local = await broker();
    await run('mosquitto_sub', ['-h', '127.0.0.1', '-p', String(local.port), '-i', 'gone-soon', '-c', '-q', '1', '-t', 'y/#', '-E']);
    await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(local.port), '-t', 'config/led', '-m', 'on', '-r']);
    expect(await local.retained()).toEqual([{ topic: 'config/led', qos: 0, retain: true, bytes: 2, preview: 'on' }]);
    await local.purgeSession('gone-soon');
    await local.purgeRetained('config/led');
    expect(await local.sessions()).toEqual([]);
    expect(await local.retained()).toEqual([]);
    const story = await handshake(local.port, { clientId: 'gone-soon', clean: false });
    expect(story.connack?.sessionPresent).toBe(false);
  });

  it('purges a session when anonymous clients are refused, without a refusal of its own', async () => {
    const local = await broker({ users: [{ username: 'alice', password: 'secret' }], allowAnonymous: false });
    await run('mosquitto_sub', ['-h', '127.0.0.1', '-p', String(local.port), '-u', 'alice', '-P', 'secret', '-i', 'keep', '-c', '-q', '1', '-t', 'k/#', '-E']);
    expect((await local.sessions()).map((session) => session.clientId)).toEqual(['keep']);
    await local.purgeSession('keep');
    expect(await local.sessions()).toEqual([]);
    expect(local.events.filter((event) => event.type === 'refused')).toEqual([]);
    const story = await handshake(local.port, { clientId: 'keep', clean: false, username: 'alice', password: 'secret' });
    expect(story.connack).toMatchObject({ accepted: true, sessionPresent: false });
  });
});

describe('embedded broker: strict where the specification is', () => {
  it('answers an MQTT 5 client with return code 1 and says why', async () => {
    const local = await broker();
    const story = await handshake(local.port, { protocolVersion: '5' });
    expect(story.connack).toMatchObject({ accepted: false, code: 1, protocolLevel: 4 });
    expect(local.events).toContainEqual(expect.objectContaining({ type: 'refused', returnCode: 1, reason: expect.stringMatching(/does not speak MQTT 5/) }));
  });

  it('disconnects a client silent for 1.5 × its keep alive, not before, and publishes its will for that reason', async () => {
    const local = await broker();
    const { watcher } = await subscribedWatcher(local.port, 'watcher', 'status/#');
    // The keep-alive timer on a fake clock, from the silent client's CONNECT on: checked at its
    // edge (1.5 × 1 s [MQTT-3.1.2-24]; Aedes adds 1 ms), however slow the machine.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const entries: TraceEntry[] = [];
      const silent = new InspectingClient('s', { host: '127.0.0.1', port: local.port, protocolVersion: '3.1.1', clientId: 'silent', clean: true, keepAlive: 1, will: { topic: 'status/silent', payload: 'lost', qos: 0, retain: false }, plan: { noPings: true } }, (entry) => entries.push(toTraceEntry(entry)));
      silent.start();
      await local.when(() => local.events.some((event) => event.type === 'client-connected' && event.clientId === 'silent'));
      vi.advanceTimersByTime(1500);
      await turnsOfTheLoop();
      expect(hasEvent(local.events, 'keepalive-timeout')).toBe(false);
      vi.advanceTimersByTime(1);
      await local.when(() => hasEvent(local.events, 'keepalive-timeout'));
      await silent.closed;
      await local.when(() => hasEvent(local.events, 'will-published'));
      expect(buildSessionStory('s', entries).end).toMatchObject({ by: 'broker' });
    } finally {
      vi.useRealTimers();
    }
    expect(await watcher.expect('30')).toContain(Buffer.from('status/silent').toString('hex'));
    watcher.abort();
    expect(local.events).toContainEqual(expect.objectContaining({ type: 'keepalive-timeout', clientId: 'silent' }));
    expect(local.events).toContainEqual(expect.objectContaining({ type: 'will-published', clientId: 'silent', reason: 'keep-alive timeout' }));
  });

  it('closes the connection on a malformed CONNECT (reserved flag set), without a CONNACK', async () => {
    // On a fake clock the connect timeout never fires: the close can only be the broker's answer
    // to the malformed packet (a broker that waited instead would hold the test to its timeout).
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const local = await broker();
      const closed = await new Promise<string>((resolve) => {
        const socket = net.connect(local.port, '127.0.0.1', () => socket.write(encodePacket({ type: 'CONNECT', clientId: 'c1', connectFlags: 0x03 })));
        let received = '';
        socket.on('data', (chunk) => (received += chunk.toString('hex')));
        socket.on('close', () => resolve(received));
        socket.on('error', () => {});
      });
      expect(closed).toBe('');
      expect(hasEvent(local.events, 'connect-timeout')).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('embedded broker: takeovers and changes', () => {
  it('says when a second connection takes over a client id, and tells the sessions view to look again', async () => {
    const local = await broker();
    const first = new InspectingClient('a', { host: '127.0.0.1', port: local.port, protocolVersion: '3.1.1', clientId: 'twin', clean: true, keepAlive: 30 }, () => {});
    first.start();
    await until(() => local.events.some((event) => event.type === 'client-connected'));
    const second = new InspectingClient('b', { host: '127.0.0.1', port: local.port, protocolVersion: '3.1.1', clientId: 'twin', clean: true, keepAlive: 30 }, () => {});
    second.start();
    await until(() => local.events.some((event) => event.type === 'session-taken-over'));
    await first.closed;
    await second.close();
    const firstId = (local.events.find((event) => event.type === 'client-connected') as { connectionId: string }).connectionId;
    expect(local.events).toContainEqual(expect.objectContaining({ type: 'session-taken-over', clientId: 'twin', connectionId: firstId }));
    await until(() => local.events.some((event) => event.type === 'sessions-changed'));
  });
});

describe('embedded broker: persistence', () => {
  it('a session with queued messages survives a restart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mqttscope-persist-'));
    const first = await startAedesBroker({ persistDir: dir });
    const base = ['-h', '127.0.0.1', '-p', String(first.port), '-i', 'durable', '-c', '-q', '1', '-t', 'box/#'];
    await run('mosquitto_sub', [...base, '-E']);
    for (const message of ['one', 'two']) await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(first.port), '-q', '1', '-t', 'box/a', '-m', message]);
    await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(first.port), '-t', 'cfg', '-m', 'kept', '-r']);
    await first.close();

    const second = await startAedesBroker({ persistDir: dir });
    brokers.push(second);
    const [session] = await second.sessions();
    expect(session).toMatchObject({ clientId: 'durable', connected: false, subscriptions: [{ topic: 'box/#', qos: 1 }] });
    expect(session.queued.map((message) => message.preview)).toEqual(['one', 'two']);
    expect((await second.retained()).map((message) => message.preview)).toEqual(['kept']);
    const { stdout } = await run('mosquitto_sub', ['-h', '127.0.0.1', '-p', String(second.port), '-i', 'durable', '-c', '-q', '1', '-t', 'box/#', '-C', '2', '-W', '5']);
    expect(stdout.trim().split('\n')).toEqual(['one', 'two']);
  });
});
