import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWebHost, type WebHost } from './server';

let web: WebHost;
let dataDir: string;

beforeAll(async () => {
  const staticDir = mkdtempSync(path.join(tmpdir(), 'mqttscope-static-'));
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>MQTT Scope</title>');
  dataDir = mkdtempSync(path.join(tmpdir(), 'mqttscope-data-'));
  web = await startWebHost({ port: 0, staticDir, dataDir, version: '0.0.0-test' });
});
afterAll(() => web.close());

const origin = () => `http://127.0.0.1:${web.port}`;

/** Opens the API socket; resolves with the socket, or with the HTTP status that refused it. */
function openSocket(query: string, headers: Record<string, string>): Promise<WebSocket | number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${web.port}/api${query}`, { headers });
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

  it('serves nothing outside its folder', async () => {
    const response = await fetch(`${origin()}/%2e%2e/%2e%2e/etc/passwd`);
    expect(response.status).toBe(404);
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
    expect(await ask(ws, { id: 1, method: 'app.info', params: {} })).toEqual({ id: 1, result: { version: '0.0.0-test', host: 'web', dataDir, secretsEncrypted: false } });
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
