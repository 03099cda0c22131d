// The embedded broker's ACL on the wire: refused and granted SUBSCRIBEs (0x80), refused PUBLISHes
// acknowledged as their QoS asks and dropped with the client still connected, reads that are
// not delivered, %c and %u patterns, and a malformed ACL refused at start with its line number.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { describeAclDecision, type BrokerEvent } from '@shared/model/broker';
import type { CraftConnect } from '@shared/mqtt/encode';
import { RawClient } from '../../../testing/raw-client';
import { until } from '../../../testing/wait';
import { startAedesBroker, type AedesBrokerOptions, type RunningBroker } from './aedes-broker';

const run = promisify(execFile);
const brokers: RunningBroker[] = [];
const clients: RawClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.abort();
  await Promise.all(brokers.splice(0).map((broker) => broker.close()));
});

async function broker(acl: string, options: AedesBrokerOptions = {}) {
  const events: BrokerEvent[] = [];
  const running = await startAedesBroker({ ...options, acl, onEvent: (event) => events.push(event) });
  brokers.push(running);
  const words = () => events.flatMap((event) => (event.type === 'acl' ? [describeAclDecision(event)] : []));
  return { ...running, events, words };
}

async function connected(port: number, connect: Omit<CraftConnect, 'type'>): Promise<RawClient> {
  const client = await RawClient.connect(port);
  clients.push(client);
  client.send({ type: 'CONNECT', keepAlive: 60, clean: true, ...connect });
  expect(await client.expect('20')).toBe('20020000');
  return client;
}

const hex = (text: string) => Buffer.from(text).toString('hex');

describe('embedded broker ACL: SUBSCRIBE', () => {
  it('answers 0x80 for a denied filter and the granted QoS for an allowed one, in one SUBACK, and says which line decided', async () => {
    const local = await broker('# everyone\ntopic readwrite #\ntopic deny test/nosubscribe\n');
    const client = await connected(local.port, { clientId: 'x1' });
    client.send({ type: 'SUBSCRIBE', packetId: 1, subscriptions: [{ topic: 'test/nosubscribe', qos: 2 }, { topic: 'test/+', qos: 1 }] });
    expect(await client.expect('90')).toBe('9004000180' + '01');
    expect(local.words()).toEqual(['refused SUBSCRIBE to test/nosubscribe for client x1: ACL line 3', 'allowed SUBSCRIBE to test/+ for client x1: ACL line 2']);
    expect(client.closed).toBe(false);
  });

  it.each([
    ['in memory', () => ({})],
    ['with the journal', () => ({ persistDir: mkdtempSync(path.join(tmpdir(), 'mqttscope-acl-subs-')) })],
  ])('keeps only the granted filters in a persistent session (%s)', async (_name, options) => {
    const local = await broker('topic readwrite #\ntopic deny test/nosubscribe\n', options());
    const client = await connected(local.port, { clientId: 'keeper', clean: false });
    client.send({ type: 'SUBSCRIBE', packetId: 1, subscriptions: [{ topic: 'test/nosubscribe', qos: 1 }, { topic: 'a/b', qos: 1 }] });
    expect(await client.expect('90')).toBe('900400018001');
    await client.disconnect();
    expect((await local.sessions()).map((session) => session.subscriptions)).toEqual([[{ topic: 'a/b', qos: 1 }]]);
  });

  it('refuses mosquitto_sub a filter no line lets it read', async () => {
    const local = await broker('topic write only/in\n');
    const result = await run('mosquitto_sub', ['-h', '127.0.0.1', '-p', String(local.port), '-i', 'reader', '-t', 'only/in', '-d', '-E']).catch((error: { stdout: string }) => error);
    expect(result.stdout).toMatch(/Subscribed \(mid: 1\): 128/);
    expect(local.words()).toEqual(['refused SUBSCRIBE to only/in for client reader: no ACL line grants it']);
  });
});

