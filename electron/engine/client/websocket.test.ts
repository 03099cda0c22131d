// MQTT over WebSocket against Aedes served by `ws` (Debian's mosquitto has no working
// WebSocket listener): the upgrade in the trace, a refused path diagnosed, and wss://.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectOptions } from '@shared/model/connect-options';
import { makeCertificates, type TestCertificates } from '../../../testing/certificates';
import { handshake as connectOnce } from '../../../testing/handshake';
import { startAedesBroker, type RunningBroker } from '../broker/aedes-broker';

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

const handshake = (overrides: Partial<ConnectOptions>) =>
  connectOnce({ port: plain.websocketPort!, clientId: 'ws-test', websocket: { path: '/mqtt' }, ...overrides });

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
