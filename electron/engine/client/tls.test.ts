// MQTT over TLS against mosquitto with a certificate made for the test: verified, unverified,
// and refused, each with the broker's certificate in the trace; and TLS and plain MQTT each sent
// to the other's port, with what came back named.
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectOptions } from '@shared/model/connect-options';
import { makeCertificates, type TestCertificates } from '../../../testing/certificates';
import { handshake as connectOnce } from '../../../testing/handshake';
import { startMosquitto, type Mosquitto } from '../../../testing/mosquitto';

let broker: Mosquitto;
let plainBroker: Mosquitto;
let certificates: TestCertificates;
beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mqttscope-tls-'));
  certificates = makeCertificates(dir, ['DNS:localhost']);
  broker = await startMosquitto(dir, [], { tls: certificates });
  plainBroker = await startMosquitto(mkdtempSync(path.join(tmpdir(), 'mqttscope-plain-')));
});
afterAll(() => Promise.all([broker?.stop(), plainBroker?.stop()]));

/** A listener on loopback that does `answer` to the first bytes it reads. */
async function listener(answer: (socket: net.Socket) => void): Promise<{ port: number; close: () => void }> {
  const server = net.createServer((socket) => socket.once('data', () => answer(socket)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as net.AddressInfo).port, close: () => server.close() };
}

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

  it('a plain CONNECT to the TLS port is reset with the CONNECT unread: this port probably expects TLS, at the MQTT layer', async () => {
    const story = await handshake({});
    expect(story.connack).toBeUndefined();
    expect(story.phases.map((phase) => phase.name)).toEqual(['DNS lookup', 'TCP connect']);
    expect(story.diagnosis).toMatchObject({ layer: 'MQTT', title: 'This port probably expects TLS', hint: expect.stringMatching(/^Try mqtts:\/\//) });
    expect(story.diagnosis!.detail).toMatch(/^It reset the connection \(RST\) \d+ ms after the CONNECT without a byte back/);
  });
});

describe('TLS to a plain MQTT port', () => {
  it('mosquitto resets the ClientHello: failed at TLS, this port does not answer TLS; try mqtt://', async () => {
    const story = await connectOnce({ host: '127.0.0.1', port: plainBroker.port, clientId: 'tls-to-plain', tls: { caPem: certificates.caPem } });
    expect(story.connack).toBeUndefined();
    expect(story.phases.map((phase) => phase.name)).toEqual(['DNS lookup', 'TCP connect']);
    expect(story.diagnosis).toEqual({
      layer: 'TLS',
      title: 'This port does not answer TLS',
      detail: `The TCP connection to 127.0.0.1:${plainBroker.port} opened and the TLS ClientHello went out; a reset (RST) came back, not a ServerHello`,
      hint: expect.stringMatching(/^Try mqtt:\/\//),
    });
  });

  it.each([
    ['closes', (socket: net.Socket) => socket.end(), 'a close (FIN) without a byte of TLS'],
    // A TLS record header and three bytes of its 64: OpenSSL waits for the rest, and the close ends it.
    ['sends a part of a TLS record and closes', (socket: net.Socket) => socket.end(Buffer.from('1603030040010203', 'hex')), '8 bytes then a close (FIN)'],
    ['answers bytes that are not TLS', (socket: net.Socket) => socket.write(Buffer.from('2002000020020000', 'hex')), 'bytes that are not TLS (OpenSSL: wrong version number)'],
  ])('a port that %s to the ClientHello: says what came back', async (_name, answer, cameBack) => {
    const port = await listener(answer);
    try {
      const story = await connectOnce({ host: '127.0.0.1', port: port.port, clientId: 'tls-to-plain', tls: { verify: false } });
      expect(story.diagnosis).toMatchObject({ layer: 'TLS', title: 'This port does not answer TLS', detail: expect.stringContaining(`; ${cameBack} came back, not a ServerHello`) });
    } finally {
      port.close();
    }
  });
});

describe('plain MQTT to a port that answers in TLS', () => {
  it('a TLS alert to the CONNECT (as a Java TLS stack sends): this port expects TLS, with the bytes that came back', async () => {
    const alert = Buffer.from('15030300020246', 'hex');
    const port = await listener((socket) => socket.end(alert));
    try {
      const story = await connectOnce({ host: '127.0.0.1', port: port.port, clientId: 'plain-to-tls' });
      expect(story.diagnosis).toEqual({
        layer: 'MQTT',
        title: 'This port expects TLS',
        detail: 'It answered the CONNECT with a TLS alert (fatal: protocol version) (15 03 03 00 02 02 46), not a CONNACK.',
        hint: expect.stringMatching(/^Try mqtts:\/\//),
      });
    } finally {
      port.close();
    }
  });
});
