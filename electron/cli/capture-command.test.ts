// `mqttscope capture` as a person runs it: the built program capturing on the loopback with
// dumpcap while mosquitto_sub and mosquitto_pub talk to mosquitto — none of them through this app.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildCliProgram } from '../../testing/cli-program';
import { startMosquitto, type Mosquitto } from '../../testing/mosquitto';
import { until } from '../../testing/wait';

const run = promisify(execFile);
let program: string;
let mosquitto: Mosquitto;

beforeAll(async () => {
  program = await buildCliProgram();
  mosquitto = await startMosquitto(mkdtempSync(path.join(tmpdir(), 'mqttscope-capture-')));
}, 60_000);
afterAll(() => mosquitto?.stop());
/** Every capture a test started ends with it, passed or failed. */
const started: ChildProcess[] = [];
afterEach(() => {
  for (const child of started.splice(0)) child.kill('SIGKILL');
});

/** `mqttscope capture …` running: what it printed so far (JSON lines), and a Ctrl-C. */
function startCapture(args: string[]) {
  const child = spawn(process.execPath, [program, 'capture', ...args]);
  started.push(child);
  let output = '';
  let errors = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (errors += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const events = () =>
    output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown> & { event: string });
  return { events, errors: () => errors, exited, stop: () => child.kill('SIGINT') };
}

describe('mqttscope capture', () => {
  it('shows connections it did not make, live: mosquitto_sub and mosquitto_pub with their CONNECT, CONNACK, traffic and end', async () => {
    const capture = startCapture(['-i', 'lo', '-f', `tcp port ${mosquitto.port}`, '--json']);
    await until(() => capture.events().some((event) => event.event === 'capturing'), `the capture to start (${capture.errors()})`);
    const subscriber = spawn('mosquitto_sub', ['-h', '127.0.0.1', '-p', String(mosquitto.port), '-t', 'sensors/#', '-i', 'the-subscriber', '-C', '1', '-q', '1']);
    started.push(subscriber);
    const received = new Promise<void>((resolve) => subscriber.on('exit', () => resolve()));
    // Once the capture has seen the SUBACK the message cannot come before the subscription.
    await until(() => capture.events().some((event) => (event.packet as { typeName?: string } | undefined)?.typeName === 'SUBACK'), 'the subscription');
    await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(mosquitto.port), '-t', 'sensors/t1', '-m', '21.5', '-q', '1', '-i', 'the-publisher']);
    await received;
    const packetsOf = (clientId: string) => {
      const connect = capture.events().find((event) => (event.packet as { fields?: unknown } | undefined) && JSON.stringify(event.packet).includes(`"${clientId}"`));
      const connection = connect?.connection;
      return capture.events().filter((event) => event.connection === connection);
    };
    await until(() => ['the-subscriber', 'the-publisher'].every((id) => packetsOf(id).some((event) => event.event === 'lifecycle' && event.phase === 'closed')), 'both connections to end');
    const said = (clientId: string) => packetsOf(clientId).map((event) => (event.event === 'packet' ? `${event.dir} ${(event.packet as { typeName: string }).typeName}` : `${event.phase}${event.by ? ` by ${event.by}` : ''}`));
    expect(said('the-subscriber')).toEqual(['accepted by capture', 'tcp', 'c2s CONNECT', 's2c CONNACK', 'c2s SUBSCRIBE', 's2c SUBACK', 's2c PUBLISH', 'c2s PUBACK', 'c2s DISCONNECT', 'closed by client']);
    expect(said('the-publisher')).toEqual(['accepted by capture', 'tcp', 'c2s CONNECT', 's2c CONNACK', 'c2s PUBLISH', 's2c PUBACK', 'c2s DISCONNECT', 'closed by client']);

    capture.stop();
    expect(await capture.exited).toBe(0);
    const ended = capture.events().find((event) => event.event === 'capture-ended')!;
    expect(ended).toMatchObject({ connections: 2, dropped: 0, problems: [] });
    expect(ended.packets).toBeGreaterThanOrEqual(20);
  });

  it('says in words when the interface is not there, and ends', async () => {
    const capture = startCapture(['-i', 'no-such-interface0', '-f', `tcp port ${mosquitto.port}`]);
    expect(await capture.exited).toBe(1);
    expect(capture.errors()).toMatch(/mqttscope capture: The interface is not there \(any more\): choose another\. dumpcap said: .*no-such-interface0/);
  });

  it('lists the interfaces it can capture on', async () => {
    const { stdout } = await run(process.execPath, [program, 'capture', '--list', '--json']);
    const names = stdout.trim().split('\n').map((line) => (JSON.parse(line) as { name: string }).name);
    expect(names).toContain('lo');
  });
});
