// MQTT over TLS against mosquitto with a certificate made for the test: verified, unverified,
// and refused, each with the broker's certificate in the trace.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectOptions } from '@shared/model/connect-options';
import { makeCertificates, type TestCertificates } from '../../../testing/certificates';
import { handshake as connectOnce } from '../../../testing/handshake';
import { startMosquitto, type Mosquitto } from '../../../testing/mosquitto';

let broker: Mosquitto;
let certificates: TestCertificates;
beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mqttscope-tls-'));
  certificates = makeCertificates(dir, ['DNS:localhost']);
  broker = await startMosquitto(dir, [], { tls: certificates });
});
afterAll(() => broker?.stop());

const handshake = (overrides: Partial<ConnectOptions>) => connectOnce({ host: 'localhost', port: broker.port, clientId: 'tls-test', ...overrides });

describe('MQTT over TLS (mosquitto)', () => {
  it('verifies the broker against the CA and shows the chain', async () => {
    const story = await handshake({ tls: { caPem: certificates.caPem } });
    expect(story.connack?.accepted).toBe(true);
    expect(story.phases.map((phase) => phase.name)).toEqual(['DNS lookup', 'TCP connect', 'TLS handshake', 'CONNECT → CONNACK']);
    expect(story.tls).toMatchObject({ authorized: true, protocol: expect.stringMatching(/^TLSv1\.[23]$/) });
    expect(story.tls!.chain[0]).toMatchObject({ subject: 'CN=localhost', issuer: 'CN=MQTT Scope Test CA', subjectAltNames: 'DNS:localhost' });
    expect(story.tls!.chain[0].fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it('connects without verification when asked, and still says the chain was not trusted', async () => {
    const story = await handshake({ tls: { verify: false } });
    expect(story.connack?.accepted).toBe(true);
    expect(story.tls).toMatchObject({ authorized: false, authorizationError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
  });

  it('refuses an unknown CA, a TLS-layer diagnosis', async () => {
    const story = await handshake({ tls: {} });
    expect(story.connack).toBeUndefined();
    expect(story.diagnosis).toMatchObject({ layer: 'TLS', title: 'The broker’s certificate could not be verified' });
  });

  it('diagnoses a host name the certificate does not name, with the certificate shown', async () => {
    const story = await handshake({ host: '127.0.0.1', tls: { caPem: certificates.caPem } });
    expect(story.connack).toBeUndefined();
    expect(story.diagnosis).toMatchObject({ layer: 'TLS', title: 'The certificate is for another host name' });
    expect(story.diagnosis!.detail).toBe('The broker\'s certificate was not accepted (ERR_TLS_CERT_ALTNAME_INVALID): it names DNS:localhost; the connection asked for 127.0.0.1');
    expect(story.tls!.chain[0].subjectAltNames).toBe('DNS:localhost');
  });

  it('a plain connection to the TLS port is reset, and the hint says TLS', async () => {
    const story = await handshake({});
    expect(story.connack).toBeUndefined();
    expect(story.diagnosis).toMatchObject({ layer: 'TCP', title: 'The connection was reset' });
    expect(story.diagnosis!.hint).toMatch(/TLS/);
  });
});