describe.each([
  ['in memory', () => ({})],
  ['with the journal', () => ({ persistDir: mkdtempSync(path.join(tmpdir(), 'mqttscope-acl-')) })],
])('embedded broker ACL %s: PUBLISH', (_name, options) => {
  it('acknowledges a denied PUBLISH of each QoS, keeps the client, and delivers nothing of it', async () => {
    const local = await broker('topic readwrite open/#\ntopic read closed/#\n', options());
    const reader = await connected(local.port, { clientId: 'reader' });
    reader.send({ type: 'SUBSCRIBE', packetId: 1, subscriptions: [{ topic: 'open/#', qos: 2 }, { topic: 'closed/#', qos: 2 }] });
    expect(await reader.expect('90')).toBe('900400010202');

    const writer = await connected(local.port, { clientId: 'writer' });
    writer.send({ type: 'PUBLISH', topic: 'closed/a', payload: 'q0', qos: 0 });
    writer.send({ type: 'PUBLISH', topic: 'closed/a', payload: 'q1', qos: 1, packetId: 11 });
    expect(await writer.expect('40')).toBe('4002000b');
    writer.send({ type: 'PUBLISH', topic: 'closed/a', payload: 'q2', qos: 2, packetId: 12 });
    expect(await writer.expect('50')).toBe('5002000c');
    writer.send({ type: 'PUBREL', packetId: 12 });
    expect(await writer.expect('70')).toBe('7002000c');
    writer.send({ type: 'PINGREQ' });
    expect(await writer.expect('d0')).toBe('d000');
    expect(writer.closed).toBe(false);

    writer.send({ type: 'PUBLISH', topic: 'open/a', payload: 'allowed', qos: 1, packetId: 13 });
    expect(await writer.expect('4002000d')).toBe('4002000d');
    const delivered = await reader.expect('32');
    expect(delivered).toContain(hex('open/a'));
    expect(reader.received.filter((packet) => packet.includes(hex('closed/a')))).toEqual([]);
    expect(local.words()).toContain('refused PUBLISH to closed/a from client writer: no ACL line grants it');
    expect(local.words()).toContain('allowed PUBLISH to open/a from client writer: ACL line 1');
  });
});

describe('embedded broker ACL: reading', () => {
  it('does not deliver a message the subscriber may not read, and says so', async () => {
    const local = await broker('user alice\ntopic readwrite chat/#\nuser bob\ntopic read chat/public\n', { users: [{ username: 'alice', password: 'a' }, { username: 'bob', password: 'b' }] });
    const bob = await connected(local.port, { clientId: 'bob-phone', username: 'bob', password: 'b' });
    bob.send({ type: 'SUBSCRIBE', packetId: 1, subscriptions: [{ topic: 'chat/#', qos: 0 }] });
    expect(await bob.expect('90')).toBe('9003000100');
    const alice = await connected(local.port, { clientId: 'alice-phone', username: 'alice', password: 'a' });
    alice.send({ type: 'PUBLISH', topic: 'chat/private', payload: 'no', qos: 0 }, { type: 'PUBLISH', topic: 'chat/public', payload: 'yes', qos: 0 });
    expect(await bob.expect('30')).toContain(hex('chat/public'));
    await until(() => local.words().some((words) => words.startsWith('refused delivery')));
    expect(bob.received.filter((packet) => packet.includes(hex('chat/private')))).toEqual([]);
    expect(local.words()).toContain('refused delivery of chat/private to client bob-phone: no ACL line grants it');
  });

  it('does not send a retained message the subscriber may not read', async () => {
    const local = await broker('user alice\ntopic readwrite chat/#\nuser bob\ntopic read chat/public\n', { users: [{ username: 'alice', password: 'a' }, { username: 'bob', password: 'b' }] });
    const alice = await connected(local.port, { clientId: 'alice-phone', username: 'alice', password: 'a' });
    alice.send({ type: 'PUBLISH', topic: 'chat/private', payload: 'no', qos: 1, packetId: 1, retain: true }, { type: 'PUBLISH', topic: 'chat/public', payload: 'yes', qos: 1, packetId: 2, retain: true });
    await alice.expect('40020002');
    expect((await local.retained()).map((message) => message.topic).sort()).toEqual(['chat/private', 'chat/public']);
    const bob = await connected(local.port, { clientId: 'bob-phone', username: 'bob', password: 'b' });
    bob.send({ type: 'SUBSCRIBE', packetId: 1, subscriptions: [{ topic: 'chat/#', qos: 0 }] });
    // Aedes sends a retained message at its stored QoS (1), not the subscription's (0).
    expect(await bob.expect('33')).toContain(hex('chat/public'));
    await until(() => local.words().includes('refused delivery of chat/private to client bob-phone: no ACL line grants it'));
    expect(bob.received.filter((packet) => packet.includes(hex('chat/private')))).toEqual([]);
  });

  it('does not keep a refused retained PUBLISH, and a deny line wins over a pattern', async () => {
    const local = await broker('topic readwrite #\ntopic deny hidden/#\npattern readwrite hidden/%c\n');
    const writer = await connected(local.port, { clientId: 'w' });
    writer.send({ type: 'PUBLISH', topic: 'hidden/w', payload: 'kept', qos: 1, packetId: 1, retain: true });
    // The deny comes first: not even its own client's pattern lets it write there.
    expect(await writer.expect('40')).toBe('40020001');
    expect(local.words()).toContain('refused PUBLISH to hidden/w from client w: ACL line 2');
    expect(await local.retained()).toEqual([]);
  });
});

