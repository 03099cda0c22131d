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
/** The subscriber's rows before its messages: CONNECT, CONNACK, SUBSCRIBE, SUBACK. */
const SUBSCRIBER_ROWS_BEFORE = 4;
const SUBSCRIBER_ID = 'bench-capture-sub';
const POLL_MS = 10;
const POLLS = 6000;
const MIB = 1024 * 1024;

/** When a count reached a tenth and nine tenths of its whole, each placed between the two
 *  readings around it as if the count grew evenly between them (readings come every chunk on one
 *  side, every poll on the other). */
class Milestones {
  private tenth: number | undefined;
  private nineTenths: number | undefined;
  private last = { count: 0, time: performance.now() };

  constructor(private readonly whole: number) {}

  reached(count: number, now = performance.now()): void {
    this.tenth ??= this.crossing(this.whole / 10, count, now);
    this.nineTenths ??= this.crossing((this.whole * 9) / 10, count, now);
    this.last = { count, time: now };
  }

  private crossing(mark: number, count: number, now: number): number | undefined {
    if (count < mark) return undefined;
    if (this.last.count >= mark || count === this.last.count) return now;
    return this.last.time + ((mark - this.last.count) / (count - this.last.count)) * (now - this.last.time);
  }

  middleSeconds(): number {
    return this.tenth === undefined || this.nineTenths === undefined ? NaN : (this.nineTenths - this.tenth) / 1000;
  }
}

async function main(): Promise<void> {
  const mosquitto = await startMosquitto(mkdtempSync(path.join(tmpdir(), 'mqttscope-bench-capture-')), [], { maxQueuedMessages: MESSAGES });
  const host = fork(path.join(__dirname, 'bench-capture-host.cjs'), [String(mosquitto.port), SUBSCRIBER_ID], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = () => new Promise<CaptureHostMessage>((resolve) => host.once('message', (message) => resolve(message as CaptureHostMessage)));
  try {
    await next();
    // Line-buffered: its "Subscribed" line says when the flood may start.
    const subscriber = spawn('stdbuf', ['-oL', 'mosquitto_sub', '-h', '127.0.0.1', '-p', String(mosquitto.port), '-t', 'bench/capture', '-C', String(MESSAGES), '-i', SUBSCRIBER_ID, '-d']);
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
    // Its rate is read from the subscriber's connection alone, as mosquitto_sub's is: the
    // publisher's rows may run ahead of them.
    const captureMilestones = new Milestones(MESSAGES);
    let counts = { rows: 0, subscriberRows: 0, cpuMs: 0, rss: 0, peakRss: 0 };
    let cpuAtStart: number | undefined;
    let recordedAt = performance.now();
    for (let polls = 0; counts.rows < wanted && polls < POLLS; polls++) {
      const answer = next();
      host.send('counts');
      counts = ((await answer) as { counts: typeof counts }).counts;
      recordedAt = performance.now();
      cpuAtStart ??= counts.cpuMs;
      captureMilestones.reached(Math.max(0, counts.subscriberRows - SUBSCRIBER_ROWS_BEFORE), recordedAt);
      if (counts.rows < wanted) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    const subscriberDone = await subscribed;
    const ending = next();
    host.send('stop');
    const { ended } = (await ending) as { ended: { packets: number; dropped?: number; connections: number; error?: string } };
    const rate = (seconds: number) => `${(MESSAGES / seconds / 1000).toFixed(1)} k msg/s`;
    const subscriberSeconds = (subscriberDone - started) / 1000;
    const captureSeconds = (recordedAt - started) / 1000;
    // While the flood runs: from a tenth to nine tenths of the messages mosquitto_sub received,
    // counted by mosquitto_sub and in the capture of its connection. What dumpcap holds
    // before it hands it on (until its buffer block fills, or a quarter second passes) delays
    // the capture's rows by as much at both ends; falling behind would stretch this interval.
    const subscriberMiddle = subscriberMilestones.middleSeconds();
    const captureMiddle = captureMilestones.middleSeconds();
    const middleRate = (seconds: number) => `${((0.8 * MESSAGES) / seconds / 1000).toFixed(1)} k msg/s`;
    console.log(`\nLive capture of a flood of ${MESSAGES} QoS 0 messages, mosquitto_pub → mosquitto → mosquitto_sub on the loopback (dumpcap, Node ${process.version})`);
    console.log(`  while it flowed (a tenth to nine tenths of the subscriber's messages): mosquitto_sub received at ${middleRate(subscriberMiddle)}, the capture recorded at ${middleRate(captureMiddle)}, ${(subscriberMiddle / captureMiddle).toFixed(2)}× mosquitto_sub's rate`);
    console.log(`  over the whole flood: mosquitto_sub at ${rate(subscriberSeconds)}; the capture recorded ${counts.rows} of ${wanted} rows at ${rate(captureSeconds)}, ${(subscriberSeconds / captureSeconds).toFixed(2)}× (its last message recorded ${(recordedAt - subscriberDone).toFixed(0)} ms after mosquitto_sub had it)`);
    // How much of the flood's time the engine was working (its own process: reading dumpcap's
    // pipe, reassembling, recording): the rate it could take is this rate over that share.
    const busy = (counts.cpuMs - (cpuAtStart ?? 0)) / (recordedAt - started);
    console.log(`  the engine's process was busy ${(busy * 100).toFixed(0)}% of the flood's time (its CPU time over the time): it could keep up with about ${(1 / busy).toFixed(1)}× this rate`);
    console.log(`  dumpcap read ${ended.packets} packets, dropped ${ended.dropped ?? 'an unknown number of'}; ${ended.connections} MQTT connections; engine RSS ${(counts.rss / MIB).toFixed(1)} MB now, ${(counts.peakRss / MIB).toFixed(1)} MB at its peak${ended.error ? `; the capture ended: ${ended.error}` : ''}`);
  } finally {
    host.kill();
    await mosquitto.stop();
  }
}

void main();
