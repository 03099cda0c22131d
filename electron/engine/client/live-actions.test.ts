// Acting on an open connection against a real mosquitto: publish with MQTT 5 properties,
// subscribe with options and read the SUBACK, unsubscribe, repeat within the broker's quota.
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decode, findField, fromHex, toHex } from '@shared/mqtt';
import { encodePacket } from '@shared/mqtt/encode';
import { FIELD_KEYS } from '@shared/mqtt/field-keys';
import { propertyValues } from '@shared/mqtt/property-values';
import type { ConnectOptions } from '@shared/model/connect-options';
import type { LivePublication, RepeatProgress } from '@shared/model/live-actions';
import { toTraceEntry, type PacketEntry, type TraceEntry } from '@shared/model/trace';
import { startMosquitto, type Mosquitto } from '../../../testing/mosquitto';
import { until } from '../../../testing/wait';
import { startScriptedBroker } from '../../../testing/scripted-broker';
import { InspectingClient } from './inspecting-client';
import { RepeatedPublication } from './repeated-publication';
import { SubscriptionTable } from './subscription-table';

let broker: Mosquitto;
beforeAll(async () => {
  broker = await startMosquitto(mkdtempSync(path.join(tmpdir(), 'mqttscope-live-')));
});
afterAll(() => broker?.stop());

const unique = (name: string) => `${name}-${Math.random().toString(36).slice(2, 10)}`;
const text = (value: string) => toHex(new TextEncoder().encode(value));

async function connected(overrides: Partial<ConnectOptions> = {}) {
  const entries: TraceEntry[] = [];
  const options: ConnectOptions = { host: '127.0.0.1', port: broker.port, protocolVersion: '5', clientId: unique('live'), clean: true, keepAlive: 30, ...overrides };
  const client = new InspectingClient(unique('c'), options, (entry) => entries.push(toTraceEntry(entry)));
  client.start();
  await until(() => client.accepted, 5000, 'the CONNACK');
  const packets = () => entries.filter((entry): entry is PacketEntry => entry.kind === 'packet');
  return { client, entries, packets };
}

function peer(): Promise<mqtt.MqttClient> {
  const client = mqtt.connect({ host: '127.0.0.1', port: broker.port, protocolVersion: 5, clientId: unique('peer'), reconnectPeriod: 0 });
  return new Promise((resolve, reject) => {
    client.once('connect', () => resolve(client));
    client.once('error', reject);
  });
}

