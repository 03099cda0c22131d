// CONNACK session present = 1 whenever the broker holds a session for the client id, with
// subscriptions or without [MQTT-3.2.2-2], and 0 after a clean session [MQTT-3.2.2-1]: on the
// wire, with and without the journal, and across a restart.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RawClient } from '../../../testing/raw-client';
import { startAedesBroker, type AedesBrokerOptions, type RunningBroker } from './aedes-broker';

const brokers: RunningBroker[] = [];
afterEach(async () => {
  await Promise.all(brokers.splice(0).map((broker) => broker.close()));
});

async function broker(options: AedesBrokerOptions = {}) {
  const running = await startAedesBroker(options);
  brokers.push(running);
  return running;
}

/** Connects with the given clean session flag, and returns the CONNACK's hex. */
async function connack(port: number, clientId: string, clean: boolean): Promise<string> {
  const client = await RawClient.connect(port);
  client.send({ type: 'CONNECT', clientId, clean, keepAlive: 30 });
  const answer = await client.expect('20');
  await client.disconnect();
  return answer;
}

describe.each([
  ['in memory', () => ({})],
  ['with the journal', () => ({ persistDir: mkdtempSync(path.join(tmpdir(), 'mqttscope-sp-')) })],
])('embedded broker %s: session present', (_name, options) => {
  it('is 1 for a session without subscriptions, which Aedes alone answers with 0', async () => {
    const local = await broker(options());
    expect(await connack(local.port, 'bare', false)).toBe('20020000');
    expect(await connack(local.port, 'bare', false)).toBe('20020100');
    expect(await connack(local.port, 'bare', true)).toBe('20020000');
    expect(await connack(local.port, 'bare', false)).toBe('20020000');
  }, 20_000);

  it('is 1 for a session whose subscriptions were all removed', async () => {
    const local = await broker(options());
    const client = await RawClient.connect(local.port);
    client.send({ type: 'CONNECT', clientId: 'emptied', clean: false, keepAlive: 30 }, { type: 'SUBSCRIBE', packetId: 1, subscriptions: [{ topic: 'a/#', qos: 1 }] });
    await client.expect('90');
    client.send({ type: 'UNSUBSCRIBE', packetId: 2, topics: ['a/#'] });
    await client.expect('b0');
    await client.disconnect();
    expect(await connack(local.port, 'emptied', false)).toBe('20020100');
  }, 20_000);
});

describe('embedded broker with the journal: session present across a restart', () => {
  it('is 1 after a restart for a session that had no subscriptions', async () => {
    const persistDir = mkdtempSync(path.join(tmpdir(), 'mqttscope-sp-restart-'));
    const first = await startAedesBroker({ persistDir });
    expect(await connack(first.port, 'kept', false)).toBe('20020000');
    expect(await connack(first.port, 'dropped', false)).toBe('20020000');
    expect(await connack(first.port, 'dropped', true)).toBe('20020000');
    await first.close();
    const second = await broker({ persistDir });
    expect(await connack(second.port, 'kept', false)).toBe('20020100');
    expect(await connack(second.port, 'dropped', false)).toBe('20020000');
  }, 20_000);
});
