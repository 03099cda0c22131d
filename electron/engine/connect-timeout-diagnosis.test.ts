// A connection that never sends its CONNECT, closed by the broker after its connect timeout (the
// lab's connect-timeout experiment): the diagnosis says no CONNECT was sent and how long the broker
// waited, from both ends — not that the port may expect TLS or the CONNECT was malformed.
import { describe, expect, it } from 'vitest';
import type { BrokerEvent } from '@shared/model/broker';
import { statusText } from '@shared/model/outcome';
import { testEngines } from '../../testing/test-engine';
import { until } from '../../testing/wait';

const testEngine = testEngines('connect-timeout');

const TIMEOUT_SECONDS = 0.5;

describe('a connection that sends no CONNECT', () => {
  it('is diagnosed as such when the broker closes it after its connect timeout', async () => {
    const { instance: engine, views, events: pushed } = testEngine();
    const brokerEvents = () => pushed.filter(({ event }) => event === 'broker.event').map(({ payload }) => payload as BrokerEvent);
    const broker = await engine.handle('broker.start', { kind: 'embedded', port: 0, connectTimeoutSeconds: TIMEOUT_SECONDS });
    // The CONNECT would go a minute later: the broker closes first.
    const { connectionId } = await engine.handle('connection.open', { host: '127.0.0.1', port: broker.port, protocolVersion: '3.1.1', clientId: 'never-connects', clean: true, keepAlive: 60, plan: { connectDelayMs: 60_000 } });
    await until(() => views.get(connectionId)?.story.end !== undefined, undefined, 'the close');
    await until(() => brokerEvents().some((event) => event.type === 'connect-timeout'), undefined, 'the broker’s connect-timeout event');
    const timedOut = brokerEvents().find((event) => event.type === 'connect-timeout') as Extract<BrokerEvent, { type: 'connect-timeout' }>;
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
