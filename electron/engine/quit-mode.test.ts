// Closing the app: its connections end with DISCONNECT by default, so no will is published; asked
// to drop them, the sockets just close and the broker publishes each will. Against mosquitto,
// with mosquitto_sub watching the will topic.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUpdate } from '@shared/model/session-view';
import { startMosquitto, type Mosquitto } from '../../testing/mosquitto';
import { until } from '../../testing/wait';
import { Engine } from './engine';

let mosquitto: Mosquitto;
beforeAll(async () => {
  mosquitto = await startMosquitto(mkdtempSync(path.join(tmpdir(), 'mqttscope-quit-')));
}, 30_000);
afterAll(() => mosquitto?.stop());

/** A watcher on the will topic (mqtt.js): subscribed once `ready`; what it got after `ms`. */
function watchWill(topic: string, ms: number): { ready: Promise<void>; seen: Promise<string> } {
  const client = mqtt.connect(`mqtt://127.0.0.1:${mosquitto.port}`, { clientId: `watcher-${topic.replace('/', '-')}`, reconnectPeriod: 0 });
  const messages: string[] = [];
  client.on('message', (_topic, payload) => messages.push(payload.toString()));
  const ready = new Promise<void>((resolve, reject) => client.on('connect', () => client.subscribe(topic, { qos: 1 }, (error) => (error ? reject(error) : resolve()))));
  const seen = ready.then(() => new Promise<string>((resolve) => setTimeout(() => client.end(true, () => resolve(messages.join('\n'))), ms)));
  return { ready, seen };
}

async function closeWith(onQuit: 'disconnect' | 'drop' | undefined, topic: string): Promise<string> {
  const views = new Map<string, SessionUpdate>();
  const engine = new Engine({
    host: 'web',
    version: 'test',
    dataDir: mkdtempSync(path.join(tmpdir(), 'mqttscope-quit-data-')),
    emit: (event, payload) => {
      if (event === 'trace.update') for (const view of (payload as { sessions: SessionUpdate[] }).sessions) views.set(view.id, view);
    },
  });
  if (onQuit) expect(await engine.handle('app.settings', { onQuit })).toEqual({ onQuit });
  const watcher = watchWill(topic, 1500);
  await watcher.ready;
  const { connectionId } = await engine.handle('connection.open', { host: '127.0.0.1', port: mosquitto.port, protocolVersion: '3.1.1', clientId: `quitter-${topic.replace('/', '-')}`, clean: true, keepAlive: 60, will: { topic, payload: 'gone', qos: 1, retain: false } });
  await until(() => views.get(connectionId)?.story.connack !== undefined, 5000, 'the CONNACK');
  await engine.dispose();
  return watcher.seen;
}

describe('closing the app', () => {
  it('ends connections with DISCONNECT by default: no will is published', async () => {
    expect(await closeWith(undefined, 'quit/polite')).toBe('');
  }, 20_000);

  it('drops them when asked: the broker publishes the will', async () => {
    expect(await closeWith('drop', 'quit/dropped')).toBe('gone');
  }, 20_000);
});
