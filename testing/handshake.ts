// One connection by the inspecting client until the broker answered or the connection ended,
// then closed; its session story is what the tests look at.
import type { ConnectOptions } from '../shared/model/connect-options';
import { buildSessionStory, type SessionStory } from '../shared/model/session-story';
import type { RecordedEntry } from '../shared/model/trace';
import { InspectingClient } from '../electron/engine/client/inspecting-client';
import { until } from './wait';

const DEFAULTS: Omit<ConnectOptions, 'port'> = { host: '127.0.0.1', protocolVersion: '3.1.1', clientId: 'test-client', clean: true, keepAlive: 30 };

export async function handshake(options: Partial<ConnectOptions> & { port: number }): Promise<SessionStory> {
  const entries: RecordedEntry[] = [];
  const client = new InspectingClient('test', { ...DEFAULTS, ...options }, (entry) => entries.push(entry));
  client.start();
  await until(() => buildSessionStory('test', entries).connack !== undefined || entries.some((entry) => entry.kind === 'lifecycle' && entry.event.phase === 'closed'), 5000, 'a CONNACK or the end');
  await client.close();
  return buildSessionStory('test', entries);
}
