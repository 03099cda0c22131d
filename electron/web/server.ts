// The browser-mode host: serves the built UI and carries the contract over a WebSocket, on
// 127.0.0.1 by default. Only a page from this server holding this run's token may drive it.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { WEB_API_PATH, type WireMessage } from '@shared/contract';
import { securityHeaders as sharedSecurityHeaders } from '@shared/security-headers';
import { Engine } from '../engine/engine';
import { serveStatic } from './static-files';
import { MAX_BUFFERED_BYTES, MAX_MESSAGE_BYTES } from '../engine/limits';

export interface WebHostOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  staticDir: string;
  dataDir: string;
  version: string;
  /** Fixed only by tests; a new random token each run otherwise. */
  token?: string;
  /** Bytes waiting for one page past which its socket is dropped (tests lower it). */
  maxBufferedBytes?: number;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function securityHeaders(port: number): Record<string, string> {
  return sharedSecurityHeaders([`ws://127.0.0.1:${port}`, `ws://localhost:${port}`]);
}

/** The request's URL, or undefined when it cannot be read (`GET http://[`): never a throw. */
function requestUrl(request: IncomingMessage): URL | undefined {
  try {
    return new URL(request.url ?? '/', 'http://localhost');
  } catch {
    return undefined;
  }
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

function sameSecret(given: string | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(24).toString('base64url');
  const staticDir = path.resolve(options.staticDir);
  const sockets = new Set<WebSocket>();
  const maxBuffered = options.maxBufferedBytes ?? MAX_BUFFERED_BYTES;
  const engine = new Engine({
    host: 'web',
    dataDir: options.dataDir,
    version: options.version,
    emit: (event, payload) => {
      const message = JSON.stringify({ event, payload } satisfies WireMessage);
      for (const socket of sockets) sendOrDrop(socket, message);
    },
  });

  /** A page that stopped reading would make the host hold every batch and answer for it: past
   *  the bound it is dropped instead (a reload reconnects it), and the other pages go on. */
  function sendOrDrop(socket: WebSocket, message: string): void {
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > maxBuffered) {
      sockets.delete(socket);
      socket.terminate();
      return;
    }
    socket.send(message);
  }

  let port = 0;
  const server = createServer((request, response) => {
    const url = requestUrl(request);
    if (!url) {
      response.writeHead(400, securityHeaders(port)).end();
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, securityHeaders(port)).end();
      return;
    }
    void serveStatic(staticDir, url.pathname, response, securityHeaders(port));
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  /**
   * Pages from this server only: the Origin must be the origin the request was sent to, that
   * host must be a loopback name when we listen on loopback (no DNS rebinding), and the
   * request must carry this run's token.
   */
  function allowed(request: IncomingMessage, url: URL): boolean {
    const hostHeader = request.headers.host ?? '';
    const loopbackNames = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
    return (
      url.pathname === WEB_API_PATH &&
      request.headers.origin === `http://${hostHeader}` &&
      (!isLoopback(host) || loopbackNames.includes(hostHeader)) &&
      sameSecret(url.searchParams.get('token'), token)
    );
  }

  server.on('upgrade', (request, socket, head) => {
    socket.on('error', () => socket.destroy());
    const url = requestUrl(request);
    if (!url) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    if (!allowed(request, url)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('error', () => ws.terminate());
      ws.on('message', (data) => void answer(ws, data.toString()));
    });
  });

  async function answer(ws: WebSocket, text: string): Promise<void> {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      sendOrDrop(ws, JSON.stringify({ id: -1, error: 'The message is not JSON' } satisfies WireMessage));
      return;
    }
    sendOrDrop(ws, JSON.stringify(await engine.answer(message)));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${shownHost}:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      await engine.dispose();
      for (const socket of sockets) socket.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