describe('embedded broker ACL: %c and %u', () => {
  it('lets each client and user at its own topics only', async () => {
    const local = await broker('pattern readwrite devices/%c/#\npattern read users/%u/#\n', { users: [{ username: 'carol', password: 'c' }], allowAnonymous: true });
    const device = await connected(local.port, { clientId: 'dev1' });
    device.send({ type: 'SUBSCRIBE', packetId: 1, subscriptions: [{ topic: 'devices/dev1/#', qos: 1 }, { topic: 'devices/dev2/#', qos: 1 }, { topic: 'users/+/x', qos: 0 }] });
    expect(await device.expect('90')).toBe('900500010180' + '80');
    const carol = await connected(local.port, { clientId: 'c1', username: 'carol', password: 'c' });
    carol.send({ type: 'SUBSCRIBE', packetId: 1, subscriptions: [{ topic: 'users/carol/#', qos: 0 }, { topic: 'users/dave/#', qos: 0 }] });
    expect(await carol.expect('90')).toBe('900400010080');
    device.send({ type: 'PUBLISH', topic: 'devices/dev1/state', payload: 'on', qos: 1, packetId: 2 }, { type: 'PUBLISH', topic: 'devices/dev2/state', payload: 'spoof', qos: 1, packetId: 3 });
    await device.expect('40020003');
    expect(await device.expect('32')).toContain(hex('devices/dev1/state'));
    expect(device.received.filter((packet) => packet.includes(hex('devices/dev2')))).toEqual([]);
    expect(local.words()).toContain('refused PUBLISH to devices/dev2/state from client dev1: no ACL line grants it');
    expect(local.words()).toContain('allowed SUBSCRIBE to users/carol/# for client c1: ACL line 2');
  });
});

describe('embedded broker ACL: events', () => {
  it('reports each allowed decision once per topic, at most 1,000 a connection, and every refusal', async () => {
    const local = await broker('topic readwrite open/#\n');
    const writer = await connected(local.port, { clientId: 'chatty' });
    for (let round = 0; round < 2; round++) for (let index = 0; index <= 1000; index++) writer.send({ type: 'PUBLISH', topic: `open/${index}`, payload: '', qos: 0 });
    writer.send({ type: 'PUBLISH', topic: 'closed/a', payload: '', qos: 0 }, { type: 'PUBLISH', topic: 'closed/a', payload: '', qos: 1, packetId: 1 });
    await writer.expect('40020001', 10_000);
    await until(() => local.events.filter((event) => event.type === 'acl').length >= 1002, undefined, '1,002 decisions');
    // A barrier, not a sleep: the broker handles a connection's packets in order, so once it has
    // answered a PINGREQ sent after them, every decision about them has been reported.
    const before = writer.received.length;
    writer.send({ type: 'PINGREQ' });
    await writer.expect('d0', undefined, before);
    const decisions = local.events.filter((event) => event.type === 'acl');
    expect(decisions.filter((event) => event.allowed)).toHaveLength(1000);
    expect(decisions.filter((event) => !event.allowed)).toHaveLength(2);
  }, 20_000);
});

describe('embedded broker ACL: a file that does not read', () => {
  it('is refused at start with its line number', async () => {
    await expect(startAedesBroker({ acl: 'topic readwrite #\n\ntopic maybe a b\n' })).rejects.toThrow('The ACL does not read:\nline 3: "maybe" is not an access; write read, write, readwrite or deny');
  });
});
