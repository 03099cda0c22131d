// The trace store through the engine: every connection (this app's client and the local
// broker's) recorded on disk as it happens, read back the same live and after a restart, the
// size cap, and a file a crash cut short.
import { mkdtempSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventName, EventPayloads } from '@shared/contract';
import type { TraceEntry } from '@shared/model/trace';
import type { SessionUpdate } from '@shared/model/session-view';
import { sessionsPastCap } from '@shared/model/session-summary';
import { until } from '../../../testing/wait';
import { requireTshark, tsharkRead } from '../../../testing/tshark';
import { Engine } from '../engine';
import { TraceStore } from './trace-store';

const engines: Engine[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.dispose()));
});

function engineAt(dataDir: string) {
  /** The latest view the engine pushed of each session. */
  const pushed = new Map<string, SessionUpdate>();
  const instance = new Engine({
    host: 'web',
    version: 'test',
    dataDir,
    emit: <E extends EventName>(event: E, payload: EventPayloads[E]) => {
      if (event === 'trace.update') for (const view of (payload as EventPayloads['trace.update']).sessions) pushed.set(view.id, view);
    },
  });
  engines.push(instance);
  return { instance, pushed };
}

const newDataDir = () => mkdtempSync(path.join(tmpdir(), 'mqttscope-store-'));
type Views = Map<string, SessionUpdate>;
const storyOf = (views: Views, id: string) => views.get(id)?.story;
const ended = (views: Views, id: string) => storyOf(views, id)?.end !== undefined && views.get(id)?.open === false;
const packetsOf = (entries: TraceEntry[], dir?: 'c2s' | 's2c') => entries.flatMap((entry) => (entry.kind === 'packet' && (!dir || entry.dir === dir) ? [entry.hex] : []));

async function allEntries(engine: Engine, id: string): Promise<TraceEntry[]> {
  const entries: TraceEntry[] = [];
  for (;;) {
    const page = await engine.handle('sessions.entries', { id, from: entries.length, count: 7 });
    entries.push(...page.entries);
    if (entries.length >= page.total) return entries;
  }
}

/** A session through the embedded broker: connect, 40 QoS 1 messages to itself, disconnect. */
async function recordSession(engine: Engine, pushed: Views) {
  const status = await engine.handle('local.status', {});
  const broker = status.broker ?? (await engine.handle('broker.start', { kind: 'embedded', port: 0 }));
  const publications = Array.from({ length: 40 }, (_, n) => ({ topic: 'store/test', payload: `message ${n} ${'x'.repeat(n * 10)}`, qos: 1 as const }));
  const { connectionId } = await engine.handle('connection.open', {
    host: '127.0.0.1', port: broker.port, protocolVersion: '3.1.1', clientId: 'store-test', clean: true, keepAlive: 60,
    plan: { subscriptions: [{ topic: 'store/#', qos: 1 }], publications },
  });
  const flows = (from: 'c2s' | 's2c') => storyOf(pushed, connectionId)?.flows.filter((flow) => flow.kind === 'PUBLISH QoS 1' && flow.from === from && flow.complete).length ?? 0;
  await until(() => flows('c2s') >= 40 && flows('s2c') >= 40, 10_000, 'the PUBACKs both ways');
  await engine.handle('connection.close', { connectionId });
  await until(() => ended(pushed, connectionId), 5000, 'the end');
  return connectionId;
}

