// `npm run bench`, part four: the UI while a flood streams in. A publisher sends 20,000 QoS 0
// messages a second for 10 s through mosquitto to the app's client (200,000 packets); Chromium
// measures the main thread's long tasks and the time between frames, with the same page idle as
// the baseline. mosquitto_sub, the peer, takes the same flood in a run of its own (beside the app
// it would take a third of a core from it on a 2-core machine).
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodePacket } from '@shared/mqtt/encode';
import { startWebHostProcess } from '../e2e/support/web-host';
import { startMosquitto } from '../testing/mosquitto';
import { openCdpPage, type CdpPage } from './support/cdp-page';
import { PAGE_HELPERS } from './support/page-helpers';
import { startProfiler } from './support/profiler';
import { measureSmoothness, type FrameStats } from './support/smoothness';

const RATE = 20_000;
const SECONDS = 10;
const TICK_MS = 5;
const TOPIC = 'flood/line-1';
const PAYLOAD = '{"t":21.5,"rh":40,"seq":12345}';



/** A raw MQTT publisher: pre-encoded PUBLISH packets written on a schedule, RATE a second. */
async function flood(port: number): Promise<{ sent: number; seconds: number }> {
  const socket = net.connect({ host: '127.0.0.1', port });
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  socket.write(encodePacket({ type: 'CONNECT', clientId: 'ui-bench-publisher', clean: true, keepAlive: 60 }));
  await new Promise<void>((resolve) => socket.once('data', () => resolve()));
  const publish = Buffer.from(encodePacket({ type: 'PUBLISH', topic: TOPIC, qos: 0, payload: PAYLOAD }));
  const total = RATE * SECONDS;
  const started = performance.now();
  let sent = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * RATE));
      if (due > sent) {
        socket.write(Buffer.concat(Array(due - sent).fill(publish)));
        sent = due;
      }
      if (sent >= total) {
        clearInterval(timer);
        resolve();
      }
    }, TICK_MS);
  });
  const seconds = (performance.now() - started) / 1000;
  socket.end(encodePacket({ type: 'DISCONNECT' }));
  return { sent, seconds };
}

/** mosquitto_sub on the same topic: how many of the flood a plain client receives. */
function countWithMosquittoSub(port: number): { count: () => number; stop: () => void } {
  const child = spawn('mosquitto_sub', ['-h', '127.0.0.1', '-p', String(port), '-t', TOPIC, '-q', '0', '-i', 'ui-bench-peer'], { stdio: ['ignore', 'pipe', 'ignore'] });
  let lines = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    for (const byte of chunk) if (byte === 10) lines++;
  });
  return { count: () => lines, stop: () => child.kill() };
}

const format = (stats: FrameStats) =>
  `longest task ${stats.longestTaskMs.toFixed(0)} ms (${stats.longTasks} over 50 ms), frames p50 ${stats.p50.toFixed(1)} / p95 ${stats.p95.toFixed(1)} / p99 ${stats.p99.toFixed(1)} ms, worst ${stats.worstFrameMs.toFixed(0)} ms (${stats.frames} frames)`;

interface Round {
  idle: FrameStats;
  during: FrameStats;
  browsing: FrameStats;
  sent: number;
  seconds: number;
  shown: number;
  expected: number;
  lagMs: number;
  chromium: string;
}

/** The same flood to mosquitto_sub alone: how many it gets, and how late the last one is. */
async function peerRound(): Promise<{ received: number; sent: number; lagMs: number }> {
  const mosquitto = await startMosquitto(mkdtempSync(path.join(tmpdir(), 'mqttscope-bench-ui-peer-')));
  const peer = countWithMosquittoSub(mosquitto.port);
  try {
    // mosquitto_sub says nothing once subscribed; a second is plenty on loopback.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const { sent } = await flood(mosquitto.port);
    const ended = performance.now();
    while (peer.count() < sent && performance.now() - ended < 30_000) await new Promise((resolve) => setTimeout(resolve, 5));
    return { received: peer.count(), sent, lagMs: performance.now() - ended };
  } finally {
    peer.stop();
    await mosquitto.stop();
  }
}

