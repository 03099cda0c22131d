// `npm run bench`, part two: what capture costs. Our inspecting client (every byte through the
// tap, framed, decoded and recorded) against mqtt.js on the same mosquitto, in one run.
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import type { ConnectOptions } from '@shared/model/connect-options';
import type { RecordedEntry } from '@shared/model/trace';
import { InspectingClient } from '../electron/engine/client/inspecting-client';
import { startMosquitto } from '../testing/mosquitto';
import { processCpuMicros } from './support/process-cpu';

const HANDSHAKES = 300;
const MESSAGES = 50_000;
const BURST_ROUNDS = 5;
const PAYLOAD = 'x'.repeat(32);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Runs our client until `done` says so; returns the trace. */
function ours(options: ConnectOptions, done: (entry: RecordedEntry) => boolean): Promise<{ client: InspectingClient; entries: RecordedEntry[] }> {
  return new Promise((resolve) => {
    const entries: RecordedEntry[] = [];
    const client = new InspectingClient('bench', options, (entry) => {
      entries.push(entry);
      if (done(entry)) resolve({ client, entries });
    });
    client.start();
  });
}

const FLOOD = 100_000;
const FLOOD_ROUNDS = 3;

interface Flood {
  seconds: number;
  received: number;
  cpuPerMessage: number;
}

/**
 * Seconds from the start of a flood of FLOOD QoS 0 messages (mosquitto_pub) until `program`,
 * subscribed to it and printing to a file, has written the last one. The file is read as it
 * grows: `ready` finds the line that says it subscribed; while the flood runs, only the bytes of
 * `last` are looked for (natively), so reading the file takes the same little CPU from the
 * machine whichever program writes it; every line is checked against `message` afterwards.
 */
