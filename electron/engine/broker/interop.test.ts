// What Eclipse Paho's interoperability suite (client_test.py) checks, as our own tests against
// the embedded broker with the ACL the suite is run with: retained messages set and cleared, $
// topics, overlapping subscriptions, unsubscribe, redelivery on reconnect.
import { afterEach, describe, expect, it } from 'vitest';
import { RawClient } from '../../../testing/raw-client';
import { until } from '../../../testing/wait';
import { startAedesBroker, type RunningBroker } from './aedes-broker';

const ACL = 'topic readwrite #\ntopic deny test/nosubscribe\n';
const brokers: RunningBroker[] = [];
const clients: RawClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.abort();
  await Promise.all(brokers.splice(0).map((broker) => broker.close()));
});

async function broker() {
  const running = await startAedesBroker({ acl: ACL });
  brokers.push(running);
  return running;
}

async function client(port: number, clientId: string, clean = true, expectConnack = '20020000'): Promise<RawClient> {
  const raw = await RawClient.connect(port);
  clients.push(raw);
  raw.send({ type: 'CONNECT', clientId, clean, keepAlive: 60 });
  expect(await raw.expect('20')).toBe(expectConnack);
  return raw;
}

const hex = (text: string) => Buffer.from(text).toString('hex');
const publishes = (raw: RawClient) => raw.received.filter((packet) => packet[0] === '3');
const carrying = (topic: string) => (packet: string) => packet.includes(hex(topic));

/** A retained message on a topic the tests' filters never match. */
const SENTINEL = 'sentinel';

/**
 * The retained messages a subscription to `filter` brings. Aedes sends them filter by filter, in
 * the SUBSCRIBE's order, each written before the next is read: once the sentinel (asked for last)
 * has come, every one before it has too, and nothing more will.
 */
async function retainedFor(reader: RawClient, filter: string): Promise<string[]> {
  reader.send({ type: 'SUBSCRIBE', packetId: 1, subscriptions: [{ topic: filter, qos: 2 }, { topic: SENTINEL, qos: 1 }] });
  expect(await reader.expect('90')).toBe('900400010201');
  await until(() => publishes(reader).some(carrying(SENTINEL)), 'the retained sentinel');
  return publishes(reader).filter((packet) => !carrying(SENTINEL)(packet));
}

/**
 * What `reader` received before a marker published after everything under test: Aedes handles a
 * client's packets one at a time and writes a publication to each subscriber before it
 * acknowledges it, so once the marker has come nothing published before it is still on its way.
 */
async function receivedBefore(reader: RawClient, marker: () => void, topic: string): Promise<string[]> {
  marker();
  await until(() => publishes(reader).some(carrying(topic)), `the marker on ${topic}`);
  return publishes(reader).filter((packet) => !carrying(topic)(packet));
}

