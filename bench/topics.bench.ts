// `npm run bench`, part five (alone: `npm run bench:topics`): the Topics region under a flood. A
// raw publisher sends 100,000 QoS 0 messages to 100,000 distinct topics (bench/area-N/sensor-M,
// 100 areas of 1,000) at 20,000 a second through mosquitto to the app's client, with the tree
// open on `bench` and on `bench/area-0` (so the page keeps asking for them as they grow); then
// 100,000 messages to one topic (hot/line) at the same rate. Chromium measures the main thread's
// long tasks during each flood; then the hot topic is chosen, and the time runs until the packet
// details show its newest message. mosquitto_sub, the peer, takes the same floods in a run of its
// own and says how late its last message came.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
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
const TOPICS = 100_000;
const AREAS = 100;
const HOT_MESSAGES = 100_000;
const HOT_TOPIC = 'hot/line';
const TICK_MS = 5;

const distinctTopic = (n: number) => `bench/area-${n % AREAS}/sensor-${Math.floor(n / AREAS)}`;

/** Pre-encoded PUBLISH packets, written RATE a second on a schedule. */
async function flood(port: number, packets: readonly Buffer[]): Promise<{ sent: number; seconds: number }> {
  const socket = net.connect({ host: '127.0.0.1', port });
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  socket.write(encodePacket({ type: 'CONNECT', clientId: `topics-bench-publisher-${process.pid}`, clean: true, keepAlive: 60 }));
  await new Promise<void>((resolve) => socket.once('data', () => resolve()));
  const started = performance.now();
  let sent = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(packets.length, Math.floor(((performance.now() - started) / 1000) * RATE));
      if (due > sent) {
        socket.write(Buffer.concat(packets.slice(sent, due)));
        sent = due;
      }
      if (sent >= packets.length) {
        clearInterval(timer);
        resolve();
      }
    }, TICK_MS);
  });
  const seconds = (performance.now() - started) / 1000;
  await new Promise<void>((resolve) => socket.end(encodePacket({ type: 'DISCONNECT' }), resolve));
  return { sent, seconds };
}

const publish = (topic: string, payload: string) => Buffer.from(encodePacket({ type: 'PUBLISH', topic, qos: 0, payload }));
const treeFlood = () => Array.from({ length: TOPICS }, (_, n) => publish(distinctTopic(n), `{"v":${n % 1000},"n":${n}}`));
const hotFlood = () => Array.from({ length: HOT_MESSAGES }, (_, n) => publish(HOT_TOPIC, `hot #${n} of ${HOT_MESSAGES}`));


/** In the page: the level's button in the Topics region, found by its path. */
const LEVEL_BUTTON = `(path) => document.querySelector('section[aria-labelledby=topics-title] [role=treeitem][aria-label="' + path + '"] > .topic-line > button')`;


interface Round {
  tree: FrameStats & { sent: number; seconds: number };
  hot: FrameStats & { sent: number; seconds: number };
  levelsShown: string;
  treeShownAfterMs: number;
  chooseMs: number;
  chromium: string;
}

/** `hidden`: the baseline, the same page and floods with the Topics region's body not laid out
 *  or drawn (React still keeps it up to date) until the floods are over. */
async function round(hidden = false): Promise<Round> {
  const mosquitto = await startMosquitto(mkdtempSync(path.join(tmpdir(), 'mqttscope-bench-topics-')));
  const host = await startWebHostProcess(mkdtempSync(path.join(tmpdir(), 'mqttscope-bench-topics-data-')));
  const page = await openCdpPage(host.url);
  try {
    await page.waitFor(`[...document.querySelectorAll('button')].some((button) => button.textContent === 'Connect' && !button.disabled)`);
    await page.evaluate(PAGE_HELPERS);
    await page.evaluate(`window.__level = ${LEVEL_BUTTON}`);
    await page.evaluate(`(() => {
      __fill('Host', '127.0.0.1'); __fill('Port', '${mosquitto.port}'); __fill('Client ID', 'topics-bench');
      __fill('Subscribe to', 'bench/# 0\\n${HOT_TOPIC} 0'); __press('Connect');
    })()`);
    await page.waitFor(`[...document.querySelectorAll('[role=row]')].some((row) => row.textContent.includes('SUBACK'))`);
    await page.evaluate(`__openDrawer('Topics')`);
    // The first message makes the levels to open; the tree stays open on them through the flood.
    const treePackets = treeFlood();
    await flood(mosquitto.port, treePackets.slice(0, 1));
    await page.waitFor(`!!__level('bench')`);
    await page.evaluate(`__level('bench').click()`);
    await page.waitFor(`!!__level('bench/area-0')`);
    await page.evaluate(`__level('bench/area-0').click()`);
    if (hidden) await page.evaluate(`document.querySelector('section[aria-labelledby=topics-title] .topics-body').style.display = 'none'`);

    let tree = { sent: 0, seconds: 0 };
    const profiler = process.env.MQTTSCOPE_BENCH_PROFILE ? await startProfiler(page) : undefined;
    const treeSmooth = await measureSmoothness(page, async () => (tree = await flood(mosquitto.port, treePackets.slice(1))));
    if (profiler) console.log(`Where the page spent the tree flood:\n${await profiler()}`);
    const ended = performance.now();
    const total = TOPICS.toLocaleString('en-US');
    await page.waitFor(`__level('bench')?.closest('[role=treeitem]').querySelector('.topic-count').textContent === '${total} below'`, 60_000);
    const treeShownAfterMs = performance.now() - ended;
    const levelsShown = await page.evaluate<string>(`document.querySelectorAll('section[aria-labelledby=topics-title] [role=treeitem]').length + ' levels drawn, ' + __level('bench/area-0').closest('[role=treeitem]').querySelector('.topic-count').textContent + ' under bench/area-0'`);

    let hot = { sent: 0, seconds: 0 };
    const hotSmooth = await measureSmoothness(page, async () => (hot = await flood(mosquitto.port, hotFlood())));
    if (hidden) await page.evaluate(`document.querySelector('section[aria-labelledby=topics-title] .topics-body').style.display = ''`);
    await page.waitFor(`!!__level('hot')`);
    await page.evaluate(`__level('hot').click()`);
    await page.waitFor(`__level('${HOT_TOPIC}')?.closest('[role=treeitem]').querySelector('.topic-count').textContent === '${HOT_MESSAGES.toLocaleString('en-US')} messages'`, 60_000);
    const newest = `hot #${HOT_MESSAGES - 1} of`;
    const chooseMs = await page.evaluate<number>(`(async () => {
      const started = performance.now();
      __level('${HOT_TOPIC}').click();
      while (!document.querySelector('[aria-label="Packet details"]')?.textContent.includes('${newest}')) {
        await new Promise((resolve) => requestAnimationFrame(resolve));
        if (performance.now() - started > 10000) throw new Error('The newest message did not open');
      }
      return performance.now() - started;
    })()`);
    return { tree: { ...tree, ...treeSmooth }, hot: { ...hot, ...hotSmooth }, levelsShown, treeShownAfterMs, chooseMs, chromium: page.version };
  } finally {
    await page.close();
    await host.stop();
    await mosquitto.stop();
  }
}

