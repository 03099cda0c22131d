// MQTT over WebSocket against Aedes served by `ws` (Debian's mosquitto has no working
// WebSocket listener): the upgrade in the trace, a refused path diagnosed, and wss://.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectOptions } from '@shared/model/connect-options';
import { buildSessionStory, type SessionStory } from '@shared/model/session-story';
import type { TraceEntry } from '@shared/model/trace';
import { makeCertificates, type TestCertificates } from '../../../testing/certificates';
import { startAedesBroker, type RunningBroker } from '../broker/aedes-broker';
import { InspectingClient } from './inspecting-client';

let plain: RunningBroker;
let secure: RunningBroker;
let certificates: TestCertificates;
beforeAll(async () => {
  certificates = makeCertificates(mkdtempSync(path.join(tmpdir(), 'mqttscope-wss-')), ['DNS:localhost']);
  [plain, secure] = await Promise.all([
    startAedesBroker({ websocket: { path: '/mqtt' } }),
    startAedesBroker({ websocket: { path: '/mqtt', tls: { certPem: readFileSync(certificates.certFile, 'utf8'), keyPem: readFileSync(certificates.keyFile, 'utf8') } } }),
  ]);
});
afterAll(() => Promise.all([plain?.close(), secure?.close()]));

async function handshake(overrides: Partial<ConnectOptions>): Promise<SessionStory> {
  const entries: TraceEntry[] = [];
  const client = new InspectingClient('w', { host: '127.0.0.1', port: plain.websocketPort!, protocolVersion: '3.1.1', clientId: 'ws-test', clean: true, keepAlive: 30, websocket: { path: '/mqtt' }, ...overrides }, (entry) => entries.push(entry));
  client.start();
  const deadline = Date.now() + 5000;
  while (!buildSessionStory('w', entries).connack && !entries.some((entry) => entry.kind === 'lifecycle' && entry.event.phase === 'closed')) {
    if (Date.now() > deadline) throw new Error('no CONNACK and no close');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await client.close();
  return buildSessionStory('w', entries);
}

describe('MQTT over WebSocket (Aedes behind ws)', () => {
  it('upgrades, then carries the handshake in binary messages', async () => {
    const story = await handshake({});
    expect(story.phases.map((phase) => phase.name)).toEqual(['DNS lookup', 'TCP connect', 'WebSocket upgrade', 'CONNECT → CONNACK']);
    expect(story.connack).toMatchObject({ accepted: true, code: 0 });
    expect(story.end).toMatchObject({ by: 'client', afterPacket: 'DISCONNECT (client → broker)' });
  });

  it('diagnoses a refused upgrade on a wrong path at the WebSocket layer', async () => {
    const story = await handshake({ websocket: { path: '/not-mqtt' } });
    expect(story.connack).toBeUndefined();
    expect(story.diagnosis).toMatchObject({ layer: 'WebSocket', title: 'The WebSocket upgrade was refused' });
    expect(story.diagnosis!.detail).toMatch(/HTTP 400/);
  });

  it('wss:// goes through TLS first, then the upgrade', async () => {
    const story = await handshake({ host: 'localhost', port: secure.websocketPort!, tls: { caPem: certificates.caPem } });
    expect(story.phases.map((phase) => phase.name)).toEqual(['DNS lookup', 'TCP connect', 'TLS handshake', 'WebSocket upgrade', 'CONNECT → CONNACK']);
    expect(story.tls?.authorized).toBe(true);
    expect(story.connack?.accepted).toBe(true);
  });
});
