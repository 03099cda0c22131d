// A port that accepts TCP and then says nothing: the connection's timeout bounds the TLS
// handshake and the WebSocket upgrade as it bounds the CONNACK, and the failure is named at the
// step that hung. Real loopback sockets; each test waits for the client's end, never for time.
import { mkdtempSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectOptions } from '@shared/model/connect-options';
import { buildSessionStory, type SessionStory } from '@shared/model/session-story';
import { toTraceEntry, type RecordedEntry, type TraceEntry } from '@shared/model/trace';
import { makeCertificates } from '../../../testing/certificates';
import { InspectingClient } from './inspecting-client';

const TIMEOUT_MS = 300;

let serverTls: { cert: string; key: string };
beforeAll(() => {
  const certificates = makeCertificates(mkdtempSync(path.join(tmpdir(), 'mqttscope-step-timeouts-')));
  serverTls = { cert: readFileSync(certificates.certFile, 'utf8'), key: readFileSync(certificates.keyFile, 'utf8') };
});

const servers: { close(): void }[] = [];
afterEach(() => servers.splice(0).forEach((server) => server.close()));

/** Listens on loopback; each connection (TCP, or TLS once its handshake is done) gets `onSocket`, which may stay silent. */
async function listen(server: net.Server, onSocket: (socket: net.Socket) => void = () => {}): Promise<number> {
  const sockets = new Set<net.Socket>();
  server.on(server instanceof tls.Server ? 'secureConnection' : 'connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    onSocket(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push({ close: () => (sockets.forEach((socket) => socket.destroy()), server.close()) });
  return (server.address() as net.AddressInfo).port;
}

async function connectUntilEnd(port: number, overrides: Partial<ConnectOptions>, onEntry: (entry: RecordedEntry) => void = () => {}): Promise<SessionStory> {
  const entries: TraceEntry[] = [];
  const options: ConnectOptions = { host: '127.0.0.1', port, protocolVersion: '3.1.1', clientId: 'silent', clean: true, keepAlive: 30, plan: { stepTimeoutMs: TIMEOUT_MS }, ...overrides };
  const client = new InspectingClient('silent', options, (entry) => {
    entries.push(toTraceEntry(entry));
    onEntry(entry);
  });
  client.start();
  await client.closed;
  return buildSessionStory('silent', entries);
}

const phaseNames = (story: SessionStory) => story.phases.map((phase) => phase.name);

// First in the file: what ran before changes which of the loop's phases the hold falls in.
describe('a process too busy to read its sockets in time', () => {
  it('a TCP connection made while the event loop was held past the step timeout is not called late: the step that hung is the CONNACK', async () => {
    const port = await listen(net.createServer());
    // Once the DNS step is told, the TCP connect goes out in this turn; the check phase after it
    // holds the loop past the timeout while the kernel completes the handshake, so the timer and
    // the connection's completion are both due when the loop comes back (a busy machine does this).
    const holdPastTimeout = () => {
      const until = performance.now() + TIMEOUT_MS * 2;
      while (performance.now() < until);
    };
    const story = await connectUntilEnd(port, {}, (entry) => entry.kind === 'lifecycle' && entry.event.phase === 'dns' && setImmediate(holdPastTimeout));
    expect(phaseNames(story)).toEqual(['DNS lookup', 'TCP connect']);
    expect(story.diagnosis).toMatchObject({ layer: 'MQTT' });
    expect(story.end).toMatchObject({ by: 'error', error: { code: expect.not.stringMatching(/^ETIMEDOUT$/) } });
  });
});

describe('a TLS handshake that never finishes', () => {
  it('mqtts:// to a port that accepts TCP and never answers the ClientHello: failed at TLS, no answer within the timeout', async () => {
    const port = await listen(net.createServer());
    const story = await connectUntilEnd(port, { tls: { verify: false } });
    expect(phaseNames(story)).toEqual(['DNS lookup', 'TCP connect']);
    expect(story.end).toMatchObject({ by: 'error', error: { code: 'ERR_TLS_TIMEOUT' } });
    expect(story.diagnosis).toEqual({
      layer: 'TLS',
      title: 'The TLS handshake did not finish in time',
      detail: `The TCP connection to 127.0.0.1:${port} opened and the TLS ClientHello went out; no answer came within 0.3 s`,
      hint: expect.stringMatching(/accepts TCP/),
    });
  });

  it('a port that answers the start of a TLS record and then nothing: says how much came back', async () => {
    const port = await listen(net.createServer(), (socket) => socket.once('data', () => socket.write(Buffer.from('16030300', 'hex'))));
    const story = await connectUntilEnd(port, { tls: { verify: false } });
    expect(story.diagnosis).toMatchObject({
      layer: 'TLS',
      title: 'The TLS handshake did not finish in time',
      detail: `The TCP connection to 127.0.0.1:${port} opened and the TLS ClientHello went out; 4 bytes came back and the handshake was not done within 0.3 s`,
    });
  });
});

describe('a WebSocket upgrade that never gets its HTTP answer', () => {
  it('ws:// to a port that accepts TCP and never answers the upgrade: failed at WebSocket', async () => {
    const port = await listen(net.createServer());
    const story = await connectUntilEnd(port, { websocket: { path: '/mqtt' } });
    expect(phaseNames(story)).toEqual(['DNS lookup', 'TCP connect']);
    expect(story.end).toMatchObject({ by: 'error', error: { code: 'ERR_WS_UPGRADE_TIMEOUT' } });
    expect(story.diagnosis).toEqual({
      layer: 'WebSocket',
      title: 'The WebSocket upgrade did not finish in time',
      detail: `The upgrade request to ws://127.0.0.1:${port}/mqtt went out; no HTTP answer came within 0.3 s`,
      hint: expect.stringMatching(/path/),
    });
  });

  it('wss:// whose TLS comes up and whose upgrade is never answered: TLS in the timeline, failed at WebSocket', async () => {
    const port = await listen(tls.createServer(serverTls));
    const story = await connectUntilEnd(port, { tls: { verify: false }, websocket: { path: '/mqtt' } });
    expect(phaseNames(story)).toEqual(['DNS lookup', 'TCP connect', 'TLS handshake']);
    expect(story.diagnosis).toMatchObject({
      layer: 'WebSocket',
      title: 'The WebSocket upgrade did not finish in time',
      detail: `The upgrade request to wss://127.0.0.1:${port}/mqtt went out; no HTTP answer came within 0.3 s`,
    });
  });
});
