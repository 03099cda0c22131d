// `--save FILE` and `mqttscope open FILE`: what connect, proxy and broker record is saved as a
// trace file, and opens again as the same packets, byte for byte; a file cut short opens up to
// its break, and says where it breaks.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { startMosquitto } from '../../testing/mosquitto';
import { until } from '../../testing/wait';
import { buildCliProgram } from '../../testing/cli-program';
import { tsharkRead } from '../../testing/tshark';

const run = promisify(execFile);
let program: string;

beforeAll(async () => {
  program = await buildCliProgram();
}, 60_000);

const lines = (text: string) => text.trim().split('\n').map((line) => JSON.parse(line));
const scratch = () => mkdtempSync(path.join(tmpdir(), 'mqttscope-save-'));

describe('--save and mqttscope open', () => {
  it('connect --save: open prints the same packets, bytes and times, as connect --json did', async () => {
    const dir = scratch();
    const broker = await startMosquitto(dir);
    try {
      const file = path.join(dir, 'session.trace');
      const live = await run(process.execPath, [program, 'connect', `mqtt://127.0.0.1:${broker.port}`, '--client-id', 'saver', '--subscribe', 'save/#:1', '--publish', 'save/a=one:1', '--publish', 'save/b=two', '--json', '--save', file]);
      const livePackets = lines(live.stdout).filter((event) => event.event === 'packet');
      expect(livePackets.length).toBeGreaterThanOrEqual(8);

      const opened = await run(process.execPath, [program, 'open', file, '--json']);
      const events = lines(opened.stdout);
      expect(events[0]).toMatchObject({ event: 'session', origin: 'client', label: `saver@127.0.0.1:${broker.port}`, broker: { address: '127.0.0.1', port: broker.port } });
      const packets = events.filter((event) => event.event === 'packet');
      expect(packets.map(({ dir, hex }) => ({ dir, hex }))).toEqual(livePackets.map(({ dir, hex }) => ({ dir, hex })));
      expect(packets.every((event) => event.session === 'cli')).toBe(true);
      // Times from the same start: the ones connect printed, to the microsecond.
      expect(packets.map((event) => event.time)).toEqual(livePackets.map((event) => event.time));

      // Cut short: every packet before the break, and where it breaks, with exit code 1.
      const cut = path.join(dir, 'cut.trace');
      const whole = readFileSync(file);
      writeFileSync(cut, whole.subarray(0, whole.length - 30));
      const broken = await run(process.execPath, [program, 'open', cut, '--json']).catch((error) => error);
      expect(broken.code).toBe(1);
      expect(broken.stderr).toMatch(/mqttscope open: .*cut\.trace: The file ends inside a record at byte \d+/);
      const shown = lines(broken.stdout).filter((event) => event.event === 'packet');
      expect(shown.length).toBeGreaterThan(0);
      expect(shown.map(({ hex }) => hex)).toEqual(packets.slice(0, shown.length).map(({ hex }) => hex));

      // The same session as pcapng: tshark reads the same MQTT packets.
      const pcapng = path.join(dir, 'session.pcapng');
      const exported = await run(process.execPath, [program, 'export', file, '--pcapng', pcapng]);
      expect(exported.stdout).toContain(`1 session written to ${pcapng}`);
      expect(tsharkRead(pcapng, [broker.port]).flatMap((frame) => frame.mqtt)).toEqual(livePackets.map(({ hex }) => hex));
      // And back: the pcapng opens as the same packets.
      const reopened = lines((await run(process.execPath, [program, 'open', pcapng, '--json', ])).stdout).filter((event) => event.event === 'packet');
      expect(reopened.map(({ dir, hex }) => ({ dir, hex }))).toEqual(livePackets.map(({ dir, hex }) => ({ dir, hex })));

      const notTrace = path.join(dir, 'notes.txt');
      writeFileSync(notTrace, 'hello');
      const refused = await run(process.execPath, [program, 'open', notTrace]).catch((error) => error);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('is not a file this app reads');
    } finally {
      await broker.stop();
    }
  }, 30_000);

  it('broker --save: every client connection is a session of the file', async () => {
    const dir = scratch();
    const file = path.join(dir, 'broker.trace');
    const child = spawn(process.execPath, [program, 'broker', '--port', '0', '--json', '--save', file]);
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    try {
      await until(() => /"event":"listening"/.test(output), 10_000, 'the broker to listen');
      const port = Number(/"port":(\d+)/.exec(output)![1]);
      await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(port), '-i', 'first', '-t', 'a', '-m', 'one']);
      await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(port), '-i', 'second', '-t', 'a', '-m', 'two']);
      await until(() => (output.match(/"phase":"closed"/g) ?? []).length >= 2, 10_000, 'both to end');
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('close', resolve));
    }
    expect(statSync(file).size).toBeGreaterThan(100);
    const live = lines(output).filter((event) => event.event === 'packet');
    const opened = lines((await run(process.execPath, [program, 'open', file, '--json'])).stdout);
    expect(opened.filter((event) => event.event === 'session').map((event) => event.origin)).toEqual(['broker', 'broker']);
    expect(opened.filter((event) => event.event === 'packet').map(({ hex }) => hex).sort()).toEqual(live.map(({ hex }) => hex).sort());
  }, 30_000);
});
