// The trace store through the engine: every connection (this app's client and the local
// broker's) recorded on disk as it happens, read back the same live and after a restart, the
// size cap, and a file a crash cut short.
import { mkdtempSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventName, EventPayloads } from '@shared/contract';
import type { TraceEntry } from '@shared/model/trace';
import { until } from '../../../testing/wait';
import { requireTshark, tsharkRead } from '../../../testing/tshark';
import { Engine } from '../engine';

const engines: Engine[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.dispose()));
});

function engineAt(dataDir: string) {
  const pushed: TraceEntry[] = [];
  const instance = new Engine({
    host: 'web',
    version: 'test',
    dataDir,
    emit: <E extends EventName>(event: E, payload: EventPayloads[E]) => {
      if (event === 'trace.batch') pushed.push(...(payload as EventPayloads['trace.batch']).entries);
    },
  });
  engines.push(instance);
  return { instance, pushed };
}

const newDataDir = () => mkdtempSync(path.join(tmpdir(), 'mqttscope-store-'));
const of = (entries: TraceEntry[], id: string) => entries.filter((entry) => entry.connectionId === id);

async function allEntries(engine: Engine, id: string): Promise<TraceEntry[]> {
  const entries: TraceEntry[] = [];
  for (;;) {
    const page = await engine.handle('sessions.entries', { id, from: entries.length, count: 7 });
    entries.push(...page.entries);
    if (entries.length >= page.total) return entries;
  }
}

/** A session through the embedded broker: connect, 40 QoS 1 messages to itself, disconnect. */
async function recordSession(engine: Engine, pushed: TraceEntry[]) {
  const status = await engine.handle('local.status', {});
  const broker = status.broker ?? (await engine.handle('broker.start', { kind: 'embedded', port: 0 }));
  const publications = Array.from({ length: 40 }, (_, n) => ({ topic: 'store/test', payload: `message ${n} ${'x'.repeat(n * 10)}`, qos: 1 as const }));
  const { connectionId } = await engine.handle('connection.open', {
    host: '127.0.0.1', port: broker.port, protocolVersion: '3.1.1', clientId: 'store-test', clean: true, keepAlive: 60,
    plan: { subscriptions: [{ topic: 'store/#', qos: 1 }], publications },
  });
  await until(() => of(pushed, connectionId).filter((entry) => entry.kind === 'packet' && entry.typeName === 'PUBACK').length >= 80, 10_000, 'the PUBACKs both ways');
  await engine.handle('connection.close', { connectionId });
  await until(() => of(pushed, connectionId).some((entry) => entry.kind === 'lifecycle' && entry.event.phase === 'closed'), 5000, 'the end');
  return connectionId;
}

