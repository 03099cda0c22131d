// `npm run bench`, part: live capture. mosquitto_pub floods mosquitto with MESSAGES QoS 0
// messages for one mosquitto_sub; the engine, in a process of its own, captures the loopback with
// dumpcap and records both connections. Measured: how fast mosquitto_sub received them and how
// fast the capture recorded them, while the flood flowed and over all of it (to its last one
// recorded), what dumpcap dropped, and the engine's memory at its peak.
import { fork, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startMosquitto } from '../testing/mosquitto';
import type { CaptureHostMessage } from './support/capture-host';

const MESSAGES = 100_000;
/** The clients' own packets, the rows the capture records beside the messages: the publisher's
 *  CONNECT, CONNACK and DISCONNECT, the subscriber's CONNECT, CONNACK, SUBSCRIBE, SUBACK and DISCONNECT. */
const HANDSHAKE_ROWS = 8;
const POLL_MS = 10;
const POLLS = 6000;
const MIB = 1024 * 1024;

/** When a count first reached a tenth and nine tenths of its whole. */
class Milestones {
  private tenth: number | undefined;
  private nineTenths: number | undefined;

  constructor(private readonly whole: number) {}

  reached(count: number, now = performance.now()): void {
    if (this.tenth === undefined && count >= this.whole / 10) this.tenth = now;
    if (this.nineTenths === undefined && count >= (this.whole * 9) / 10) this.nineTenths = now;
  }

  middleSeconds(): number {
    return this.tenth === undefined || this.nineTenths === undefined ? NaN : (this.nineTenths - this.tenth) / 1000;
  }
}

async function main(): Promise<void> {
  const mosquitto = await startMosquitto(mkdtempSync(path.join(tmpdir(), 'mqttscope-bench-capture-')), [], { maxQueuedMessages: MESSAGES });
  const host = fork(path.join(__dirname, 'bench-capture-host.cjs'), [String(mosquitto.port)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = () => new Promise<CaptureHostMessage>((resolve) => host.once('message', (message) => resolve(message as CaptureHostMessage)));
  try {
    await next();
    // Line-buffered: its "Subscribed" line says when the flood may start.
    const subscriber = spawn('stdbuf', ['-oL', 'mosquitto_sub', '-h', '127.0.0.1', '-p', String(mosquitto.port), '-t', 'bench/capture', '-C', String(MESSAGES), '-d']);
    await new Promise<void>((resolve) => subscriber.stdout.on('data', function ready(chunk: Buffer) {
      if (!/Subscribed/.test(chunk.toString())) return;
      subscriber.stdout.off('data', ready);
      resolve();
    }));
    // mosquitto_sub -d prints two lines a message (the PUBLISH, then its payload): counted as they
    // come, the time it had a tenth and nine tenths of the flood.
    const subscriberMilestones = new Milestones(MESSAGES);
    let lines = 0;
    subscriber.stdout.on('data', (chunk: Buffer) => {
      for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
      subscriberMilestones.reached(lines / 2);
    });
    const started = performance.now();
    const subscribed = new Promise<number>((resolve) => subscriber.on('exit', () => resolve(performance.now())));
    const publisher = spawn('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(mosquitto.port), '-t', 'bench/capture', '-l']);
    publisher.stdin.end(Array.from({ length: MESSAGES }, (_, index) => `m${index}`).join('\n') + '\n');
    // The capture has recorded both sides of every message: the publisher's PUBLISH and the
    // subscriber's. Its rows are counted in the engine's store every POLL_MS from the start.
    const wanted = 2 * MESSAGES + HANDSHAKE_ROWS;
    const captureMilestones = new Milestones(wanted);
    let counts = { rows: 0, rss: 0, peakRss: 0 };
    let recordedAt = performance.now();
    for (let polls = 0; counts.rows < wanted && polls < POLLS; polls++) {
      const answer = next();
      host.send('counts');
      counts = ((await answer) as { counts: typeof counts }).counts;
      recordedAt = performance.now();
      captureMilestones.reached(counts.rows, recordedAt);
      if (counts.rows < wanted) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    const subscriberDone = await subscribed;
    const ending = next();
    host.send('stop');
    const { ended } = (await ending) as { ended: { packets: number; dropped?: number; connections: number; error?: string } };
    const rate = (seconds: number) => `${(MESSAGES / seconds / 1000).toFixed(1)} k msg/s`;
    const subscriberSeconds = (subscriberDone - started) / 1000;
    const captureSeconds = (recordedAt - started) / 1000;
    // While the flood runs: from a tenth to nine tenths of it, on each side. What dumpcap holds
    // before it hands it on (until its buffer block fills, or a quarter second passes) delays
    // the capture's rows by as much at both ends; falling behind would stretch this interval.
    const subscriberMiddle = subscriberMilestones.middleSeconds();
    const captureMiddle = captureMilestones.middleSeconds();
    const middleRate = (seconds: number) => `${((0.8 * MESSAGES) / seconds / 1000).toFixed(1)} k msg/s`;
    console.log(`\nLive capture of a flood of ${MESSAGES} QoS 0 messages, mosquitto_pub → mosquitto → mosquitto_sub on the loopback (dumpcap, Node ${process.version})`);
    console.log(`  while it flowed (a tenth to nine tenths of it): mosquitto_sub received at ${middleRate(subscriberMiddle)}, the capture recorded at ${middleRate(captureMiddle)}, ${(subscriberMiddle / captureMiddle).toFixed(2)}× mosquitto_sub's rate`);
    console.log(`  over the whole flood: mosquitto_sub at ${rate(subscriberSeconds)}; the capture recorded ${counts.rows} of ${wanted} rows at ${rate(captureSeconds)}, ${(subscriberSeconds / captureSeconds).toFixed(2)}× (its last message recorded ${(recordedAt - subscriberDone).toFixed(0)} ms after mosquitto_sub had it)`);
    console.log(`  dumpcap read ${ended.packets} packets, dropped ${ended.dropped ?? 'an unknown number of'}; ${ended.connections} MQTT connections; engine RSS ${(counts.rss / MIB).toFixed(1)} MB now, ${(counts.peakRss / MIB).toFixed(1)} MB at its peak${ended.error ? `; the capture ended: ${ended.error}` : ''}`);
  } finally {
    host.kill();
    await mosquitto.stop();
  }
}

void main();
