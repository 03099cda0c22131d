// `npm run bench:long`: a long capture. A raw publisher sends N QoS 0 messages of 64 B (1,000,000
// by default; MQTTSCOPE_BENCH_MESSAGES=10000000 for ten million) as fast as loopback takes them
// through mosquitto to two subscribers at once: the app in Chromium (browser mode, connected
// through its form) and mosquitto_sub, the peer. Afterwards: the page's JS heap after a
// collection, the engine's RSS, the trace store on disk against the MQTT bytes on the wire,
// whether every packet is shown, scrolling to random rows and opening them, and the type filter.
// Every step has a bound; a step past it ends the run with a message saying which.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodePacket } from '@shared/mqtt/encode';
import { startMosquitto } from '../testing/mosquitto';
import { seededRandom } from '../testing/seeded-random';
import { connectContract, runWebHost } from '../testing/web-host-program';
import { openCdpPage, type CdpPage } from './support/cdp-page';
import { PAGE_HELPERS } from './support/page-helpers';

const MESSAGES = Number(process.env.MQTTSCOPE_BENCH_MESSAGES ?? 1_000_000);
/** Messages a second, or unpaced (as fast as the socket drains) when unset. */
const RATE = process.env.MQTTSCOPE_BENCH_RATE ? Number(process.env.MQTTSCOPE_BENCH_RATE) : undefined;
const SEED = Number(process.env.MQTTSCOPE_BENCH_SEED ?? Date.now() % 100_000);
const TOPIC = 'flood/long';
const PAYLOAD_BYTES = 64;
/** CONNECT, CONNACK, SUBSCRIBE, SUBACK. */
const HANDSHAKE_PACKETS = 4;
/** Packets written to the socket at once. */
const WRITE_BATCH = 2048;
const SCROLL_SAMPLES = 7;

/** Bounds: the whole flood shown (generous: 1 ms a message, at least 3 min), no progress for a
 *  while, and any single step in the page. */
const FLOOD_TIMEOUT_MS = Math.max(180_000, MESSAGES);
const STALL_TIMEOUT_MS = 60_000;
const STEP_TIMEOUT_MS = 60_000;
const SCROLL_TIMEOUT_MS = 10_000;

/** Targets of the long-capture issue. */
const TARGETS = { pageHeapBytes: 100 * 1024 * 1024, engineRssBytes: 300 * 1024 * 1024, diskRatio: 1.3, scrollOpenMs: 100, typeFilterMs: 1000, keepUpMs: 1000 };

/** Ends the run (the processes it started are stopped first) with what went wrong. */
function fail(message: string): never {
  throw new Error(message);
}