describe('live actions on an open connection (mosquitto)', () => {
  it('publishes a payload with its MQTT 5 properties, as a subscriber receives them', async () => {
    const topic = unique('live/publish');
    const subscriber = await peer();
    await subscriber.subscribeAsync(topic, { qos: 1 });
    const received = new Promise<{ payload: Buffer; packet: mqtt.IPublishPacket }>((resolve) => subscriber.on('message', (_topic, payload, packet) => resolve({ payload, packet })));
    const { client } = await connected();
    const publication: LivePublication = {
      topic,
      payloadHex: text('{"n":1}'),
      qos: 1,
      retain: false,
      properties: { contentType: 'application/json', payloadFormatIndicator: true, correlationData: 'cafe', userProperties: [['origin', 'scope']], messageExpiryInterval: 60 },
    };
    expect(client.publish(publication)).toBeTypeOf('number');
    const { payload, packet } = await received;
    expect(payload.toString()).toBe('{"n":1}');
    expect(packet.properties).toMatchObject({ contentType: 'application/json', payloadFormatIndicator: true, userProperties: { origin: 'scope' } });
    expect(Buffer.from(packet.properties!.correlationData!).toString('hex')).toBe('cafe');
    await Promise.all([client.close(), subscriber.endAsync()]);
  });

  it('subscribes on the live connection, reads the SUBACK per filter, and stops receiving after UNSUBSCRIBE', async () => {
    const topic = unique('live/sub');
    const { client, packets } = await connected();
    const results = await client.subscribe([{ topic, qos: 2 }, { topic: `${topic}/+/deep`, qos: 1, noLocal: true, retainHandling: 2 }], 7);
    expect(results).toEqual([
      { topic, code: 2, grantedQos: 2, ok: true, words: 'Granted QoS 2' },
      { topic: `${topic}/+/deep`, code: 1, grantedQos: 1, ok: true, words: 'Granted QoS 1' },
    ]);
    expect(client.subscriptions().map((state) => [state.subscription.topic, state.subscriptionIdentifier, state.outcome?.words])).toEqual([
      [topic, 7, 'Granted QoS 2'],
      [`${topic}/+/deep`, 7, 'Granted QoS 1'],
    ]);
    const subscribe = decode(fromHex(packets().find((entry) => entry.typeName === 'SUBSCRIBE')!.hex)!, { protocolLevel: 5 });
    const filters = subscribe.fields.filter((field) => field.key === FIELD_KEYS.topicFilter);
    const option = (index: number, key: string) => findField([filters[index]], key)?.value;
    expect([option(0, 'mqtt.subscription_options_nl'), option(0, 'mqtt.subscription_options_retain')]).toEqual([false, 0]);
    expect([option(1, 'mqtt.subscription_options_nl'), option(1, 'mqtt.subscription_options_retain'), option(1, 'mqtt.subscription_options_qos')]).toEqual([true, 2, 1]);
    expect(propertyValues(findField(subscribe.fields, FIELD_KEYS.properties))['Subscription Identifier']).toBe(7);

    const publisher = await peer();
    await publisher.publishAsync(topic, 'one', { qos: 1 });
    await until(() => packets().some((entry) => entry.dir === 's2c' && entry.typeName === 'PUBLISH'), 5000, 'the first message');
    const unsubscribed = await client.unsubscribe([topic]);
    expect(unsubscribed).toEqual([{ topic, code: 0, ok: true, words: 'Success' }]);
    expect(client.subscriptions().map((state) => state.subscription.topic)).toEqual([`${topic}/+/deep`]);
    await publisher.publishAsync(topic, 'two', { qos: 1 });
    // A PUBLISH from a second connection and back: if the first was delivered, so would this be.
    await publisher.publishAsync(`${topic}/x/deep`, 'marker', { qos: 1 });
    await until(() => packets().filter((entry) => entry.dir === 's2c' && entry.typeName === 'PUBLISH').length === 2, 5000, 'the marker');
    const topics = packets().filter((entry) => entry.dir === 's2c' && entry.typeName === 'PUBLISH').map((entry) => findField(decode(fromHex(entry.hex)!, { protocolLevel: 5 }).fields, FIELD_KEYS.topic)?.value);
    expect(topics).toEqual([topic, `${topic}/x/deep`]);
    await Promise.all([client.close(), publisher.endAsync()]);
  });

  it('refuses MQTT 5 options on a 3.1.1 connection and actions on a connection not accepted', async () => {
    const { client } = await connected({ protocolVersion: '3.1.1' });
    expect(() => client.subscribe([{ topic: 'a', qos: 0, noLocal: true }])).toThrow(/MQTT 5/);
    expect(() => client.publish({ topic: 'a', payloadHex: '', qos: 0, retain: false, properties: { contentType: 'x' } })).toThrow(/MQTT 5/);
    await client.close();
    expect(() => client.publish({ topic: 'a', payloadHex: '', qos: 0, retain: false })).toThrow('This connection has ended');
  });

  it('repeats a QoS 1 publication without ever passing the broker\'s Receive Maximum, and stops when asked', async () => {
    const topic = unique('live/repeat');
    const { client, packets } = await connected({ clientId: unique('repeater') });
    const connack = decode(fromHex(packets().find((entry) => entry.typeName === 'CONNACK')!.hex)!, { protocolLevel: 5 });
    const quota = Number(propertyValues(findField(connack.fields, FIELD_KEYS.properties))['Receive Maximum'] ?? 65535);
    const progress: RepeatProgress[] = [];
    const repeated = new RepeatedPublication(client, { topic, payloadHex: text('tick'), qos: 1, retain: false }, 300, 0, (report) => progress.push(report));
    repeated.start();
    await until(() => progress.some((report) => report.done), 20_000, 'the repeat to finish');
    expect(progress.at(-1)).toEqual({ connectionId: client.id, sent: 300, count: 300, done: true });
    await until(() => packets().filter((entry) => entry.typeName === 'PUBACK').length === 300, 10_000, 'every PUBACK');
    let open = 0;
    let most = 0;
    for (const entry of packets()) {
      if (entry.dir === 'c2s' && entry.typeName === 'PUBLISH') most = Math.max(most, ++open);
      if (entry.dir === 's2c' && entry.typeName === 'PUBACK') open--;
    }
    expect(most).toBeLessThanOrEqual(quota);

    const slow = new RepeatedPublication(client, { topic, payloadHex: '', qos: 0, retain: false }, 1000, 20, (report) => progress.push(report));
    slow.start();
    await until(() => packets().filter((entry) => entry.typeName === 'PUBLISH').length >= 303, 5000, 'a few repeats');
    slow.stop('Stopped');
    const last = progress.at(-1)!;
    expect(last).toMatchObject({ done: true, stopped: 'Stopped', count: 1000 });
    expect(last.sent).toBeGreaterThanOrEqual(3);
    expect(last.sent).toBeLessThan(1000);
    await client.close();
  }, 40_000);
});