/** The same floods to mosquitto_sub alone: how late its last message is after each ends. */
async function peerRound(): Promise<{ treeLagMs: number; hotLagMs: number; received: number }> {
  const mosquitto = await startMosquitto(mkdtempSync(path.join(tmpdir(), 'mqttscope-bench-topics-peer-')));
  const child = spawn('mosquitto_sub', ['-h', '127.0.0.1', '-p', String(mosquitto.port), '-t', 'bench/#', '-t', HOT_TOPIC, '-q', '0', '-i', 'topics-bench-peer'], { stdio: ['ignore', 'pipe', 'ignore'] });
  let lines = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    for (const byte of chunk) if (byte === 10) lines++;
  });
  const lagUntil = async (count: number) => {
    const ended = performance.now();
    while (lines < count && performance.now() - ended < 30_000) await new Promise((resolve) => setTimeout(resolve, 5));
    return performance.now() - ended;
  };
  try {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await flood(mosquitto.port, treeFlood());
    const treeLagMs = await lagUntil(TOPICS);
    await flood(mosquitto.port, hotFlood());
    const hotLagMs = await lagUntil(TOPICS + HOT_MESSAGES);
    return { treeLagMs, hotLagMs, received: lines };
  } finally {
    child.kill();
    await mosquitto.stop();
  }
}

const ROUNDS = Number(process.env.MQTTSCOPE_BENCH_ROUNDS ?? 3);

const smooth = (stats: FrameStats) => `longest task ${stats.longestTaskMs.toFixed(0)} ms (${stats.longTasks} over 50 ms), frame p95 ${stats.p95.toFixed(1)} ms`;

async function main(): Promise<void> {
  const peer = await peerRound();
  const rounds: Round[] = [];
  for (let index = 0; index < ROUNDS; index++) rounds.push(await round());
  const baseline = await round(true);
  console.log(`\nPeer: mosquitto_sub alone received ${peer.received} of ${TOPICS + HOT_MESSAGES}; its last ${peer.treeLagMs.toFixed(0)} ms after the tree flood ended, ${peer.hotLagMs.toFixed(0)} ms after the hot topic's`);
  console.log(`\nTopics under a flood: ${TOPICS} distinct topics, then ${HOT_MESSAGES} messages on ${HOT_TOPIC}, ${RATE} msg/s through mosquitto, ${rounds[0].chromium}, ${ROUNDS} rounds`);
  rounds.forEach((result, index) => {
    console.log(`  round ${index + 1}`);
    console.log(`    ${result.tree.sent + 1} distinct topics in ${result.tree.seconds.toFixed(1)} s, tree open: ${smooth(result.tree)}; all counted ${result.treeShownAfterMs.toFixed(0)} ms after the flood ended (${result.levelsShown})`);
    console.log(`    ${result.hot.sent} messages on one topic in ${result.hot.seconds.toFixed(1)} s: ${smooth(result.hot)}`);
    console.log(`    choose ${HOT_TOPIC} (${HOT_MESSAGES} messages) → its newest open in the details: ${result.chooseMs.toFixed(0)} ms`);
  });
  console.log(`  baseline, the same page with the Topics region not drawn during the floods`);
  console.log(`    distinct topics: ${smooth(baseline.tree)}; one topic: ${smooth(baseline.hot)}`);
  const longest = Math.max(...rounds.flatMap((result) => [result.tree.longestTaskMs, result.hot.longestTaskMs]));
  const slowest = Math.max(...rounds.map((result) => result.chooseMs));
  console.log(`  targets: no task over 50 ms → ${longest <= 50 ? 'met' : 'MISSED'} (longest ${longest.toFixed(0)} ms); newest of 100,000 open ≤ 100 ms → ${slowest <= 100 ? 'met' : 'MISSED'} (slowest ${slowest.toFixed(0)} ms)`);
}

void main();
