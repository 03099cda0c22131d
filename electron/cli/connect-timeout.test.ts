// `mqttscope connect` to a port that accepts TCP and then says nothing ends with the client's
// diagnosis of the step that hung, and exit code 1: the built program, a silent loopback port.
import { execFile } from 'node:child_process';
import net from 'node:net';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildCliProgram } from '../../testing/cli-program';

const run = promisify(execFile);
let program: string;

beforeAll(async () => {
  program = await buildCliProgram();
}, 60_000);

const silent: { close(): void }[] = [];
afterEach(() => silent.splice(0).forEach((server) => server.close()));

/** A loopback port that accepts connections and never writes a byte. */
async function silentPort(): Promise<number> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => sockets.add(socket.on('error', () => {})));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  silent.push({ close: () => (sockets.forEach((socket) => socket.destroy()), server.close()) });
  return (server.address() as net.AddressInfo).port;
}

/** The program run to its end; a non-zero exit is a result here, not an error. */
const connect = (args: string[]) =>
  run(process.execPath, [program, 'connect', ...args, '--connack-timeout', '300'], { timeout: 50_000 }).then(
    (result) => ({ code: 0, stdout: result.stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
  );

describe('mqttscope connect to a port that never answers', () => {
  it('mqtts://: failed at TLS, no answer to the ClientHello within the timeout, exit 1', async () => {
    const port = await silentPort();
    const { code, stdout } = await connect([`mqtts://127.0.0.1:${port}`, '--insecure']);
    expect(code).toBe(1);
    expect(stdout).toContain(`Failed at TLS: The TLS handshake did not finish in time.\n  The TCP connection to 127.0.0.1:${port} opened and the TLS ClientHello went out; no answer came within 0.3 s\n`);
  });

  it('ws://: failed at WebSocket, no HTTP answer to the upgrade within the timeout, exit 1 (--json says the same)', async () => {
    const port = await silentPort();
    const text = await connect([`ws://127.0.0.1:${port}`]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(`Failed at WebSocket: The WebSocket upgrade did not finish in time.\n  The upgrade request to ws://127.0.0.1:${port}/mqtt went out; no HTTP answer came within 0.3 s\n`);

    const json = await connect([`ws://127.0.0.1:${port}`, '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout.trim().split('\n').at(-1)!)).toMatchObject({ event: 'result', accepted: false, diagnosis: { layer: 'WebSocket', title: 'The WebSocket upgrade did not finish in time' } });
  });
});