describe('the trace store', () => {
  it('records every connection as it happens: both ends hold the same bytes, read back the same live and after a restart', async () => {
    const dataDir = newDataDir();
    const first = engineAt(dataDir);
    const clientId = await recordSession(first.instance, first.pushed);

    const { sessions } = await first.instance.handle('sessions.list', {});
    const client = sessions.find((session) => session.id === clientId)!;
    expect(client).toMatchObject({ origin: 'client', clientId: 'store-test', label: 'store-test' });
    expect(client.packets).toBe(first.pushed.get(clientId)!.rows);
    const brokerSide = sessions.find((session) => session.origin === 'broker')!;
    expect(brokerSide.clientId).toBe('store-test');

    // What the client sent is what the broker received, and the other way round: byte for byte.
    await until(() => ended(first.pushed, brokerSide.id), 5000, 'the broker side to end');
    const clientLive = await allEntries(first.instance, clientId);
    const brokerLive = await allEntries(first.instance, brokerSide.id);
    expect(packetsOf(clientLive, 'c2s')).toEqual(packetsOf(brokerLive, 'c2s'));
    expect(packetsOf(clientLive, 's2c')).toEqual(packetsOf(brokerLive, 's2c'));
    expect(packetsOf(clientLive).length).toBe(first.pushed.get(clientId)!.rows);

    await first.instance.dispose();
    engines.length = 0;

    // After a restart, read back from the files: the same entries.
    const second = engineAt(dataDir);
    const after = await second.instance.handle('sessions.list', {});
    expect(after.sessions.map((session) => session.id).sort()).toEqual([clientId, brokerSide.id].sort());
    expect(after.sessions.every((session) => !session.open && !session.endedUnexpectedly)).toBe(true);
    expect(after.sessions.find((session) => session.id === clientId)?.outcome).toBe('Closed');
    expect(await allEntries(second.instance, clientId)).toEqual(clientLive);
    expect(await allEntries(second.instance, brokerSide.id)).toEqual(brokerLive);
  }, 30_000);

  it('gives back an open connection\'s entries while it is recording', async () => {
    const { instance, pushed } = engineAt(newDataDir());
    const broker = await instance.handle('broker.start', { kind: 'embedded', port: 0 });
    const { connectionId } = await instance.handle('connection.open', { host: '127.0.0.1', port: broker.port, protocolVersion: '3.1.1', clientId: 'still-open', clean: true, keepAlive: 60 });
    await until(() => storyOf(pushed, connectionId)?.connack !== undefined, 5000, 'the CONNACK');
    const page = await instance.handle('sessions.entries', { id: connectionId, from: 0, count: 100 });
    expect(page.open).toBe(true);
    expect(page.entries.length).toBe(pushed.get(connectionId)!.entries);
    expect(page.entries.some((entry) => entry.kind === 'packet' && entry.typeName === 'CONNACK')).toBe(true);
  });

  it('a file cut short by a crash opens up to its last whole record and says the session ended unexpectedly', async () => {
    const dataDir = newDataDir();
    const first = engineAt(dataDir);
    const id = await recordSession(first.instance, first.pushed);
    const original = await allEntries(first.instance, id);
    await first.instance.dispose();
    engines.length = 0;
    // As a crash leaves it: the summary still says open, the file ends inside a record.
    const traces = path.join(dataDir, 'traces');
    const summaryFile = path.join(traces, `${id}.json`);
    writeFileSync(summaryFile, JSON.stringify({ ...JSON.parse(readFileSync(summaryFile, 'utf8')), open: true }));
    const file = path.join(traces, `${id}.trace`);
    truncateSync(file, statSync(file).size - 30);

    const second = engineAt(dataDir);
    const { sessions, problems } = await second.instance.handle('sessions.list', {});
    const session = sessions.find((item) => item.id === id)!;
    expect(session).toMatchObject({ open: false, endedUnexpectedly: true });
    expect(problems.join(' ')).toMatch(new RegExp(`${id}\\.trace: The file ends inside a record at byte \\d+`));
    const entries = await allEntries(second.instance, id);
    // Every packet up to the cut is there, the same bytes.
    const packets = entries.filter((entry) => entry.kind === 'packet');
    expect(packets.length).toBeGreaterThan(80);
    expect(packets).toEqual(original.filter((entry) => entry.kind === 'packet').slice(0, packets.length));
  }, 30_000);

  it('past the size cap the closed sessions go, oldest first, never an open one', async () => {
    const dataDir = newDataDir();
    const { instance, pushed } = engineAt(dataDir);
    const older = await recordSession(instance, pushed);
    const newer = await recordSession(instance, pushed);
    expect((await instance.handle('sessions.list', {})).sessions).toHaveLength(4);
    // Under the cap nothing goes.
    await instance.handle('sessions.settings', { capBytes: 1024 * 1024 });
    expect((await instance.handle('sessions.list', {})).sessions).toHaveLength(4);

    // An open connection of 1.5 MB: over the cap, it stays, and the closed ones go, oldest first.
    const broker = (await instance.handle('local.status', {})).broker!;
    const big = 'y'.repeat(256 * 1024);
    const { connectionId } = await instance.handle('connection.open', {
      host: '127.0.0.1', port: broker.port, protocolVersion: '3.1.1', clientId: 'big', clean: true, keepAlive: 60,
      plan: { publications: Array.from({ length: 6 }, () => ({ topic: 'big', payload: big, qos: 1 as const })) },
    });
    await until(() => (storyOf(pushed, connectionId)?.flows.filter((flow) => flow.complete).length ?? 0) >= 6, 10_000, 'the PUBACKs');
    const sizes = (await instance.handle('sessions.list', {})).sessions;
    expect(sizes.find((session) => session.id === connectionId)!.bytes).toBeGreaterThan(1024 * 1024);
    // The sessions the page would list and the person confirm.
    const deleting = sessionsPastCap(sizes, 1024 * 1024 + 1).map((session) => session.id);
    expect(deleting).toEqual(expect.arrayContaining([older, newer]));
    await instance.handle('sessions.settings', { capBytes: 1024 * 1024 + 1, deleting });
    const left = (await instance.handle('sessions.list', {})).sessions;
    expect(left.filter((session) => session.open).map((session) => session.id)).toContain(connectionId);
    expect(left.map((session) => session.id)).not.toContain(older);
    expect(left.map((session) => session.id)).not.toContain(newer);
    expect(readdirSync(path.join(dataDir, 'traces')).filter((name) => name.endsWith('.trace'))).toHaveLength(left.length);
    await expect(instance.handle('sessions.delete', { id: connectionId })).rejects.toThrow('still recording');
    await expect(instance.handle('sessions.delete', { id: older })).rejects.toThrow('No such session');
  }, 30_000);

  it('a saved trace opened in parts: one the store holds is that session; one cut short opens up to its break, with the offset said', async () => {
    const { instance, pushed } = engineAt(newDataDir());
    const id = await recordSession(instance, pushed);
    await until(() => [...pushed.keys()].every((key) => ended(pushed, key)), 5000, 'the broker side to end');
    const original = await allEntries(instance, id);
    // The recording complete (its file written whole): the store's own promise for it.
    await instance['traces'].finish(id);
    const saved = readFileSync(path.join(instance['traces'].dir, `${id}.trace`));
    const cut = saved.subarray(0, saved.length - 40);
    const open = async (bytes: Uint8Array) => {
      const half = Math.floor(bytes.length / 2);
      const { upload } = await instance.handle('files.open', { name: 'saved.trace', part: Buffer.from(bytes.subarray(0, half)).toString('base64'), done: false });
      return instance.handle('files.open', { upload, name: 'saved.trace', part: Buffer.from(bytes.subarray(half)).toString('base64'), done: true });
    };
    const whole = await open(saved);
    expect(whole.problems).toEqual([]);
    expect(whole.sessions).toHaveLength(1);
    // The store's own file is the same recording: shown, not copied.
    expect(whole.alreadyHeld).toEqual([id]);
    const reopened = await allEntries(instance, whole.sessions![0].id);
    expect(reopened.map(({ connectionId: _, ...rest }) => rest)).toEqual(original.map(({ connectionId: _, ...rest }) => rest));

    const broken = await open(cut);
    expect(broken.problems).toEqual([expect.stringMatching(/^saved\.trace: The file ends inside a record at byte \d+/)]);
    const partial = await allEntries(instance, broken.sessions![0].id);
    expect(partial.filter((entry) => entry.kind === 'packet').length).toBeGreaterThan(80);

    const garbage = await instance.handle('files.open', { name: 'notes.txt', part: Buffer.from('hello').toString('base64'), done: true });
    expect(garbage).toMatchObject({ sessions: [], problems: ['notes.txt is not a file this app reads (a saved MQTT Scope trace, pcap or pcapng)'] });
  }, 30_000);

  it('refuses an export larger than it can make in memory, in words, and makes the same export within the limit', async () => {
    const dataDir = newDataDir();
    const { instance, pushed } = engineAt(dataDir);
    const id = await recordSession(instance, pushed);
    await instance.dispose();
    const store = new TraceStore(dataDir);
    await store.start();
    const size = statSync(path.join(dataDir, 'traces', `${id}.trace`)).size;
    await expect(store.captured([id], size - 1)).rejects.toThrow(/^These sessions take \d+(\.\d)? KB on disk; an export is made in memory and takes at most \d+(\.\d)? KB: export fewer sessions at a time$/);
    const [session] = await store.captured([id], size);
    expect(session.id).toBe(id);
    await store.dispose();
  });

  it('sessions export as one file, passwords blanked unless asked, read in parts, and open again the same', async () => {
    const { instance, pushed } = engineAt(newDataDir());
    await instance.handle('broker.start', { kind: 'embedded', port: 0, users: [{ username: 'alice', password: 'hunter2' }], allowAnonymous: true });
    const first = await recordSession(instance, pushed);
    const broker = (await instance.handle('local.status', {})).broker!;
    const { connectionId: second } = await instance.handle('connection.open', { host: '127.0.0.1', port: broker.port, protocolVersion: '3.1.1', clientId: 'with-password', clean: true, keepAlive: 60, username: 'alice', password: 'hunter2' });
    await until(() => storyOf(pushed, second)?.connack !== undefined, 5000, 'the CONNACK');
    await instance.handle('connection.close', { connectionId: second });
    await until(() => ended(pushed, second), 5000, 'the end');

    const download = async (includeSecrets: boolean) => {
      const { download: id, size, name } = await instance.handle('sessions.export', { ids: [first, second], format: 'trace', includeSecrets });
      expect(name).toMatch(/^mqtt-scope-.*\.mqtrace$/);
      const parts: Buffer[] = [];
      for (let done = false; !done; ) {
        const read = await instance.handle('files.read', { download: id, offset: parts.reduce((sum, part) => sum + part.length, 0) });
        parts.push(Buffer.from(read.part, 'base64'));
        done = read.done;
      }
      const bytes = Buffer.concat(parts);
      expect(bytes.length).toBe(size);
      await expect(instance.handle('files.read', { download: id, offset: 0 })).rejects.toThrow('unknown or expired');
      return bytes;
    };
    const redacted = await download(false);
    const whole = await download(true);
    expect(redacted.length).toBe(whole.length);
    expect(whole.includes('hunter2')).toBe(true);
    expect(redacted.includes('hunter2')).toBe(false);
    expect(redacted.includes('*******')).toBe(true);

    const opened = await instance.handle('files.open', { name: 'export.mqtrace', part: redacted.toString('base64'), done: true });
    expect(opened.problems).toEqual([]);
    expect(opened.sessions!.map((session) => session.clientId).sort()).toEqual(['store-test', 'with-password']);
    const reopened = await allEntries(instance, opened.sessions!.find((session) => session.clientId === 'store-test')!.id);
    const original = await allEntries(instance, first);
    expect(reopened.map(({ connectionId: _, ...rest }) => rest)).toEqual(original.map(({ connectionId: _, ...rest }) => rest));
  }, 30_000);

  it('a recorded session exported as pcapng reads in tshark as the same MQTT packets, byte for byte, between its real ends', async () => {
    requireTshark();
    const dataDir = newDataDir();
    const { instance, pushed } = engineAt(dataDir);
    const id = await recordSession(instance, pushed);
    const broker = (await instance.handle('local.status', {})).broker!;
    const { download } = await instance.handle('sessions.export', { ids: [id], format: 'pcapng' });
    const parts: Buffer[] = [];
    for (let done = false; !done; ) {
      const read = await instance.handle('files.read', { download, offset: parts.reduce((sum, part) => sum + part.length, 0) });
      parts.push(Buffer.from(read.part, 'base64'));
      done = read.done;
    }
    const file = path.join(dataDir, 'export.pcapng');
    writeFileSync(file, Buffer.concat(parts));
    const frames = tsharkRead(file, [broker.port]);
    const mqtt = frames.flatMap((frame) => frame.mqtt);
    expect(mqtt).toEqual(packetsOf(await allEntries(instance, id)));
    expect(frames.some((frame) => frame.dstPort === broker.port)).toBe(true);
    expect(frames[0].comments.join(' ')).toContain(`MQTT Scope session ${id}`);
  }, 30_000);

  it('answers the UI by range: rows filtered in the engine, a row’s place in the filter, a window’s packets or their density', async () => {
    const { instance, pushed } = engineAt(newDataDir());
    const broker = await instance.handle('broker.start', { kind: 'embedded', port: 0 });
    const publications = Array.from({ length: 300 }, (_, n) => ({ topic: 'rows/t', payload: `n=${n}`, qos: 0 as const }));
    const { connectionId: id } = await instance.handle('connection.open', { host: '127.0.0.1', port: broker.port, protocolVersion: '3.1.1', clientId: 'rows', clean: true, keepAlive: 60, plan: { subscriptions: [{ topic: 'rows/#', qos: 0 }], publications } });
    await until(() => (pushed.get(id)?.typeNames.includes('PUBLISH') ?? false) && pushed.get(id)!.rows >= 4 + 600, 10_000, 'the messages both ways');
    const view = await instance.handle('sessions.view', { id });
    expect(view).toMatchObject({ id, origin: 'client', open: true });
    expect(view.typeNames).toEqual(['CONNACK', 'CONNECT', 'PUBLISH', 'SUBACK', 'SUBSCRIBE']);

    const entries = await allEntries(instance, id);
    const packets = entries.filter((entry) => entry.kind === 'packet');
    const all = await instance.handle('sessions.rows', { id, from: 0, count: 1000 });
    expect(all.total).toBe(packets.length);
    expect(all.rows.map(({ seq, time, dir, typeName }) => ({ seq, time, dir, typeName }))).toEqual(packets.map(({ seq, time, dir, typeName }) => ({ seq, time, dir, typeName })));
    expect(all.rows.find((row) => row.typeName === 'PUBLISH')?.summary).toMatch(/PUBLISH QoS 0 "rows\/t" \d+ bytes: n=0$/);

    const received = await instance.handle('sessions.rows', { id, from: 10, count: 5, type: 'PUBLISH', dir: 's2c' });
    expect(received.total).toBe(300);
    expect(received.rows.map((row) => row.summary)).toEqual([10, 11, 12, 13, 14].map((n) => expect.stringMatching(new RegExp(`bytes: n=${n}$`))));
    expect(await instance.handle('sessions.position', { id, seq: received.rows[0].seq, type: 'PUBLISH', dir: 's2c' })).toEqual({ position: 10 });
    // A row keeps its number in the whole list under a filter.
    expect(all.rows.map((row) => row.number)).toEqual(all.rows.map((_, position) => position + 1));
    expect(received.rows.map((row) => row.number)).toEqual(received.rows.map((row) => all.rows.find((each) => each.seq === row.seq)!.number));
    expect(received.rows[0].number).toBeGreaterThan(11);
    expect(await instance.handle('sessions.position', { id, seq: received.rows[0].seq, type: 'CONNECT' })).toEqual({ position: -1 });
    // Text in the packets' bytes: n=29 and n=290 to n=299, each sent and received.
    // Asked twice at once (the list asks for several blocks): one scan, no row twice.
    const [text, again] = await Promise.all([0, 20].map((from) => instance.handle('sessions.rows', { id, from, count: 100, text: 'n=29' })));
    expect(again.total).toBe(22);
    expect(text.total).toBe(22);
    expect(text.rows.every((row) => /bytes: n=29\d?$/.test(row.summary))).toBe(true);
    expect((await instance.handle('sessions.rows', { id, from: 0, count: 100, text: 'n=29', dir: 's2c' })).total).toBe(11);
    expect((await instance.handle('sessions.rows', { id, from: 0, count: 100, text: 'rows' })).total).toBe(1 + 600 + 1);

    // The whole session: more than 400 packets, so density, whose counts add up to every row.
    const whole = await instance.handle('sessions.window', { id, start: view.startTime, end: entries.at(-1)!.time });
    expect(whole.packets).toEqual([]);
    expect(whole.density.reduce((sum, item) => sum + item.count, 0)).toBe(packets.length);
    expect(whole.density.filter((item) => item.dir === 'c2s').reduce((sum, item) => sum + item.count, 0)).toBe(packets.filter((packet) => packet.dir === 'c2s').length);
    // The handshake alone: its packets one by one.
    const connack = packets.find((packet) => packet.typeName === 'CONNACK')!;
    const start = await instance.handle('sessions.window', { id, start: view.startTime, end: connack.time });
    expect(start.packets.map((packet) => packet.typeName)).toEqual(['CONNECT', 'CONNACK']);
    await expect(instance.handle('sessions.rows', { id: 'nope', from: 0, count: 1 })).rejects.toThrow('No such session');
  }, 30_000);

  it('knows a session by its file’s name: a file whose record names a path stays inside the folder', async () => {
    const dataDir = newDataDir();
    const first = engineAt(dataDir);
    const id = await recordSession(first.instance, first.pushed);
    await first.instance.dispose();
    engines.length = 0;
    const traces = path.join(dataDir, 'traces');
    // A trace whose session record claims the id ../../escaped, copied in under another name,
    // with no summary beside it (as a crash leaves one).
    const original = readFileSync(path.join(traces, `${id}.trace`));
    const forged = Buffer.from(original.toString('latin1').replace(`"id":"${id}"`, `"id":"../../escaped${'x'.repeat(id.length - 13)}"`), 'latin1');
    expect(forged.length).toBe(original.length);
    writeFileSync(path.join(traces, 'copied.trace'), forged);
    const second = engineAt(dataDir);
    const { sessions } = await second.instance.handle('sessions.list', {});
    expect(sessions.map((session) => session.id)).toContain('copied');
    expect(readdirSync(path.dirname(dataDir)).some((name) => name.startsWith('escaped'))).toBe(false);
    expect(readdirSync(traces).sort()).toContain('copied.json');
    expect((await allEntries(second.instance, 'copied')).length).toBe((await allEntries(second.instance, id)).length);
    await second.instance.handle('sessions.delete', { id: 'copied' });
    expect(readdirSync(traces)).not.toContain('copied.trace');
  }, 30_000);
});