describe('embedded broker with an ACL, as Paho checks it', () => {
  it('sends retained messages of every QoS to a new subscriber, and none once they are cleared', async () => {
    const local = await broker();
    const writer = await client(local.port, 'writer');
    writer.send(
      { type: 'PUBLISH', topic: 'TopicA/B', payload: 'qos 0', qos: 0, retain: true },
      { type: 'PUBLISH', topic: 'Topic/C', payload: 'qos 1', qos: 1, packetId: 1, retain: true },
      { type: 'PUBLISH', topic: 'TopicA/C', payload: 'qos 2', qos: 2, packetId: 2, retain: true },
      { type: 'PUBLISH', topic: SENTINEL, payload: 'last', qos: 1, packetId: 5, retain: true },
    );
    await writer.expect('40020005');
    await writer.expect('5002');
    writer.send({ type: 'PUBREL', packetId: 2 });
    await writer.expect('7002');
    const reader = await client(local.port, 'reader');
    expect(await retainedFor(reader, '+/+')).toHaveLength(3);

    writer.send(
      { type: 'PUBLISH', topic: 'TopicA/B', payload: '', qos: 0, retain: true },
      { type: 'PUBLISH', topic: 'Topic/C', payload: '', qos: 1, packetId: 3, retain: true },
      { type: 'PUBLISH', topic: 'TopicA/C', payload: '', qos: 2, packetId: 4, retain: true },
    );
    await writer.expect('50020004');
    writer.send({ type: 'PUBREL', packetId: 4 });
    await writer.expect('70020004');
    const late = await client(local.port, 'late');
    expect(await retainedFor(late, '+/+')).toEqual([]);
  });

  it('does not match a $ topic with a filter that starts with a wildcard [MQTT-4.7.2-1], and keeps the publisher', async () => {
    const local = await broker();
    const raw = await client(local.port, 'dollar');
    raw.send({ type: 'SUBSCRIBE', packetId: 1, subscriptions: [{ topic: '+/+', qos: 2 }, { topic: '#', qos: 2 }] });
    await raw.expect('90');
    raw.send({ type: 'PUBLISH', topic: '$TopicA/B', payload: '', qos: 1, packetId: 2 });
    expect(await raw.expect('4002')).toBe('40020002');
    const before = await receivedBefore(raw, () => raw.send({ type: 'PUBLISH', topic: 'after/dollar', payload: '', qos: 1, packetId: 3 }), 'after/dollar');
    expect(before).toEqual([]);
    expect(raw.closed).toBe(false);
  });

  it('sends one message at the highest QoS, or one per subscription, for overlapping subscriptions', async () => {
    const local = await broker();
    const raw = await client(local.port, 'overlap');
    raw.send({ type: 'SUBSCRIBE', packetId: 1, subscriptions: [{ topic: 'TopicA/#', qos: 2 }, { topic: 'TopicA/+', qos: 1 }] });
    expect(await raw.expect('90')).toBe('900400010201');
    raw.send({ type: 'PUBLISH', topic: 'TopicA/C', payload: 'overlapping topic filters', qos: 2, packetId: 2 });
    await raw.expect('50020002');
    raw.send({ type: 'PUBREL', packetId: 2 });
    await raw.expect('70020002');
    raw.send({ type: 'SUBSCRIBE', packetId: 3, subscriptions: [{ topic: 'marker', qos: 1 }] });
    await raw.expect('90030003');
    const before = await receivedBefore(raw, () => raw.send({ type: 'PUBLISH', topic: 'marker', payload: '', qos: 1, packetId: 4 }), 'marker');
    const qos = before.map((packet) => (parseInt(packet.slice(0, 2), 16) >> 1) & 3);
    expect([[2], [1, 2], [2, 1]]).toContainEqual(qos);
  });

  it('stops delivering a topic once it is unsubscribed', async () => {
    const local = await broker();
    const reader = await client(local.port, 'unsub');
    reader.send({ type: 'SUBSCRIBE', packetId: 1, subscriptions: [{ topic: 'TopicA', qos: 2 }, { topic: 'TopicA/B', qos: 2 }, { topic: 'Topic/C', qos: 2 }, { topic: 'marker', qos: 1 }] });
    await reader.expect('90');
    reader.send({ type: 'UNSUBSCRIBE', packetId: 2, topics: ['TopicA'] });
    await reader.expect('b0');
    const writer = await client(local.port, 'writer');
    for (const [index, topic] of ['TopicA', 'TopicA/B', 'Topic/C'].entries()) writer.send({ type: 'PUBLISH', topic, payload: '', qos: 1, packetId: index + 1 });
    await writer.expect('40020003');
    const before = await receivedBefore(reader, () => writer.send({ type: 'PUBLISH', topic: 'marker', payload: '', qos: 1, packetId: 4 }), 'marker');
    expect(before.map((packet) => packet.includes(hex('TopicA/B')) || packet.includes(hex('Topic/C')))).toEqual([true, true]);
  });

  it('sends unacknowledged QoS 1 and 2 messages again when a persistent session reconnects', async () => {
    const local = await broker();
    const first = await client(local.port, 'redeliver', false);
    first.send({ type: 'SUBSCRIBE', packetId: 1, subscriptions: [{ topic: 'TopicA/#', qos: 2 }] });
    await first.expect('90');
    first.send({ type: 'PUBLISH', topic: 'TopicA/B', payload: '', qos: 1, packetId: 2 }, { type: 'PUBLISH', topic: 'TopicA/C', payload: '', qos: 2, packetId: 3 });
    await first.expect('40020002');
    await first.expect('50020003');
    first.send({ type: 'PUBREL', packetId: 3 });
    await first.expect('70020003');
    // Delivered to itself, and never acknowledged.
    await first.expect('32');
    await first.expect('34');
    await first.disconnect();

    const again = await client(local.port, 'redeliver', false, '20020100');
    // Aedes resends them without the DUP flag [MQTT-3.3.1-1 asks for it]; the README says so.
    expect(await again.expect('32')).toContain(hex('TopicA/B'));
    expect(await again.expect('34')).toContain(hex('TopicA/C'));
  });
});