describe('a repeated publication towards a broker that stops reading', () => {
  it('waits at the socket\'s backlog bound instead of holding everything it was asked to send, and goes on when the broker reads again', async () => {
    let brokerSide: net.Socket | undefined;
    const stalled = await startScriptedBroker((socket) => {
      brokerSide = socket;
      socket.write(encodePacket({ type: 'CONNACK', code: 0 }));
      // Stops reading: the kernel's buffers fill, then the client's backlog.
      socket.pause();
    });
    const client = new InspectingClient('stalled', { host: '127.0.0.1', port: stalled.port, protocolVersion: '3.1.1', clientId: 'stalled', clean: true, keepAlive: 0 }, () => {});
    try {
      client.start();
      await until(() => client.accepted, 5000, 'the CONNACK');
      // What the repeat hands the client, and each answer when it asks whether it may send more.
      let sent = 0;
      const answers: boolean[] = [];
      const publish = client.publish.bind(client);
      client.publish = (publication) => (sent++, publish(publication));
      const canPublish = client.canPublish.bind(client);
      client.canPublish = (qos) => {
        const may = canPublish(qos);
        answers.push(may);
        return may;
      };
      const progress: RepeatProgress[] = [];
      const payload = 64 * 1024;
      const count = 400;
      const repeated = new RepeatedPublication(client, { topic: 'stall', payloadHex: '00'.repeat(payload), qos: 0, retain: false }, count, 0, (report) => progress.push(report));
      repeated.start();
      // Until it has been held back twenty times running (the kernel's buffers full, the backlog at
      // its bound of 1 MiB), or, were there no bound, has queued far past it. While the buffers
      // fill, each refusal is followed by a send as soon as the kernel takes the backlog.
      const STALL = 20;
      const tooMuch = 16 * 1024 * 1024;
      const heldBack = () => answers.length >= STALL && !answers.slice(-STALL).includes(true);
      await until(() => heldBack() || sent * payload >= tooMuch, undefined, 'the repeat to be held back');
      const held = sent;
      expect(held * payload).toBeLessThan(tooMuch);
      // Stalled: twenty more chances to send, none taken.
      const asked = answers.length;
      await until(() => answers.length >= asked + STALL || sent > held, undefined, 'twenty more chances');
      expect(sent).toBe(held);
      expect(answers.slice(asked)).not.toContain(true);
      expect(progress.some((report) => report.done)).toBe(false);
      expect(repeated.running).toBe(true);

      // The broker reads again (and drops what it reads): the repeat finishes.
      brokerSide!.resume();
      await until(() => progress.some((report) => report.done), undefined, 'the repeat to finish');
      expect(progress.at(-1)).toEqual({ connectionId: 'stalled', sent: count, count, done: true });
      expect(sent).toBe(count);
    } finally {
      await client.close({ mode: 'abort' });
      await stalled.close();
    }
  }, 60_000);
});

describe('SubscriptionTable', () => {
  const suback = (codes: number[], level: number) => decode(encodePacket({ type: 'SUBACK', packetId: 9, codes, properties: [], protocolLevel: level }), { protocolLevel: level });

  it('says why a broker refused a filter, in the words of the reason code', async () => {
    const table = new SubscriptionTable(5);
    const answered = table.subscribed(9, [{ topic: 'ok', qos: 1 }, { topic: 'secret/#', qos: 1 }]);
    expect(table.acknowledged('SUBACK', suback([1, 0x87], 5), 9)).toBe(true);
    const [granted, refused] = await answered;
    expect(granted).toMatchObject({ ok: true, grantedQos: 1 });
    expect(refused).toMatchObject({ ok: false, code: 0x87 });
    expect(refused.words).toMatch(/^Not authorized/);
    expect(table.list()[1].outcome).toMatchObject({ ok: false, code: 0x87 });
  });

  it('reads a 3.1.1 failure return code, ignores an acknowledgement nobody waits for, and answers what waits when the connection ends', async () => {
    const table = new SubscriptionTable(4);
    const answered = table.subscribed(9, [{ topic: 'a', qos: 2 }]);
    expect(table.acknowledged('SUBACK', suback([0x80], 4), 8)).toBe(false);
    expect(table.acknowledged('SUBACK', suback([0x80], 4), 9)).toBe(true);
    expect(await answered).toEqual([{ topic: 'a', code: 0x80, ok: false, words: 'Refused (return code 0x80)' }]);
    const unanswered = table.unsubscribed(10, ['a']);
    table.close();
    expect(await unanswered).toEqual([{ topic: 'a', ok: false, words: 'The connection ended before the UNSUBACK' }]);
  });
});
