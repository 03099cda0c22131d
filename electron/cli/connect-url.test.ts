// `mqttscope connect` reads its URL with the form's reader: tcp:// is plain MQTT, ws:// without a
// path asks for /mqtt. The built program against real brokers.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { startAedesBroker } from '../engine/broker/aedes-broker';
import { startMosquitto } from '../../testing/mosquitto';
import { parseConnectCommand } from './connect-options';
import { buildCliProgram } from '../../testing/cli-program';

const run = promisify(execFile);
let program: string;

beforeAll(async () => {
  program = await buildCliProgram();
}, 60_000);

describe('mqttscope connect reads URLs as the form does', () => {
  it('reads every scheme the form reads, and ?clientId=', () => {
    expect(parseConnectCommand(['tcp://h:1999']).options).toMatchObject({ host: 'h', port: 1999 });
    expect(parseConnectCommand(['tcp://h']).options.tls).toBeUndefined();
    expect(parseConnectCommand(['ssl://h']).options).toMatchObject({ port: 8883, tls: { verify: true } });
    expect(parseConnectCommand(['tls://h:8884']).options).toMatchObject({ port: 8884, tls: { verify: true } });
    expect(parseConnectCommand(['ws://h:9001']).options).toMatchObject({ port: 9001, websocket: { path: '/mqtt' } });
    expect(parseConnectCommand(['ws://[::1]:9001/']).options).toMatchObject({ host: '::1', websocket: { path: '/mqtt' } });
    expect(parseConnectCommand(['wss://h/ws?clientId=dev-9']).options).toMatchObject({ clientId: 'dev-9', websocket: { path: '/ws' }, tls: {} });
    expect(parseConnectCommand(['mqtt://h?clientId=dev-9', '--client-id', 'flag-wins']).options.clientId).toBe('flag-wins');
  });

  it('connects with tcp:// to a real broker', async () => {
    const broker = await startMosquitto(mkdtempSync(path.join(tmpdir(), 'mqttscope-cli-tcp-')));
    try {
      const { stdout } = await run(process.execPath, [program, 'connect', `tcp://127.0.0.1:${broker.port}`, '--client-id', 'cli-tcp'], { timeout: 30_000 });
      expect(stdout).toMatch(/→\s+CONNECT MQTT v3\.1\.1 \(4\) client id "cli-tcp"/);
      expect(stdout).toMatch(/Accepted: session present 0\.\n$/);
    } finally {
      await broker.stop();
    }
  }, 60_000);

  it('asks for /mqtt over ws:// without a path: the embedded broker serves it there and accepts', async () => {
    const broker = await startAedesBroker({ websocket: { port: 0 } });
    try {
      const { stdout } = await run(process.execPath, [program, 'connect', `ws://127.0.0.1:${broker.websocketPort}`, '--client-id', 'cli-ws'], { timeout: 30_000 });
      expect(stdout).toMatch(/Accepted: session present 0\.\n$/);
    } finally {
      await broker.close();
    }
  }, 60_000);

  it('the path of the WebSocket upgrade request is /mqtt (a raw HTTP listener records it)', async () => {
    const paths: string[] = [];
    const server = createServer((request, response) => {
      paths.push(request.url ?? '');
      response.writeHead(404).end();
    });
    server.on('upgrade', (request, socket) => {
      paths.push(request.url ?? '');
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as { port: number }).port;
      const result = await run(process.execPath, [program, 'connect', `ws://127.0.0.1:${port}`], { timeout: 30_000 }).catch((error) => error);
      expect(result.code).toBe(1);
      expect(paths).toEqual(['/mqtt']);
    } finally {
      server.close();
    }
  }, 60_000);
});
