// The engine capturing on the loopback while mosquitto's own clients talk to mosquitto: their
// connections become live sessions of origin "capture", as the app's own would.
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaptureStatus } from '@shared/model/live-capture';
import { makeCertificates } from '../../../testing/certificates';
import { tls12OnlyEnv } from '../../../testing/tls12-client';
import { startMosquitto, type Mosquitto } from '../../../testing/mosquitto';
import { testEngines } from '../../../testing/test-engine';
import { until } from '../../../testing/wait';

const run = promisify(execFile);
const engines = testEngines('capture');
let mosquitto: Mosquitto;

beforeAll(async () => {
  mosquitto = await startMosquitto(mkdtempSync(path.join(tmpdir(), 'mqttscope-capture-feature-')));
}, 60_000);
afterAll(() => mosquitto?.stop());

describe('capture from a network interface', () => {
  it('lists the interfaces, the loopback chosen first', async () => {
    const { instance } = engines();
    const { interfaces, defaultInterface, defaultFilter } = await instance.handle('capture.interfaces', {});
    expect(interfaces.map((found) => found.name)).toContain('lo');
    expect(defaultInterface).toBe('lo');
    expect(defaultFilter).toBe('tcp port 1883 or tcp port 8883 or tcp port 1884');
  });

  it('records each MQTT connection it sees as a live session with its story and end, and counts what it read', async () => {
    const { instance, views, events } = engines();
    const started = await instance.handle('capture.start', { interface: 'lo', filter: `tcp port ${mosquitto.port}` });
    expect(started).toMatchObject({ running: true, interface: 'lo', packets: 0 });
    await expect(instance.handle('capture.start', { interface: 'lo', filter: 'tcp' })).rejects.toThrow(/^A capture is already running on lo; stop it first/);

    await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(mosquitto.port), '-t', 'plant/line1', '-m', 'on', '-i', 'line-controller', '-q', '1']);
    await until(() => [...views.values()].some((view) => view.story.origin === 'capture' && view.story.end !== undefined), 'the publisher’s session to end');
    const session = [...views.values()].find((view) => view.story.origin === 'capture')!;
    expect(session.story.connect).toMatchObject({ clientId: 'line-controller' });
    expect(session.story.connack).toMatchObject({ accepted: true });
    expect(session.story.flows.map((flow) => [flow.kind, flow.complete])).toEqual([['PUBLISH QoS 1', true]]);
    expect(session.story.end).toMatchObject({ by: 'client', disconnectSent: true });
    expect(session.story.phases.map((phase) => phase.name)).toEqual(['TCP connect', 'CONNECT → CONNACK']);

    const { stopped, status } = await instance.handle('capture.stop', {});
    expect(stopped).toBe(true);
    expect(status).toMatchObject({ running: false, connections: 1, dropped: 0 });
    expect(status!.packets).toBeGreaterThanOrEqual(10);
    expect(status!.error).toBeUndefined();
    const pushed = events.filter((event) => event.event === 'capture.status').map((event) => event.payload as CaptureStatus);
    expect(pushed.at(-1)).toEqual(status);
  });

  it('shows a TLS connection as its handshake — SNI, versions, cipher, the chain — and a client that does not trust the CA by its alert', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mqttscope-capture-tls-'));
    const certificates = makeCertificates(dir);
    const otherCa = makeCertificates(mkdtempSync(path.join(tmpdir(), 'mqttscope-capture-other-ca-')));
    const secure = await startMosquitto(path.join(dir, 'broker'), [], { tls: { certFile: certificates.certFile, keyFile: certificates.keyFile } });
    try {
      const { instance, views } = engines();
      await instance.handle('capture.start', { interface: 'lo', filter: `tcp port ${secure.port}` });
      // A device that speaks TLS 1.2 at most: the chain and the alerts are in cleartext then.
      const env = tls12OnlyEnv(dir);
      const subscribe = (caFile: string, clientId: string) => run('mosquitto_sub', ['-h', 'localhost', '-p', String(secure.port), '--cafile', caFile, '-i', clientId, '-t', 'tls/#', '-E'], { env }).catch((error: Error) => error);
      await subscribe(certificates.caFile, 'trusting');
      await subscribe(otherCa.caFile, 'distrusting');
      const tlsViews = () => [...views.values()].filter((view) => view.story.origin === 'capture' && view.story.end && view.story.tls);
      await until(() => tlsViews().length === 2, 'both TLS connections to end with their handshakes');
      const [trusted, refused] = tlsViews().sort((a, b) => a.startTime - b.startTime).map((view) => view.story);

      expect(trusted.tls).toMatchObject({ protocol: 'TLS 1.2', authorized: true, passive: { serverName: 'localhost', handshakeComplete: true, alerts: [] } });
      expect(trusted.tls!.passive!.offeredVersions).toContain('TLS 1.2');
      expect(trusted.tls!.cipher).toMatch(/^TLS_/);
      expect(trusted.tls!.chain.map((certificate) => certificate.subject)).toEqual(['CN=localhost']);
      expect(trusted.tls!.chain[0]).toMatchObject({ issuer: 'CN=MQTT Scope Test CA', validTo: new X509Certificate(readFileSync(certificates.certFile)).validTo });
      // mosquitto_sub ends a TLS connection with a FIN or, as often, a reset: what the wire shows.
      if (trusted.end?.error) expect(trusted.diagnosis).toMatchObject({ layer: 'TCP', title: 'The connection ended in an error after its TLS handshake', detail: trusted.end.error.message });
      else expect(trusted.diagnosis).toBeUndefined();
      expect(trusted.phases.map((phase) => phase.name)).toEqual(['TCP connect', 'TLS handshake']);

      expect(refused.tls).toMatchObject({ authorized: false, passive: { alerts: [{ from: 'client', level: 'fatal', description: 'unknown_ca' }] } });
      expect(refused.diagnosis).toMatchObject({ layer: 'TLS', title: 'The client does not trust the CA that signed the broker’s certificate' });
      await instance.handle('capture.stop', {});
    } finally {
      await secure.stop();
    }
  });

  it('a device that cannot reach its broker (nothing listens on the port the filter names) is a session that says so', async () => {
    const { instance, views } = engines();
    const vacant = await freePort();
    await instance.handle('capture.start', { interface: 'lo', filter: `tcp port ${vacant}` });
    const failed = await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(vacant), '-t', 'plant/line1', '-m', 'on']).catch((error: Error) => error);
    expect(failed).toBeInstanceOf(Error);
    await until(() => [...views.values()].some((view) => view.story.origin === 'capture' && view.story.end !== undefined), 'the refused connection’s session');
    const refused = [...views.values()].find((view) => view.story.origin === 'capture')!.story;
    expect(refused.end).toMatchObject({ by: 'error', error: { code: 'ECONNREFUSED', message: `127.0.0.1:${vacant} refused the TCP connection: a reset (RST) answered its SYN` } });
    expect(refused.diagnosis).toMatchObject({ layer: 'TCP', title: 'Nothing is listening on that port' });
    await instance.handle('capture.stop', {});
  });

  it('says in words when it cannot capture, and nothing stays running', async () => {
    const { instance } = engines();
    await expect(instance.handle('capture.start', { interface: 'no-such-interface0', filter: 'tcp' })).rejects.toThrow(/^The interface is not there \(any more\): choose another/);
    // dumpcap's own name is not said twice.
    await expect(instance.handle('capture.start', { interface: 'lo', filter: 'this is not a filter' })).rejects.toThrow(/^dumpcap could not capture: (?!dumpcap:).*(syntax error|filter)/i);
    expect(await instance.handle('capture.status', {})).toEqual({});
  });
});

/** A loopback port nothing listens on (one the system just gave and took back). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
