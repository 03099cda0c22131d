// Closing the app: its connections end with DISCONNECT by default, so no will is published; asked
// to drop them, the sockets just close and the broker publishes each will. Against mosquitto,
// with an mqtt.js client watching the will topic.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUpdate } from '@shared/model/session-view';
import type { SessionEnd } from '@shared/model/session-story';
import { startMosquitto, type Mosquitto } from '../../testing/mosquitto';
import { until } from '../../testing/wait';
import { Engine } from './engine';

let mosquitto: Mosquitto;
beforeAll(async () => {
  mosquitto = await startMosquitto(mkdtempSync(path.join(tmpdir(), 'mqttscope-quit-')));
}, 30_000);
afterAll(() => mosquitto?.stop());

/** A watcher on the will topic (mqtt.js), subscribed once `ready`. */
function watchWill(topic: string) {
  const client = mqtt.connect(`mqtt://127.0.0.1:${mosquitto.port}`, { clientId: `watcher-${topic.replace('/', '-')}`, reconnectPeriod: 0 });
  const messages: string[] = [];
  client.on('message', (_topic, payload) => messages.push(payload.toString()));
  const ready = new Promise<void>((resolve, reject) => client.on('connect', () => client.subscribe(topic, { qos: 1 }, (error) => (error ? reject(error) : resolve()))));
  return {
    ready,
    messages,
    /** What came before a marker the watcher publishes on the topic now, in the broker's order. */
    async before(marker: string): Promise<string[]> {
      await client.publishAsync(topic, marker, { qos: 1 });
      await until(() => messages.includes(marker), undefined, 'the marker');
      return messages.slice(0, messages.indexOf(marker));
    },
    end: () => client.endAsync(true),
  };
}

/** Opens a connection with a will, closes the app, and says how the connection ended. */
async function closeWith(onQuit: 'disconnect' | 'drop' | undefined, watcher: ReturnType<typeof watchWill>, topic: string): Promise<SessionEnd | undefined> {
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
  await watcher.ready;
  const { connectionId } = await engine.handle('connection.open', { host: '127.0.0.1', port: mosquitto.port, protocolVersion: '3.1.1', clientId: `quitter-${topic.replace('/', '-')}`, clean: true, keepAlive: 60, will: { topic, payload: 'gone', qos: 1, retain: false } });
  await until(() => views.get(connectionId)?.story.connack !== undefined, 5000, 'the CONNACK');
  await engine.dispose();
  return views.get(connectionId)?.story.end;
}

describe('closing the app', () => {
  it('ends connections with DISCONNECT by default: no will is published', async () => {
    const watcher = watchWill('quit/polite');
    try {
      expect(await closeWith(undefined, watcher, 'quit/polite')).toMatchObject({ disconnectSent: true });
      // The broker closed the connection after its DISCONNECT (or the app gave up waiting): a
      // marker published now comes after any will it would have published.
      expect(await watcher.before('marker')).toEqual([]);
    } finally {
      await watcher.end();
    }
  }, 20_000);

  it('drops them when asked: the broker publishes the will', async () => {
    const watcher = watchWill('quit/dropped');
    try {
      expect(await closeWith('drop', watcher, 'quit/dropped')).toMatchObject({ disconnectSent: false });
      await until(() => watcher.messages.length > 0, undefined, 'the will');
      expect(await watcher.before('marker')).toEqual(['gone']);
    } finally {
      await watcher.end();
    }
  }, 20_000);
});
