// A crash during a flood: the browser-mode host, a real process, records a connection that
// mosquitto floods, and is killed with SIGKILL mid-flood. Started again on the same data folder,
// it lists the session as ended unexpectedly, holding at least everything it had served to the
// page before the trace file grew twice more (two flushes: the second began after the serving),
// the same entries. Waits are for events — rows on the page, the file growing — not the clock.
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TraceEntry } from '@shared/model/trace';
import type { SessionUpdate } from '@shared/model/session-view';
import { encodePacket } from '@shared/mqtt/encode';
import { startMosquitto, type Mosquitto } from '../../testing/mosquitto';
import { until } from '../../testing/wait';
import { buildWebHostProgram } from '../../testing/cli-program';
import { connectContract, runWebHost, type ContractClient, type WebHostRun } from '../../testing/web-host-program';

/** The flood: QoS 0 messages at a steady rate, running until the test stops it (so still running
 *  when the host is killed, however slowly a loaded machine gets there). */
const FLOOD_RATE = 5000;

let program: string;
let mosquitto: Mosquitto;
const hosts: WebHostRun[] = [];
const clients: ContractClient[] = [];

beforeAll(async () => {
  [program, mosquitto] = await Promise.all([buildWebHostProgram(), startMosquitto(mkdtempSync(path.join(tmpdir(), 'mqttscope-crash-broker-')))]);
}, 60_000);
afterAll(async () => {
  for (const client of clients) client.close();
  await Promise.all(hosts.map((host) => host.stop()));
  await mosquitto?.stop();
});

/** A raw publisher writing pre-encoded PUBLISH packets on a schedule, FLOOD_RATE a second. */
async function startFlood(port: number) {
  const socket = net.connect({ host: '127.0.0.1', port });
  socket.on('error', () => {});
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  socket.write(encodePacket({ type: 'CONNECT', clientId: 'crash-test-publisher', clean: true, keepAlive: 60 }));
  await new Promise<void>((resolve) => socket.once('data', () => resolve()));
  const publish = Buffer.from(encodePacket({ type: 'PUBLISH', topic: 'flood/crash', qos: 0, payload: '{"t":21.5,"rh":40,"seq":12345}' }));
  const started = performance.now();
  let sent = 0;
  const timer = setInterval(() => {
    const due = Math.floor(((performance.now() - started) / 1000) * FLOOD_RATE);
    if (due > sent) socket.write(Buffer.concat(Array(due - sent).fill(publish)));
    sent = Math.max(sent, due);
  }, 10);
  return {
    /** Still connected to mosquitto and sending. */
    running: () => !socket.destroyed && socket.writable,
    stop: () => {
      clearInterval(timer);
      socket.destroy();
    },
  };
}

async function allEntries(client: ContractClient, id: string): Promise<TraceEntry[]> {
  const entries: TraceEntry[] = [];
  for (;;) {
    const page = await client.request('sessions.entries', { id, from: entries.length, count: 20_000 });
    entries.push(...page.entries);
    if (page.entries.length === 0 || entries.length >= page.total) return entries;
  }
}

const publishes = (entries: TraceEntry[]) => entries.filter((entry) => entry.kind === 'packet' && entry.typeName === 'PUBLISH').length;

describe('the browser-mode host killed during a flood', () => {
  it('lists the session as ended unexpectedly after a restart, with every entry it had served before the two flushes ahead of the kill, the same', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'mqttscope-crash-data-'));
    const first = await runWebHost(program, dataDir);
    hosts.push(first);
    const page = await connectContract(first.url);
    clients.push(page);
    /** The engine's latest view of each session, as pushed to the page. */
    const views = new Map<string, SessionUpdate>();
    page.on('trace.update', ({ sessions }) => {
      for (const view of sessions) views.set(view.id, view);
    });

    const { connectionId } = await page.request('connection.open', {
      host: '127.0.0.1', port: mosquitto.port, protocolVersion: '3.1.1', clientId: 'crash-test-subscriber', clean: true, keepAlive: 60,
      plan: { subscriptions: [{ topic: 'flood/#', qos: 0 }] },
    });
    await until(() => views.get(connectionId)?.story.flows.some((flow) => flow.kind === 'SUBSCRIBE' && flow.complete) ?? false, 15_000, 'the SUBACK');

    const flood = await startFlood(mosquitto.port);
    try {
      await until(() => (views.get(connectionId)?.rows ?? 0) > 4, 30_000, 'the flood reaching the page');
      // What the engine serves now: all of it must be on disk once the trace file has grown twice
      // more (a flush under way now may hold only part of it; the one after it began later).
      const served = await allEntries(page, connectionId);
      const servedPublishes = publishes(served);
      expect(servedPublishes).toBeGreaterThan(0);
      const file = path.join(dataDir, 'traces', `${connectionId}.trace`);
      const size = () => (existsSync(file) ? statSync(file).size : 0);
      for (let flush = 0; flush < 2; flush++) {
        const before = size();
        await until(() => size() > before, 30_000, 'the trace file to grow');
      }
      first.child.kill('SIGKILL');
      // Still flooding when the host died: the session was cut mid-stream.
      expect(flood.running()).toBe(true);
      await new Promise((resolve) => (first.child.exitCode !== null || first.child.signalCode !== null ? resolve(undefined) : first.child.once('exit', resolve)));
      expect(first.child.signalCode).toBe('SIGKILL');

      const second = await runWebHost(program, dataDir);
      hosts.push(second);
      const again = await connectContract(second.url);
      clients.push(again);
      const { sessions } = await again.request('sessions.list', {});
      const session = sessions.find((candidate) => candidate.id === connectionId);
      expect(session).toMatchObject({ open: false, endedUnexpectedly: true, clientId: 'crash-test-subscriber', outcome: 'Ended unexpectedly (the app stopped)' });
      expect(session!.packets).toBeGreaterThanOrEqual(servedPublishes + 4);

      // Byte for byte what was served, entry for entry: hex, times, order; and more after it.
      const recovered = await allEntries(again, connectionId);
      expect(publishes(recovered)).toBeGreaterThan(servedPublishes);
      expect(recovered.slice(0, served.length)).toEqual(served);
    } finally {
      flood.stop();
    }
  }, 120_000);
});
