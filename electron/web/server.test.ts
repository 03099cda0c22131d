import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { until } from '../../testing/wait';
import { startWebHost, type WebHost } from './server';

const run = promisify(execFile);

let web: WebHost;
let dataDir: string;
let staticDir: string;

beforeAll(async () => {
  staticDir = mkdtempSync(path.join(tmpdir(), 'mqttscope-static-'));
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>MQTT Scope</title>');
  dataDir = mkdtempSync(path.join(tmpdir(), 'mqttscope-data-'));
  web = await startWebHost({ port: 0, staticDir, dataDir, version: '0.0.0-test' });
});
afterAll(() => web.close());

const origin = () => `http://127.0.0.1:${web.port}`;

/** Opens the API socket; resolves with the socket, or with the HTTP status that refused it. */
function openSocket(query: string, headers: Record<string, string>, port = web.port): Promise<WebSocket | number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/api${query}`, { headers });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.once('error', () => resolve(-1));
  });
}

function ask(socket: WebSocket, message: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    socket.once('message', (data) => resolve(JSON.parse(data.toString())));
    socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  });
}

describe('browser-mode host', () => {
  it('serves the UI on 127.0.0.1 with a strict Content-Security-Policy and no referrer', async () => {
    expect(web.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${web.port}/\\?token=[\\w-]{32}$`));
    const response = await fetch(origin());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it.each([
    '/%2e%2e/SECRET',
    '/..%2fSECRET',
    '/%2e%2e%2fSECRET',
    '/..%5cSECRET',
    '/%252e%252e/SECRET',
    '/%2e%2e/SECRET%00.js',
    '/%c0%ae%c0%ae/SECRET',
    '/./%2e%2e/./SECRET',
    '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/PARENT/SECRET',
  ])('serves nothing outside its folder: %s', async (spelling) => {
    // A served kind of file just outside the UI folder: only the containment check keeps it in.
    const secret = `secret-${path.basename(staticDir)}.js`;
    writeFileSync(path.join(path.dirname(staticDir), secret), 'the secret');
    const target = spelling.replace('SECRET', secret).replace('PARENT', path.dirname(staticDir).slice(1));
    const response = await new Promise<string>((resolve) => {
      // Raw, so the path reaches the server exactly as written.
      const socket = net.connect(web.port, '127.0.0.1', () => socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${web.port}\r\nConnection: close\r\n\r\n`));
      let text = '';
      socket.on('data', (chunk) => (text += chunk));
      socket.on('close', () => resolve(text));
    });
    expect(response).toMatch(/^HTTP\/1\.1 (400|404) /);
    expect(response).not.toContain('the secret');
  });

  it('follows no link out of its folder, serves only regular files, and its refusals carry the security headers', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'mqttscope-outside-'));
    writeFileSync(path.join(outside, 'secret.js'), 'the secret');
    symlinkSync(path.join(outside, 'secret.js'), path.join(staticDir, 'leak.js'));
    mkdirSync(path.join(staticDir, 'folder.js'));
    const leak = await fetch(`${origin()}/leak.js`);
    expect(leak.status).toBe(404);
    expect(await leak.text()).not.toContain('the secret');
    expect(leak.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect((await fetch(`${origin()}/folder.js`)).status).toBe(404);
    const post = await fetch(origin(), { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('x-frame-options')).toBe('DENY');
  });

  it.each([
    ['without a token', '', () => ({ Origin: origin() })],
    ['with a wrong token', '?token=not-the-token', () => ({ Origin: origin() })],
    ['from a foreign origin', 'TOKEN', () => ({ Origin: 'http://evil.example' })],
    ['without an Origin header', 'TOKEN', () => ({})],
    ['through a rebound host name', 'TOKEN', () => ({ Origin: `http://evil.example:${web.port}`, Host: `evil.example:${web.port}` })],
  ])('refuses a WebSocket %s', async (_name, query, headers) => {
    const result = await openSocket(query === 'TOKEN' ? `?token=${web.token}` : query, headers());
    expect(result).toBe(403);
  });

  it('answers contract requests from its own page with the token', async () => {
    const socket = await openSocket(`?token=${web.token}`, { Origin: origin() });
    expect(socket).toBeInstanceOf(WebSocket);
    const ws = socket as WebSocket;
    expect(await ask(ws, { id: 1, method: 'app.info', params: {} })).toEqual({ id: 1, result: { version: '0.0.0-test', host: 'web', dataDir, secretsEncrypted: false, secretsNote: expect.stringMatching(/^No OS keychain here \(browser mode\)/) } });
    ws.close();
  });

  it('refuses bad requests with a readable error and runs nothing', async () => {
    const ws = (await openSocket(`?token=${web.token}`, { Origin: origin() })) as WebSocket;
    expect(await ask(ws, 'not json')).toEqual({ id: -1, error: 'The message is not JSON' });
    expect(await ask(ws, { id: 2, method: 'shell.exec', params: {} })).toEqual({ id: -1, error: 'The message is not a request of the contract' });
    const reply = await ask(ws, { id: 3, method: 'connection.open', params: { host: '127.0.0.1', port: 99999, protocolVersion: '3.1.1', clientId: 'x', clean: true, keepAlive: 60 } });
    expect(reply).toEqual({ id: 3, error: 'Invalid parameters for connection.open: port: Port must be a whole number from 1 to 65535' });
    ws.close();
  });

  it.each([
    ['a page', 'GET http://[ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'],
    ['the API upgrade', 'GET http://[ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n'],
  ])('answers a request for %s whose URL cannot be read with 400, and keeps serving', async (_name, request) => {
    const answer = await new Promise<string>((resolve) => {
      const socket = net.connect(web.port, '127.0.0.1', () => socket.end(request));
      let text = '';
      socket.on('data', (chunk) => (text += chunk));
      socket.on('close', () => resolve(text));
      socket.on('error', () => resolve(text));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect((await fetch(origin())).status).toBe(200);
  });
});

/** One masked WebSocket text frame, as a page sends it (payloads under 126 bytes). */
/** A masked client frame: text (opcode 1) unless another opcode is given (0xa: pong). */
function clientFrame(text: string, opcode = 0x1): Buffer {
  const payload = Buffer.from(text);
  const mask = Buffer.from([1, 2, 3, 4]);
  return Buffer.concat([Buffer.from([0x80 | opcode, 0x80 | payload.length]), mask, Buffer.from(payload.map((byte, index) => byte ^ mask[index % 4]))]);
}

describe('browser-mode host with a page that stops reading', () => {
  it('drops that page’s socket once its backlog passes the bound, and keeps serving', async () => {
    const staticDir = mkdtempSync(path.join(tmpdir(), 'mqttscope-static-'));
    writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html>');
    const host = await startWebHost({ port: 0, staticDir, dataDir: mkdtempSync(path.join(tmpdir(), 'mqttscope-data-')), version: '0.0.0-test', maxBufferedBytes: 1024 * 1024 });
    const pageOrigin = `http://127.0.0.1:${host.port}`;
    try {
      // The slow page: a raw socket that upgrades, starts the local broker, then reads nothing more.
      const slow = net.connect(host.port, '127.0.0.1');
      slow.write(`GET /api?token=${host.token} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nOrigin: ${pageOrigin}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`);
      let received = '';
      slow.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
      await until(() => received.includes('\r\n\r\n'), 5000, 'the upgrade');
      slow.write(clientFrame(JSON.stringify({ id: 1, method: 'broker.start', params: { kind: 'embedded' } })));
      await until(() => /"port":\d+/.test(received), 5000, 'the broker to start');
      const port = Number(/"port":(\d+)/.exec(received)![1]);
      // 20,000 PUBLISHes through the broker, recorded as the broker's session.
      await run('sh', ['-c', `seq 1 20000 | mosquitto_pub -h 127.0.0.1 -p ${port} -t flood -l`]);
      slow.write(clientFrame(JSON.stringify({ id: 2, method: 'sessions.list', params: {} })));
      await until(() => /"sessions":\[\{"id":"[^"]+"/.test(received), 5000, 'the sessions');
      const session = /"sessions":\[\{"id":"([^"]+)"/.exec(received)![1];
      slow.pause();
      let slowClosed = false;
      slow.on('close', () => (slowClosed = true));
      slow.on('error', () => {});
      // Then it asks for pages of rows (about 150 kB each) and reads none of the answers. It goes
      // on writing: a paused socket sees no close, but once the host has dropped it, a write is
      // refused (the host's end answers it with a reset). Unasked-for pongs: the host answers
      // them with nothing, so they add nothing to what waits for the page.
      for (let id = 3; id < 100; id++) slow.write(clientFrame(JSON.stringify({ id, method: 'sessions.rows', params: { id: session, from: 0, count: 1000 } })));
      const probe = setInterval(() => slow.write(clientFrame('', 0xa)), 20);
      try {
        await until(() => slowClosed, 45_000, 'the host to drop the page that stopped reading');
      } finally {
        clearInterval(probe);
      }

      const socket = (await openSocket(`?token=${host.token}`, { Origin: pageOrigin }, host.port)) as WebSocket;
      expect(await ask(socket, { id: 2, method: 'app.info', params: {} })).toMatchObject({ id: 2, result: { host: 'web' } });
      socket.close();
    } finally {
      await host.close();
    }
  }, 90_000);
});