async function floodThrough(port: number, program: string, args: string[], ready: RegExp, last: string, message: RegExp): Promise<Flood> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'mqttscope-bench-flood-')), 'out.txt');
  const out = openSync(file, 'w');
  const subscriber = spawn(program, args, { stdio: ['ignore', out, out] });
  closeSync(out);
  const reader = openSync(file, 'r');
  const piece = Buffer.alloc(1024 * 1024);
  let read = 0;
  const more = async () => {
    if (subscriber.exitCode !== null) throw new Error(`${program} ended early`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  };
  try {
    for (let text = ''; !ready.test(text); ) {
      const count = readSync(reader, piece, 0, piece.length, read);
      read += count;
      text += piece.toString('latin1', 0, count);
      if (count === 0) await more();
    }
    const started = performance.now();
    const publisher = spawn('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(port), '-t', 'bench/flood', '-l']);
    publisher.stdin.end(Array.from({ length: FLOOD }, (_, index) => `m${index}`).join('\n') + '\n');
    const cpuBefore = processCpuMicros(subscriber.pid!);
    const marker = Buffer.from(last);
    // Each read starts a marker's length back: the marker may lie across two reads.
    for (let found = false; !found; ) {
      const from = Math.max(0, read - marker.length);
      const count = readSync(reader, piece, 0, piece.length, from);
      const grew = from + count > read;
      read = Math.max(read, from + count);
      found = piece.subarray(0, count).includes(marker);
      if (!found && !grew) await more();
    }
    const seconds = (performance.now() - started) / 1000;
    const cpuPerMessage = processCpuMicros(subscriber.pid!) - cpuBefore;
    const received = readFileSync(file, 'utf8').split('\n').filter((line) => message.test(line)).length;
    return { seconds, received, cpuPerMessage: cpuPerMessage / received };
  } finally {
    subscriber.kill();
    closeSync(reader);
  }
}

async function main(): Promise<void> {
  // Room to queue the whole flood: by default mosquitto drops what a subscriber has not read past 1,000.
  const broker = await startMosquitto(mkdtempSync(path.join(tmpdir(), 'mqttscope-bench-')), [], { maxQueuedMessages: FLOOD });
  const base: ConnectOptions = { host: '127.0.0.1', port: broker.port, protocolVersion: '3.1.1', clientId: 'bench-ours', clean: true, keepAlive: 60 };
  const url = `mqtt://127.0.0.1:${broker.port}`;
  try {
    // Handshake latency: from asking for a connection to holding the CONNACK, loopback.
    const oursLatency: number[] = [];
    const theirsLatency: number[] = [];
    for (let i = 0; i < HANDSHAKES; i++) {
      let started = performance.now();
      const { client } = await ours(base, (entry) => entry.kind === 'packet' && entry.typeName === 'CONNACK');
      oursLatency.push(performance.now() - started);
      await client.close();

      started = performance.now();
      const peer = mqtt.connect(url, { clientId: 'bench-mqttjs', clean: true, keepalive: 60, reconnectPeriod: 0, protocolVersion: 4 });
      await new Promise<void>((resolve) => peer.once('connect', () => resolve()));
      theirsLatency.push(performance.now() - started);
      await peer.endAsync();
    }

    // QoS 0 throughput: MESSAGES publications, then one at QoS 1 whose PUBACK proves the broker
    // read them all; timed from the first publication (ours publishes its plan at the CONNACK).
    // Rounds in turn, after one of each to warm up; the median.
    const publications = [...Array.from({ length: MESSAGES }, () => ({ topic: 'bench/ours', payload: PAYLOAD, qos: 0 as const })), { topic: 'bench/ours', payload: 'last', qos: 1 as const }];
    const oursBurst: number[] = [];
    const theirsBurst: number[] = [];
    let recorded = 0;
    for (let round = 0; round <= BURST_ROUNDS; round++) {
      let started = 0;
      const run = await ours({ ...base, plan: { publications } }, (entry) => {
        if (entry.kind === 'packet' && entry.typeName === 'CONNACK') started = performance.now();
        return entry.kind === 'packet' && entry.typeName === 'PUBACK';
      });
      const oursSeconds = (performance.now() - started) / 1000;
      await run.client.close();
      recorded = run.entries.filter((entry) => entry.kind === 'packet').length;

      const peer = mqtt.connect(url, { clientId: 'bench-mqttjs', clean: true, keepalive: 60, reconnectPeriod: 0, protocolVersion: 4 });
      await new Promise<void>((resolve) => peer.once('connect', () => resolve()));
      started = performance.now();
      for (let i = 0; i < MESSAGES; i++) peer.publish('bench/mqttjs', PAYLOAD, { qos: 0 });
      await peer.publishAsync('bench/mqttjs', 'last', { qos: 1 });
      const theirsSeconds = (performance.now() - started) / 1000;
      await peer.endAsync();
      if (round === 0) continue;
      oursBurst.push(oursSeconds);
      theirsBurst.push(theirsSeconds);
    }
    const [oursSeconds, theirsSeconds] = [median(oursBurst), median(theirsBurst)];

    const [oursMs, theirsMs] = [median(oursLatency), median(theirsLatency)];
    console.log(`\nClient with capture against mqtt.js on mosquitto, loopback (Node ${process.version})`);
    console.log(`  CONNECT → CONNACK, median of ${HANDSHAKES}: ours ${oursMs.toFixed(2)} ms, mqtt.js ${theirsMs.toFixed(2)} ms, ratio ${(oursMs / theirsMs).toFixed(2)}×`);
    console.log(`  QoS 0 publish, ${MESSAGES} × ${PAYLOAD.length} B, median of ${BURST_ROUNDS}: ours ${(MESSAGES / oursSeconds / 1000).toFixed(1)} k msg/s (${recorded} packets recorded), mqtt.js ${(MESSAGES / theirsSeconds / 1000).toFixed(1)} k msg/s, time ratio ${(oursSeconds / theirsSeconds).toFixed(2)}×`);

    // The command line taking a flood: every packet framed, decoded, printed and read into its story.
    const cli = path.join(__dirname, 'cli.cjs');
    const lastMessage = `m${FLOOD - 1}`;
    const floods = { scope: [] as Flood[], mosquittoSub: [] as Flood[] };
    for (let round = 0; round < FLOOD_ROUNDS; round++) {
      floods.scope.push(await floodThrough(broker.port, process.execPath, [cli, 'connect', url, '--subscribe', 'bench/flood', '--hold', '120'], /SUBACK/, `"${lastMessage}"`, /← .*PUBLISH.*"m\d+"$/));
      // Line-buffered as mqttscope's lines are (one write a line would be unfair to either).
      floods.mosquittoSub.push(await floodThrough(broker.port, 'stdbuf', ['-oL', 'mosquitto_sub', '-h', '127.0.0.1', '-p', String(broker.port), '-t', 'bench/flood', '-d'], /Subscribed \(mid: 1\)/, `\n${lastMessage}\n`, /^m\d+$/));
    }
    const rateOf = (flood: Flood) => flood.received / flood.seconds;
    const [scope, mosquittoSub] = [floods.scope, floods.mosquittoSub].map((runs) => [...runs].sort((a, b) => rateOf(a) - rateOf(b))[runs.length >> 1]);
    const rate = (flood: Flood) => `${(rateOf(flood) / 1000).toFixed(1)} k msg/s (${flood.received} of ${FLOOD}; ${flood.cpuPerMessage.toFixed(1)} µs CPU/msg)`;
    console.log(`  a flood of ${FLOOD} QoS 0 messages to a subscriber printing each to a file, median of ${FLOOD_ROUNDS}: mqttscope connect ${rate(scope)}, mosquitto_sub ${rate(mosquittoSub)}, rate ratio ${(rateOf(scope) / rateOf(mosquittoSub)).toFixed(2)}×`);
  } finally {
    await broker.stop();
  }
}

void main();