/** Resolves with `work`, or ends the run saying which step took too long. */
async function bounded<T>(step: string, timeoutMs: number, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${step} took more than ${(timeoutMs / 1000).toFixed(0)} s`)), timeoutMs)));
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One PUBLISH whose payload starts `seq NNNNNNNNNN ` (its place in the flood), 64 B in all. */
function publishTemplate(): { packet: Buffer; seqOffset: number } {
  const payload = `seq 0000000000 ${'x'.repeat(PAYLOAD_BYTES - 15)}`;
  const packet = Buffer.from(encodePacket({ type: 'PUBLISH', topic: TOPIC, qos: 0, payload }));
  return { packet, seqOffset: packet.indexOf('seq ') + 4 };
}

/** A raw publisher: pre-encoded packets, each numbered, written as fast as the socket drains. */
async function flood(port: number): Promise<{ seconds: number; bytes: number }> {
  const socket = net.connect({ host: '127.0.0.1', port });
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  socket.write(encodePacket({ type: 'CONNECT', clientId: 'long-bench-publisher', clean: true, keepAlive: 0 }));
  await new Promise<void>((resolve) => socket.once('data', () => resolve()));
  const { packet, seqOffset } = publishTemplate();
  const started = performance.now();
  for (let sent = 0; sent < MESSAGES; ) {
    const count = Math.min(WRITE_BATCH, MESSAGES - sent);
    const batch = Buffer.alloc(count * packet.length);
    for (let index = 0; index < count; index++) {
      const at = index * packet.length;
      packet.copy(batch, at);
      let seq = sent + index + 1;
      for (let digit = 9; digit >= 0; digit--, seq = Math.floor(seq / 10)) batch[at + seqOffset + digit] = 48 + (seq % 10);
    }
    sent += count;
    if (!socket.write(batch)) await new Promise((resolve) => socket.once('drain', resolve));
    if (RATE) {
      const due = started + (sent / RATE) * 1000;
      if (due > performance.now()) await sleep(due - performance.now());
    }
  }
  const seconds = (performance.now() - started) / 1000;
  await new Promise<void>((resolve) => socket.end(encodePacket({ type: 'DISCONNECT' }), () => resolve()));
  return { seconds, bytes: MESSAGES * packet.length };
}

/** mosquitto_sub on the flood topic: counts the messages it prints, and when the last came. */
function startPeer(port: number): { count: () => number; doneAt: () => number | undefined; child: ChildProcess } {
  const child = spawn('mosquitto_sub', ['-h', '127.0.0.1', '-p', String(port), '-t', TOPIC, '-q', '0', '-i', 'long-bench-peer'], { stdio: ['ignore', 'pipe', 'ignore'] });
  let lines = 0;
  let doneAt: number | undefined;
  child.stdout!.on('data', (chunk: Buffer) => {
    for (const byte of chunk) if (byte === 10) lines++;
    if (lines >= MESSAGES && doneAt === undefined) doneAt = performance.now();
  });
  return { count: () => lines, doneAt: () => doneAt, child };
}

/** VmRSS and VmHWM (the peak) of a process, in bytes. */
function processMemory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kib('VmRSS'), peak: kib('VmHWM') };
}

/** Bytes of the files in a folder, and the blocks they take on disk. */
function folderSize(dir: string): { bytes: number; onDisk: number; files: number } {
  let bytes = 0;
  let onDisk = 0;
  const names = readdirSync(dir);
  for (const name of names) {
    const stats = statSync(path.join(dir, name));
    bytes += stats.size;
    onDisk += stats.blocks * 512;
  }
  return { bytes, onDisk, files: names.length };
}

/** The packet count the list shows: `N`, or `N of M` under a filter (thousands separators allowed). */
const READ_COUNT = `(() => {
  const text = document.querySelector('[aria-label="Packet count"]')?.textContent ?? '';
  const numbers = (text.match(/[\\d,. ]*\\d/g) ?? []).map((part) => Number(part.replace(/[^\\d]/g, '')));
  return { shown: numbers[0] ?? 0, total: numbers[1] ?? numbers[0] ?? 0, text };
})()`;

const LOST = `document.body.textContent.includes('connection to the MQTT Scope engine was lost')`;

/**
 * In the page: scroll the packet list so the row at `index` (from 0) is in view, wait for it to
 * be drawn with its packet, click it, and wait for the details pane to show that packet (the
 * payload's sequence number is in both). Returns the milliseconds to the next frame after.
 */
const SCROLL_AND_OPEN = (index: number, timeoutMs: number) => `(async () => {
  const viewport = document.querySelector('[role=rowgroup][aria-label^="Packet rows"]');
  if (!viewport) throw new Error('No packet rows region');
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const started = performance.now();
  const deadline = started + ${timeoutMs};
  // In proportion: past a million rows the list maps its (capped) scroll height onto the rows.
  viewport.scrollTop = (${index} / ${READ_COUNT}.shown) * (viewport.scrollHeight - viewport.clientHeight);
  let row;
  for (;;) {
    row = viewport.querySelector('[role=row][aria-rowindex="${index + 2}"]');
    if (row && /seq \\d{10}/.test(row.textContent)) break;
    if (performance.now() > deadline) return { error: 'row ${index + 1} was not drawn (scrollTop ' + viewport.scrollTop + ' of ' + viewport.scrollHeight + ')' };
    await frame();
  }
  const seq = /seq (\\d{10})/.exec(row.textContent)[1];
  row.click();
  const details = document.querySelector('[aria-label="Packet details"]');
  while (!(details.querySelector('h2')?.textContent.includes('PUBLISH') && details.textContent.includes('seq ' + seq))) {
    if (performance.now() > deadline) return { error: 'packet ' + seq + ' did not open' };
    await frame();
  }
  const shownAt = performance.now();
  await frame();
  return { ms: performance.now() - started, domMs: shownAt - started, seq: Number(seq) };
})()`;

/** In the page: choose a type in the packet list's Type select and wait for the count to say `expected`. */
const FILTER_BY_TYPE = (type: string, expected: number, timeoutMs: number) => `(async () => {
  const select = [...document.querySelectorAll('select')].find((element) => element.closest('label')?.firstChild?.textContent.trim() === 'Type');
  if (!select) throw new Error('No Type select');
  if (![...select.options].some((option) => option.value === '${type}')) throw new Error('No ${type} in the Type select');
  const started = performance.now();
  Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set.call(select, '${type}');
  select.dispatchEvent(new Event('change', { bubbles: true }));
  for (;;) {
    const count = ${READ_COUNT};
    if (count.shown === ${expected}) break;
    if (performance.now() - started > ${timeoutMs}) return { error: 'the count said ' + JSON.stringify(count.text) };
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  const shownAt = performance.now();
  await new Promise((resolve) => requestAnimationFrame(resolve));
  return { ms: performance.now() - started, domMs: shownAt - started };
})()`;

const MB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const met = (ok: boolean) => (ok ? 'met' : 'NOT MET');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Polls the page's packet count until it reaches `expected`; says so if the host dropped the
 *  page first. Ends the run if the count stalls or the whole takes too long. */
async function waitForShown(page: CdpPage, expected: number, started: number, beside: () => string): Promise<{ shownAt: number } | { lost: { shown: number; ms: number } }> {
  let last = { shown: 0, at: started };
  let nextReport = started + 5000;
  for (;;) {
    await sleep(250);
    const now = performance.now();
    // While the page loads there is nothing to read yet.
    const { shown } = await page.evaluate<{ shown: number }>(READ_COUNT).catch(() => ({ shown: 0 }));
    if (shown >= expected) return { shownAt: now };
    if (shown > last.shown) last = { shown, at: now };
    if (now >= nextReport) {
      console.log(`  ${((now - started) / 1000).toFixed(0)} s: the app shows ${shown.toLocaleString('en')}; ${beside()}`);
      nextReport += 5000;
    }
    if (await page.evaluate<boolean>(LOST).catch(() => false)) return { lost: { shown, ms: now - started } };
    if (now - last.at > STALL_TIMEOUT_MS) fail(`the app stopped at ${shown.toLocaleString('en')} of ${expected.toLocaleString('en')} packets: nothing new for ${STALL_TIMEOUT_MS / 1000} s`);
    if (now - started > FLOOD_TIMEOUT_MS) fail(`the flood was not fully shown within ${FLOOD_TIMEOUT_MS / 1000} s (${shown.toLocaleString('en')} of ${expected.toLocaleString('en')})`);
  }
}

async function main(): Promise<void> {
  const program = path.resolve('dist/node/web.cjs');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mqttscope-bench-long-data-'));
  // No limit on what mosquitto queues for a subscriber that falls behind: every message is sent.
  const mosquitto = await startMosquitto(mkdtempSync(path.join(tmpdir(), 'mqttscope-bench-long-')), [], { maxQueuedMessages: 0 });
  const host = await runWebHost(program, dataDir);
  const page = await openCdpPage(host.url);
  const peer = startPeer(mosquitto.port);
  const stopAll = async () => {
    peer.child.kill();
    await page.close().catch(() => {});
    await host.stop();
    await mosquitto.stop();
  };
  process.on('SIGINT', () => void stopAll().then(() => process.exit(130)));
  try {
    console.log(`bench:long: ${MESSAGES.toLocaleString('en')} QoS 0 messages of ${PAYLOAD_BYTES} B, ${RATE ? `${RATE}/s` : 'unpaced'}, seed ${SEED}, ${page.version}`);
    await page.waitFor(`[...document.querySelectorAll('button')].some((button) => button.textContent === 'Connect' && !button.disabled)`);
    await page.evaluate(PAGE_HELPERS);
    await page.evaluate(`(() => {
      __fill('Host', '127.0.0.1'); __fill('Port', '${mosquitto.port}'); __fill('Client ID', 'long-bench');
      __fill('Subscribe to', '${TOPIC} 0'); __press('Connect');
    })()`);
    await bounded('Connecting the app', STEP_TIMEOUT_MS, page.waitFor(`[...document.querySelectorAll('[role=row]')].some((row) => row.textContent.includes('SUBACK'))`, STEP_TIMEOUT_MS));
    // mosquitto_sub says nothing once subscribed; a second is plenty on loopback.
    await sleep(1000);
    const baseline = processMemory(host.child.pid!);

    // The flood, and both subscribers catching up with it.
    const started = performance.now();
    const sending = flood(mosquitto.port);
    sending.catch(() => {});
    const expected = MESSAGES + HANDSHAKE_PACKETS;
    const live = await waitForShown(page, expected, started, () => `mosquitto_sub has ${peer.count().toLocaleString('en')}`);
    const sent = await sending;
    await bounded('mosquitto_sub receiving the flood', STEP_TIMEOUT_MS, (async () => { while (peer.doneAt() === undefined) await sleep(50); })());
    const peerMs = peer.doneAt()! - started;

    // The engine has recorded the whole flood (a page dropped mid-flood did not stop it).
    const contract = await connectContract(host.url);
    const recorded = async () => (await contract.request('sessions.list', {})).sessions.find((candidate) => candidate.clientId === 'long-bench');
    await bounded('The engine recording the flood', FLOOD_TIMEOUT_MS, (async () => { while (((await recorded())?.packets ?? 0) < expected) await sleep(500); })());

    // A page the host dropped reads the connection back from the store when reloaded.
    let reloadMs: number | undefined;
    if ('lost' in live) {
      console.log(`  the page lost its connection to the host at ${live.lost.shown.toLocaleString('en')} packets; reloading it`);
      const reloadedAt = performance.now();
      await page.command('Page.reload');
      const again = await waitForShown(page, expected, reloadedAt, () => 'after a reload');
      if ('lost' in again) fail(`the reloaded page lost its connection too, at ${again.lost.shown.toLocaleString('en')} packets`);
      reloadMs = again.shownAt - reloadedAt;
    }
    await sleep(1000);
    const shown = await page.evaluate<{ shown: number; total: number }>(READ_COUNT);

    // Memory once the flood is in: the engine as it stands, the page after a full collection.
    const engine = processMemory(host.child.pid!);
    await page.command('HeapProfiler.collectGarbage');
    await page.command('HeapProfiler.collectGarbage');
    const heap = await page.command('Runtime.getHeapUsage');

    // The store on disk against the bytes on the wire: the flood's PUBLISH packets, the
    // handshake, and any PINGREQ / PINGRESP (2 bytes each) between, read from the store.
    const session = await recorded();
    if (!session) fail('the app’s session is not in the trace store');
    const head = await contract.request('sessions.entries', { id: session.id, from: 0, count: 16 });
    const handshake = head.entries.filter((entry) => entry.kind === 'packet' && entry.typeName !== 'PUBLISH' && !entry.typeName.startsWith('PING')).reduce((sum, entry) => sum + ('hex' in entry ? entry.hex.length / 2 : 0), 0);
    const pings = session.packets - MESSAGES - HANDSHAKE_PACKETS;
    const wireBytes = sent.bytes + handshake + Math.max(0, pings) * 2;
    contract.close();
    const disk = folderSize(path.join(dataDir, 'traces'));

    // Scroll to random rows among the PUBLISH packets and open each.
    const random = seededRandom(SEED);
    const scrolls: number[] = [];
    const scrollProblems: string[] = [];
    for (let sample = 0; sample < SCROLL_SAMPLES; sample++) {
      const index = HANDSHAKE_PACKETS + random.int(Math.max(1, shown.shown - HANDSHAKE_PACKETS - 2));
      const result = await bounded('Scrolling to a row', SCROLL_TIMEOUT_MS + 5000, page.evaluate<{ ms?: number; error?: string }>(SCROLL_AND_OPEN(index, SCROLL_TIMEOUT_MS)));
      if (result.error) scrollProblems.push(result.error);
      else scrolls.push(result.ms!);
    }

    // The type filter: PUBLISH only, then all types again.
    const typeFilter = await bounded('The type filter', STEP_TIMEOUT_MS + 5000, page.evaluate<{ ms?: number; error?: string }>(FILTER_BY_TYPE('PUBLISH', MESSAGES, STEP_TIMEOUT_MS)));
    const allTypes = await bounded('Clearing the type filter', STEP_TIMEOUT_MS + 5000, page.evaluate<{ ms?: number; error?: string }>(FILTER_BY_TYPE('', shown.total, STEP_TIMEOUT_MS)));

    const pageHeap = heap.usedSize as number;
    const diskRatio = disk.bytes / wireBytes;
    const everyPacket = shown.shown === session.packets && shown.shown >= expected;
    const rows: [string, string, string, string][] = [
      ['flood sent', `${MESSAGES.toLocaleString('en')} in ${sent.seconds.toFixed(2)} s (${(MESSAGES / sent.seconds / 1000).toFixed(0)} k msg/s)`, '', ''],
      ['all received: mosquitto_sub', seconds(peerMs), '', ''],
      'lost' in live
        ? ['all shown: the app', `never live: the host dropped the page ${seconds(live.lost.ms)} in, at ${live.lost.shown.toLocaleString('en')} packets`, `after a reload: all shown in ${seconds(reloadMs!)}`, `keeps up: ${met(false)}`]
        : ['all shown: the app', seconds(live.shownAt - started), `${((live.shownAt - started) / peerMs).toFixed(2)}× mosquitto_sub, ${seconds(live.shownAt - started - peerMs)} after it`, `keeps up (≤ 1 s after the peer): ${met(live.shownAt - started - peerMs <= TARGETS.keepUpMs)}`],
      ['packets shown', `${shown.shown.toLocaleString('en')} of ${session.packets.toLocaleString('en')} recorded (${expected.toLocaleString('en')} expected + ${Math.max(0, pings)} pings)`, 'lost' in live ? 'after a reload' : 'live', 'lost' in live ? `live: ${met(false)}; after a reload: ${met(everyPacket)}` : met(everyPacket)],
      ['page JS heap after GC', MB(pageHeap), `${(pageHeap / MESSAGES).toFixed(0)} B a message`, `≤ 100 MB: ${met(pageHeap <= TARGETS.pageHeapBytes)}`],
      ['engine RSS (peak)', `${MB(engine.rss)} (${MB(engine.peak)}), ${MB(baseline.rss)} before`, `${((engine.rss - baseline.rss) / MESSAGES).toFixed(0)} B a message`, `≤ 300 MB: ${met(engine.rss <= TARGETS.engineRssBytes)}`],
      ['traces/ on disk', `${MB(disk.bytes)} in ${disk.files} files (${MB(disk.onDisk)} in blocks)`, `${diskRatio.toFixed(3)}× the ${MB(wireBytes)} on the wire`, `≤ 1.3×: ${met(diskRatio <= TARGETS.diskRatio)}`],
      ['scroll to a random row + open it', scrolls.length ? `median ${median(scrolls).toFixed(0)} ms, worst ${Math.max(...scrolls).toFixed(0)} ms (${scrolls.length} of ${SCROLL_SAMPLES})` : 'none opened', scrollProblems.join('; '), `≤ 100 ms: ${met(scrolls.length === SCROLL_SAMPLES && Math.max(...scrolls) <= TARGETS.scrollOpenMs)}`],
      ['type filter: PUBLISH', typeFilter.error ?? `${typeFilter.ms!.toFixed(0)} ms`, MESSAGES >= 10_000_000 ? 'over 10M' : `over ${MESSAGES.toLocaleString('en')} (the target is over 10M)`, `≤ 1 s: ${met(!typeFilter.error && typeFilter.ms! <= TARGETS.typeFilterMs)}`],
      ['type filter: back to all types', allTypes.error ?? `${allTypes.ms!.toFixed(0)} ms`, '', ''],
    ];
    const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => row[column].length)));
    console.log(`\nLong capture: ${MESSAGES.toLocaleString('en')} QoS 0 × ${PAYLOAD_BYTES} B through mosquitto to the app (Chromium, browser mode) and mosquitto_sub at once, seed ${SEED}\n`);
    for (const row of rows) console.log(`  ${row.map((cell, column) => cell.padEnd(widths[column])).join('  │ ')}`);
  } finally {
    await stopAll();
  }
}

main().catch((error: Error) => {
  console.error(`\nbench:long stopped: ${error.message}`);
  process.exit(1);
});