/** One flood into a fresh app, page and broker. */
async function round(): Promise<Round> {
  const mosquitto = await startMosquitto(mkdtempSync(path.join(tmpdir(), 'mqttscope-bench-ui-')));
  const host = await startWebHostProcess(mkdtempSync(path.join(tmpdir(), 'mqttscope-bench-ui-data-')));
  const page = await openCdpPage(host.url);
  try {
    await page.waitFor(`[...document.querySelectorAll('button')].some((button) => button.textContent === 'Connect' && !button.disabled)`);
    await page.evaluate(PAGE_HELPERS);
    await page.evaluate(`(() => {
      __fill('Host', '127.0.0.1'); __fill('Port', '${mosquitto.port}'); __fill('Client ID', 'ui-bench');
      __fill('Subscribe to', '${TOPIC} 0'); __press('Connect');
    })()`);
    await page.waitFor(`[...document.querySelectorAll('[role=row]')].some((row) => row.textContent.includes('SUBACK'))`);
    // The workspace as a person floods it: the drawer open on Topics, beside the packet panes.
    await page.evaluate(`__openDrawer('Topics')`);
    // mosquitto_sub says nothing once subscribed; by now it has long been.
    const idle = await measureSmoothness(page, () => new Promise((resolve) => setTimeout(resolve, 2000)));

    const profiler = process.env.MQTTSCOPE_BENCH_PROFILE ? await startProfiler(page) : undefined;
    const traced: object[] = [];
    const tracing = process.env.MQTTSCOPE_BENCH_TRACE;
    if (tracing) {
      page.on('Tracing.dataCollected', ({ value }) => traced.push(...value));
      await page.command('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8', transferMode: 'ReportEvents' });
    }
    let sending = { sent: 0, seconds: 0 };
    const during = await measureSmoothness(page, async () => (sending = await flood(mosquitto.port)));
    if (profiler) console.log(await profiler());
    if (tracing) {
      const complete = new Promise((resolve) => page.on('Tracing.tracingComplete', resolve));
      await page.command('Tracing.end');
      await complete;
      writeFileSync(tracing, JSON.stringify({ traceEvents: traced }));
    }
    const expected = sending.sent + 4; // CONNECT, CONNACK, SUBSCRIBE, SUBACK
    const catchUpStart = performance.now();
    await page.waitFor(`__count() >= ${expected}`, 60_000);
    const lagMs = performance.now() - catchUpStart;
    const shown = await page.evaluate<number>('__count()');

    // With everything loaded: scroll to the middle of the list and choose a packet there.
    const browsing = await measureSmoothness(page, () =>
      page.evaluate(`(async () => {
        const viewport = document.querySelector('.packet-viewport');
        viewport.scrollTop = viewport.scrollHeight / 2;
        await new Promise((resolve) => setTimeout(resolve, 300));
        viewport.querySelectorAll('[role=row]')[10].click();
        await new Promise((resolve) => setTimeout(resolve, 300));
        if (!document.querySelector('[aria-label="Packet details"] h2').textContent.includes('PUBLISH')) throw new Error('The chosen packet did not open');
      })()`),
    );
    return { idle, during, browsing, ...sending, shown, expected, lagMs, chromium: page.version };
  } finally {
    await page.close();
    await host.stop();
    await mosquitto.stop();
  }
}

const ROUNDS = Number(process.env.MQTTSCOPE_BENCH_ROUNDS ?? 3);

async function main(): Promise<void> {
  const peer = await peerRound();
  const rounds: Round[] = [];
  for (let index = 0; index < ROUNDS; index++) rounds.push(await round());
  const first = rounds[0];
  console.log(`\nPeer: mosquitto_sub alone received ${peer.received} of ${peer.sent}, the last ${peer.lagMs.toFixed(0)} ms after the flood ended`);
  console.log(`\nUI under a flood: ${first.sent} QoS 0 PUBLISH in ${first.seconds.toFixed(1)} s (${(first.sent / first.seconds / 1000).toFixed(1)} k msg/s) through mosquitto, ${first.chromium}, ${ROUNDS} rounds`);
  rounds.forEach((result, index) => {
    console.log(`  round ${index + 1}`);
    console.log(`    idle page:         ${format(result.idle)}`);
    console.log(`    during the flood:  ${format(result.during)}; p95 frame ${(result.during.p95 / result.idle.p95).toFixed(2)}× idle`);
    console.log(`    packets shown:     ${result.shown} of ${result.expected}, the last ${result.lagMs.toFixed(0)} ms after the flood ended (${(result.lagMs / Math.max(peer.lagMs, 1)).toFixed(1)}× the peer's)`);
    console.log(`    scroll + select among ${result.shown}: ${format(result.browsing)}`);
  });
  const longest = Math.max(...rounds.map((result) => result.during.longestTaskMs));
  const worstP95 = Math.max(...rounds.map((result) => result.during.p95));
  const met = rounds.filter((result) => result.during.longestTaskMs <= 50).length;
  console.log(`  targets: no task over 50 ms → met in ${met} of ${ROUNDS} rounds (longest ${longest.toFixed(0)} ms); p95 frame under 33 ms → ${worstP95 < 33 ? 'met' : 'MISSED'} in every round (worst p95 ${worstP95.toFixed(1)} ms)`);
}

void main();