describe('the trace store', () => {
  it('records every connection as it happens and gives back exactly what was pushed, live and after a restart', async () => {
    const dataDir = newDataDir();
    const first = engineAt(dataDir);
    const clientId = await recordSession(first.instance, first.pushed);

    const { sessions } = await first.instance.handle('sessions.list', {});
    const client = sessions.find((session) => session.id === clientId)!;
    expect(client).toMatchObject({ origin: 'client', clientId: 'store-test', label: 'store-test' });
    expect(client.packets).toBe(of(first.pushed, clientId).filter((entry) => entry.kind === 'packet').length);
    const brokerSide = sessions.find((session) => session.origin === 'broker')!;
    expect(brokerSide.clientId).toBe('store-test');

    // Live, the store's entries are the pushed ones: every byte, every time.
    expect(await allEntries(first.instance, clientId)).toEqual(of(first.pushed, clientId));
    const brokerLive = await allEntries(first.instance, brokerSide.id);
    await until(() => of(first.pushed, brokerSide.id).some((entry) => entry.kind === 'lifecycle' && entry.event.phase === 'closed'), 5000, 'the broker side to end');
    expect(brokerLive).toEqual(of(first.pushed, brokerSide.id).slice(0, brokerLive.length));

    await first.instance.dispose();
    engines.length = 0;

    // After a restart, read back from the files: the same entries.
    const second = engineAt(dataDir);
    const after = await second.instance.handle('sessions.list', {});
    expect(after.sessions.map((session) => session.id).sort()).toEqual([clientId, brokerSide.id].sort());
    expect(after.sessions.every((session) => !session.open && !session.endedUnexpectedly)).toBe(true);
    expect(after.sessions.find((session) => session.id === clientId)?.outcome).toBe('Closed');
    expect(await allEntries(second.instance, clientId)).toEqual(of(first.pushed, clientId));
    expect(await allEntries(second.instance, brokerSide.id)).toEqual(of(first.pushed, brokerSide.id));
  }, 30_000);

  it('gives back an open connection\'s entries while it is recording', async () => {
    const { instance, pushed } = engineAt(newDataDir());
    const broker = await instance.handle('broker.start', { kind: 'embedded', port: 0 });
    const { connectionId } = await instance.handle('connection.open', { host: '127.0.0.1', port: broker.port, protocolVersion: '3.1.1', clientId: 'still-open', clean: true, keepAlive: 60 });
    await until(() => of(pushed, connectionId).some((entry) => entry.kind === 'packet' && entry.typeName === 'CONNACK'), 5000, 'the CONNACK');
    const page = await instance.handle('sessions.entries', { id: connectionId, from: 0, count: 100 });
    expect(page.open).toBe(true);
    expect(page.entries).toEqual(of(pushed, connectionId).slice(0, page.entries.length));
    expect(page.entries.some((entry) => entry.kind === 'packet' && entry.typeName === 'CONNACK')).toBe(true);
  });

  it('a file cut short by a crash opens up to its last whole record and says the session ended unexpectedly', async () => {
    const dataDir = newDataDir();
    const first = engineAt(dataDir);
    const id = await recordSession(first.instance, first.pushed);
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
    const original = of(first.pushed, id);
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
    await until(() => of(pushed, connectionId).filter((entry) => entry.kind === 'packet' && entry.typeName === 'PUBACK').length >= 6, 10_000, 'the PUBACKs');
    const sizes = (await instance.handle('sessions.list', {})).sessions;
    expect(sizes.find((session) => session.id === connectionId)!.bytes).toBeGreaterThan(1024 * 1024);
    await instance.handle('sessions.settings', { capBytes: 1024 * 1024 + 1 });
    const left = (await instance.handle('sessions.list', {})).sessions;
    expect(left.filter((session) => session.open).map((session) => session.id)).toContain(connectionId);
    expect(left.map((session) => session.id)).not.toContain(older);
    expect(left.map((session) => session.id)).not.toContain(newer);
    expect(readdirSync(path.join(dataDir, 'traces')).filter((name) => name.endsWith('.trace'))).toHaveLength(left.length);
    await expect(instance.handle('sessions.delete', { id: connectionId })).rejects.toThrow('still recording');
    await expect(instance.handle('sessions.delete', { id: older })).rejects.toThrow('No such session');
  }, 30_000);

  it('a saved trace opened in parts becomes sessions of the store; one cut short opens up to its break, with the offset said', async () => {
    const { instance, pushed } = engineAt(newDataDir());
    const id = await recordSession(instance, pushed);
    await until(() => pushed.some((entry) => entry.connectionId !== id && entry.kind === 'lifecycle' && entry.event.phase === 'closed'), 5000, 'the broker side to end');
    await new Promise((resolve) => setTimeout(resolve, 400));
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
    const reopened = await allEntries(instance, whole.sessions![0].id);
    expect(reopened.map(({ connectionId: _, ...rest }) => rest)).toEqual(of(pushed, id).map(({ connectionId: _, ...rest }) => rest));

    const broken = await open(cut);
    expect(broken.problems).toEqual([expect.stringMatching(/^saved\.trace: The file ends inside a record at byte \d+/)]);
    const partial = await allEntries(instance, broken.sessions![0].id);
    expect(partial.filter((entry) => entry.kind === 'packet').length).toBeGreaterThan(80);

    const garbage = await instance.handle('files.open', { name: 'notes.txt', part: Buffer.from('hello').toString('base64'), done: true });
    expect(garbage).toMatchObject({ sessions: [], problems: ['notes.txt is not a file this app reads (a saved MQTT Scope trace, pcap or pcapng)'] });
  }, 30_000);

  it('sessions export as one file, passwords blanked unless asked, read in parts, and open again the same', async () => {
    const { instance, pushed } = engineAt(newDataDir());
    await instance.handle('broker.start', { kind: 'embedded', port: 0, users: [{ username: 'alice', password: 'hunter2' }], allowAnonymous: true });
    const first = await recordSession(instance, pushed);
    const broker = (await instance.handle('local.status', {})).broker!;
    const { connectionId: second } = await instance.handle('connection.open', { host: '127.0.0.1', port: broker.port, protocolVersion: '3.1.1', clientId: 'with-password', clean: true, keepAlive: 60, username: 'alice', password: 'hunter2' });
    await until(() => of(pushed, second).some((entry) => entry.kind === 'packet' && entry.typeName === 'CONNACK'), 5000, 'the CONNACK');
    await instance.handle('connection.close', { connectionId: second });
    await until(() => of(pushed, second).some((entry) => entry.kind === 'lifecycle' && entry.event.phase === 'closed'), 5000, 'the end');

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
    expect(reopened.map(({ connectionId: _, ...rest }) => rest)).toEqual(of(pushed, first).map(({ connectionId: _, ...rest }) => rest));
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
    expect(mqtt).toEqual(of(pushed, id).flatMap((entry) => (entry.kind === 'packet' ? [entry.hex] : [])));
    expect(frames.some((frame) => frame.dstPort === broker.port)).toBe(true);
    expect(frames[0].comments.join(' ')).toContain(`MQTT Scope session ${id}`);
  }, 30_000);
});
