// A connection that never sends its CONNECT, closed by the broker after its connect timeout (the
// lab's connect-timeout experiment): the diagnosis says no CONNECT was sent and how long the broker
// waited, from both ends — not that the port may expect TLS or the CONNECT was malformed.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BrokerEvent } from '@shared/model/broker';
import { statusText } from '@shared/model/outcome';
import type { SessionUpdate } from '@shared/model/session-view';
import { until } from '../../testing/wait';
import { Engine } from './engine';

const engines: Engine[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.dispose()));
});

const TIMEOUT_SECONDS = 0.5;

describe('a connection that sends no CONNECT', () => {
  it('is diagnosed as such when the broker closes it after its connect timeout', async () => {
    const views = new Map<string, SessionUpdate>();
    const events: BrokerEvent[] = [];
    const engine = new Engine({
      host: 'web',
      version: 'test',
      dataDir: mkdtempSync(path.join(tmpdir(), 'mqttscope-connect-timeout-')),
      emit: (event, payload) => {
        if (event === 'trace.update') for (const view of (payload as { sessions: SessionUpdate[] }).sessions) views.set(view.id, view);
        if (event === 'broker.event') events.push(payload as BrokerEvent);
      },
    });
    engines.push(engine);
    const broker = await engine.handle('broker.start', { kind: 'embedded', port: 0, connectTimeoutSeconds: TIMEOUT_SECONDS });
    // The CONNECT would go a minute later: the broker closes first.
    const { connectionId } = await engine.handle('connection.open', { host: '127.0.0.1', port: broker.port, protocolVersion: '3.1.1', clientId: 'never-connects', clean: true, keepAlive: 60, plan: { connectDelayMs: 60_000 } });
    await until(() => views.get(connectionId)?.story.end !== undefined, undefined, 'the close');
    await until(() => events.some((event) => event.type === 'connect-timeout'), undefined, 'the broker’s connect-timeout event');
    const timedOut = events.find((event) => event.type === 'connect-timeout') as Extract<BrokerEvent, { type: 'connect-timeout' }>;
    await until(() => views.get(timedOut.connectionId)?.story.end !== undefined, undefined, 'the broker side’s close');

    for (const id of [connectionId, timedOut.connectionId]) {
      const story = views.get(id)!.story;
      expect({ id, connect: story.connect, end: story.end?.by }).toEqual({ id, connect: undefined, end: 'broker' });
      expect(story.diagnosis).toMatchObject({ layer: 'MQTT', title: 'No CONNECT was sent', detail: expect.stringMatching(/^No CONNECT was sent; the broker closed the connection after \d+\.\d s \(its connect timeout\)\.$/) });
      const seconds = Number(/after (\d+\.\d) s/.exec(story.diagnosis!.detail)![1]);
      expect(seconds).toBeGreaterThanOrEqual(TIMEOUT_SECONDS - 0.1);
      expect(`${story.diagnosis!.title} ${story.diagnosis!.detail} ${story.diagnosis!.hint}`).not.toMatch(/TLS|WebSocket|malformed/);
      expect(statusText(story)).toBe('Failed at MQTT');
    }
  }, 30_000);
});
