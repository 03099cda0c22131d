// What Eclipse Paho's interoperability suite (client_test.py) checks, as our own tests against
// the embedded broker with the ACL the suite is run with: retained messages set and cleared, $
// topics, overlapping subscriptions, unsubscribe, redelivery on reconnect.
import { afterEach, describe, expect, it } from 'vitest';
import { RawClient } from '../../../testing/raw-client';
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
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('embedded broker with an ACL, as Paho checks it', () => {
  it('sends retained messages of every QoS to a new subscriber, and none once they are cleared', async () => {
    const local = await broker();
    const writer = await client(local.port, 'writer');
    writer.send(
      { type: 'PUBLISH', topic: 'TopicA/B', payload: 'qos 0', qos: 0, retain: true },
      { type: 'PUBLISH', topic: 'Topic/C', payload: 'qos 1', qos: 1, packetId: 1, retain: true },
      { type: 'PUBLISH', topic: 'TopicA/C', payload: 'qos 2', qos: 2, packetId: 2, retain: true },
    );
    await writer.expect('5002');
    writer.send({ type: 'PUBREL', packetId: 2 });
    await writer.expect('7002');
    const reader = await client(local.port, 'reader');
    reader.send({ type: 'SUBSCRIBE', packetId: 1, subscriptions: [{ topic: '+/+', qos: 2 }] });
    await reader.expect('90');
    await settle();
    expect(publishes(reader)).toHaveLength(3);

    writer.send(
      { type: 'PUBLISH', topic: 'TopicA/B', payload: '', qos: 0, retain: true },
      { type: 'PUBLISH', topic: 'Topic/C', payload: '', qos: 1, packetId: 3, retain: true },
      { type: 'PUBLISH', topic: 'TopicA/C', payload: '', qos: 2, packetId: 4, retain: true },
    );
    await writer.expect('50020004');
    writer.send({ type: 'PUBREL', packetId: 4 });
    await writer.expect('70020004');
    const late = await client(local.port, 'late');
    late.send({ type: 'SUBSCRIBE', packetId: 1, subscriptions: [{ topic: '+/+', qos: 2 }] });
    await late.expect('90');
    await settle();
    expect(publishes(late)).toEqual([]);
  });

  it('does not match a $ topic with a filter that starts with a wildcard [MQTT-4.7.2-1], and keeps the publisher', async () => {
    const local = await broker();
    const raw = await client(local.port, 'dollar');
    raw.send({ type: 'SUBSCRIBE', packetId: 1, subscriptions: [{ topic: '+/+', qos: 2 }, { topic: '#', qos: 2 }] });
    await raw.expect('90');
    raw.send({ type: 'PUBLISH', topic: '$TopicA/B', payload: '', qos: 1, packetId: 2 });
    expect(await raw.expect('4002')).toBe('40020002');
    await settle();
    expect(publishes(raw)).toEqual([]);
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
    await settle();
    const qos = publishes(raw).map((packet) => (parseInt(packet.slice(0, 2), 16) >> 1) & 3);
    expect([[2], [1, 2], [2, 1]]).toContainEqual(qos);
  });

  it('stops delivering a topic once it is unsubscribed', async () => {
    const local = await broker();
    const reader = await client(local.port, 'unsub');
    reader.send({ type: 'SUBSCRIBE', packetId: 1, subscriptions: [{ topic: 'TopicA', qos: 2 }, { topic: 'TopicA/B', qos: 2 }, { topic: 'Topic/C', qos: 2 }] });
    await reader.expect('90');
    reader.send({ type: 'UNSUBSCRIBE', packetId: 2, topics: ['TopicA'] });
    await reader.expect('b0');
    const writer = await client(local.port, 'writer');
    for (const [index, topic] of ['TopicA', 'TopicA/B', 'Topic/C'].entries()) writer.send({ type: 'PUBLISH', topic, payload: '', qos: 1, packetId: index + 1 });
    await writer.expect('40020003');
    await settle();
    expect(publishes(reader).map((packet) => packet.includes(hex('TopicA/B')) || packet.includes(hex('Topic/C')))).toEqual([true, true]);
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
