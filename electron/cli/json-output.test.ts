// `--json` is for programs: a packet's bytes are printed whole up to the line budget, and a
// packet past it says it was cut with fields (`truncated`, `bytes`), never with a note inside
// its hex. Driven as a person runs it: `broker --json --save`, `export --pcapng`, `open --json`.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { toHex } from '@shared/mqtt';
import { encodePacket } from '@shared/mqtt/encode';
import { buildCliProgram } from '../../testing/cli-program';
import { RawClient } from '../../testing/raw-client';
import { until } from '../../testing/wait';
import { MAX_LINE_CHARS } from '../engine/limits';

const run = promisify(execFile);
let program: string;

beforeAll(async () => {
  program = await buildCliProgram();
}, 60_000);

interface PacketLine {
  event: 'packet';
  dir: string;
  hex: string;
  bytes: number;
  truncated?: boolean;
  packet: { typeName: string; fields: { key: string; value: unknown }[] };
}

const packetLines = (text: string): { lines: string[]; packets: PacketLine[] } => {
  const lines = text.trim().split('\n');
  return { lines, packets: lines.map((line) => JSON.parse(line)).filter((event) => event.event === 'packet') };
};

const topicOf = (event: PacketLine) => event.packet.fields.find((field) => field.key === 'mqtt.topic')?.value;

/** `mqttscope broker|proxy … --json` as a process: its port once it listens, its output, and a stop that waits for the exit. */
async function startJsonServer(args: string[]) {
  const child = spawn(process.execPath, [program, ...args, '--json']);
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once('close', resolve));
  await until(() => /"event":"listening"/.test(output), 10_000, `${args[0]} to listen`);
  return {
    port: Number(/"event":"listening".*?"port":(\d+)/.exec(output)![1]),
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

describe('--json output of a packet', () => {
  it('a 12.8 KB PUBLISH is printed whole; one past the line budget is cut with fields saying so (connect, broker, proxy, open of .trace and .pcapng)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mqttscope-json-'));
    const trace = path.join(dir, 'broker.trace');
    const publications = [
      { protocolLevel: 4, type: 'PUBLISH', topic: 'big/medium', payload: 'm'.repeat(12_800) },
      { protocolLevel: 4, type: 'PUBLISH', topic: 'big/large', payload: 'l'.repeat(700_000) },
    ] as const;
    const [medium, large] = publications.map((packet) => encodePacket(packet));
    expect(large.length * 2).toBeGreaterThan(MAX_LINE_CHARS);

    const broker = await startJsonServer(['broker', '--port', '0', '--max-packet-size', '2000000', '--save', trace]);
    const proxy = await startJsonServer(['proxy', '--listen', '127.0.0.1:0', '--target', `127.0.0.1:${broker.port}`]);
    try {
      const client = await RawClient.connect(proxy.port);
      client.send({ protocolLevel: 4, type: 'CONNECT', clientId: 'big-sender' });
      await client.expect('20');
      client.send(...publications);
      await client.disconnect();
      await until(() => /"phase":"closed"/.test(broker.output()) && /"phase":"closed"/.test(proxy.output()), 'the connection to end');
      // connect --json: a publication given on the command line (an argument holds 128 KiB at most).
      const connected = await run(process.execPath, [program, 'connect', `mqtt://127.0.0.1:${broker.port}`, '--client-id', 'big-connect', '--publish', `big/connect=${'c'.repeat(12_800)}`, '--json']);
      const [sent] = packetLines(connected.stdout).packets.filter((event) => topicOf(event) === 'big/connect');
      const expected = encodePacket({ protocolLevel: 4, type: 'PUBLISH', topic: 'big/connect', payload: 'c'.repeat(12_800) });
      expect({ hex: sent.hex, bytes: sent.bytes, truncated: sent.truncated }).toEqual({ hex: toHex(expected), bytes: expected.length, truncated: undefined });
    } finally {
      await Promise.all([proxy.stop(), broker.stop()]);
    }

    const pcapng = path.join(dir, 'capture.pcapng');
    await run(process.execPath, [program, 'export', trace, '--pcapng', pcapng]);
    const sources = {
      'broker --json': broker.output(),
      'proxy --json': proxy.output(),
      'open broker.trace --json': (await run(process.execPath, [program, 'open', trace, '--json'], { maxBuffer: 64 * 1024 * 1024 })).stdout,
      'open capture.pcapng --json': (await run(process.execPath, [program, 'open', pcapng, '--json'], { maxBuffer: 64 * 1024 * 1024 })).stdout,
    };
    for (const [source, text] of Object.entries(sources)) {
      const { lines, packets } = packetLines(text);
      const publishes = packets.filter((event) => ['big/medium', 'big/large'].includes(String(topicOf(event))));
      expect(publishes, source).toHaveLength(2);
      const [whole, cut] = publishes;
      expect({ source, hex: whole.hex, bytes: whole.bytes, truncated: whole.truncated }).toEqual({ source, hex: toHex(medium), bytes: medium.length, truncated: undefined });
      expect(whole.packet.fields.find((field) => field.key === 'mqtt.msg')?.value, source).toBe(toHex(medium.subarray(medium.length - 12_800)));

      expect({ source, bytes: cut.bytes, truncated: cut.truncated }).toEqual({ source, bytes: large.length, truncated: true });
      expect(cut.hex.length % 2, source).toBe(0);
      expect(cut.hex.length, source).toBeGreaterThan(MAX_LINE_CHARS / 2);
      // As the README's limits say: a cut packet's hex keeps its first 480 KiB of bytes.
      expect(cut.hex.length / 2, source).toBe(480 * 1024);
      expect(toHex(large).startsWith(cut.hex), `${source}: the cut hex is the packet's first bytes, nothing added`).toBe(true);
      expect(topicOf(cut), source).toBe('big/large');
      expect(Math.max(...lines.map((line) => line.length)), source).toBeLessThanOrEqual(MAX_LINE_CHARS + 256);
    }
  }, 60_000);
});
