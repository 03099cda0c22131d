// The command line as a person runs it: the built program, real stdin and stdout.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCapture } from '../../testdata/mosquitto-capture/load';

const run = promisify(execFile);
let program: string;

beforeAll(async () => {
  const outdir = mkdtempSync(path.join(tmpdir(), 'mqttscope-cli-'));
  await build({ entryPoints: { cli: 'electron/cli/main.ts' }, bundle: true, platform: 'node', format: 'cjs', outdir, outExtension: { '.js': '.cjs' }, logLevel: 'warning' });
  program = path.join(outdir, 'cli.cjs');
});

function withStdin(args: string[], input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [program, ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

const lines = (text: string) => text.trim().split('\n').map((line) => JSON.parse(line));

describe('mqttscope decode', () => {
  it('prints one JSON object per packet given as hex, several packets in one argument included', async () => {
    const { stdout } = await run(process.execPath, [program, 'decode', '20020002c000', 'd000']);
    const packets = lines(stdout);
    expect(packets.map((packet) => packet.typeName)).toEqual(['CONNACK', 'PINGREQ', 'PINGRESP']);
    expect(packets[0].fields[2].children[1]).toEqual({ key: 'mqtt.conack.flags.sp', label: 'Session Present: Not set', value: false, offset: 2, length: 1 });
    expect(packets[0].fields[3]).toMatchObject({ key: 'mqtt.conack.val', value: 2, label: 'Return Code: Connection refused, identifier rejected (2)' });
  });

  it('decodes a truncated packet with its problem instead of dropping it', async () => {
    const { stdout } = await run(process.execPath, [program, 'decode', '3012000c73656e']);
    const [packet] = lines(stdout);
    expect(packet.problems[0].message).toMatch(/Packet ends before the topic/);
  });

  it('refuses what is not hex, with a message and exit code 2', async () => {
    await expect(run(process.execPath, [program, 'decode', 'zz'])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('argument 1 is not hex') });
  });

  it('--stream follows one connection: the version from the CONNECT, packets split over lines', async () => {
    const capture = loadCapture().filter((packet) => packet.stream === 10);
    const input = capture
      .flatMap((packet) => [
        { dir: packet.dir, hex: packet.hex.slice(0, 4) },
        { dir: packet.dir, hex: packet.hex.slice(4) },
      ])
      .map((line) => JSON.stringify(line))
      .join('\n');
    const { code, stdout } = await withStdin(['decode', '--stream'], `${input}\nnot json\n`);
    const packets = lines(stdout);
    expect(code).toBe(2);
    expect(packets.map((packet) => `${packet.dir}:${packet.typeName}:${packet.protocolLevel}`)).toEqual(
      capture.map((packet) => `${packet.dir}:${['', 'CONNECT', 'CONNACK', 'PUBLISH', 'PUBACK'][parseInt(packet.hex[0], 16)] ?? 'DISCONNECT'}:5`),
    );
    expect(packets.find((packet) => packet.typeName === 'CONNACK').fields.map((field: { key: string }) => field.key)).toContain('mqtt.connack.reason_code');
  });
});
