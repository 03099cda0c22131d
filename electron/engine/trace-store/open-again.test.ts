// The same recording opened again (a saved trace of a stored session, one capture opened twice)
// is the session the store holds, shown: never a copy, so never a reconnect of itself.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventName, EventPayloads } from '@shared/contract';
import { reconnectsByClientId, sessionChecks } from '@shared/model/session-checks';
import type { SessionUpdate } from '@shared/model/session-view';
import { CAPTURE_PCAPNG } from '../../../testdata/mosquitto-capture/load';
import { until } from '../../../testing/wait';
import type { Engine } from '../engine';
import { RECORD_HEADER_SIZE, RecordScanner } from './trace-format';
import { testEngines } from '../../../testing/test-engine';

const engine = testEngines('open-again');
const newEngine = () => {
  const { instance, views } = engine();
  return { engine: instance, pushed: views };
};

const openFile = (engine: Engine, name: string, bytes: Uint8Array) => engine.handle('files.open', { name, part: Buffer.from(bytes).toString('base64'), done: true });
const listed = async (engine: Engine) => (await engine.handle('sessions.list', {})).sessions.map((session) => session.id).sort();

async function download(engine: Engine, ids: string[]): Promise<Buffer> {
  const { download: id } = await engine.handle('sessions.export', { ids, format: 'trace', includeSecrets: false });
  const parts: Buffer[] = [];
  for (let done = false; !done; ) {
    const read = await engine.handle('files.read', { download: id, offset: parts.reduce((sum, part) => sum + part.length, 0) });
    parts.push(Buffer.from(read.part, 'base64'));
    done = read.done;
  }
  return Buffer.concat(parts);
}

describe('opening a recording the store already holds', () => {
  it('one pcapng opened twice: the second time gives the same sessions, and Sessions does not grow', async () => {
    const { engine } = newEngine();
    const bytes = readFileSync(CAPTURE_PCAPNG);
    const first = await openFile(engine, 'capture.pcapng', bytes);
    expect(first.sessions).toHaveLength(17);
    expect(first.alreadyHeld).toBeUndefined();
    const before = await listed(engine);
    const again = await openFile(engine, 'capture.pcapng', bytes);
    expect(again.problems).toEqual([]);
    expect(again.sessions!.map((session) => session.id)).toEqual(first.sessions!.map((session) => session.id));
    expect(again.alreadyHeld).toEqual(first.sessions!.map((session) => session.id));
    expect(await listed(engine)).toEqual(before);
  }, 30_000);

  it('a saved trace of a persistent session still in the store, passwords blanked, is that session: no “did not keep the session”', async () => {
    const { engine, pushed } = newEngine();
    const broker = await engine.handle('broker.start', { kind: 'embedded', port: 0, users: [{ username: 'alice', password: 'hunter2' }], allowAnonymous: false });
    const { connectionId } = await engine.handle('connection.open', { host: '127.0.0.1', port: broker.port, protocolVersion: '3.1.1', clientId: 'keeper', clean: false, keepAlive: 60, username: 'alice', password: 'hunter2' });
    await until(() => pushed.get(connectionId)?.story.connack !== undefined, 'the CONNACK');
    await engine.handle('connection.close', { connectionId });
    await until(() => pushed.get(connectionId)?.open === false && pushed.get(connectionId)?.story.end !== undefined, 'the end');
    const before = await listed(engine);

    const saved = await download(engine, [connectionId]);
    expect(saved.includes('hunter2')).toBe(false);
    const opened = await openFile(engine, 'keeper.mqtrace', saved);
    expect(opened).toMatchObject({ sessions: [{ id: connectionId }], alreadyHeld: [connectionId], problems: [] });
    expect(await listed(engine)).toEqual(before);

    // Every session of this app's kind the store holds, checked across reconnects as the UI does.
    const stories = await Promise.all((await listed(engine)).map(async (id) => (await engine.handle('sessions.view', { id })).story));
    const mine = stories.filter((story) => story.origin === 'client' && story.connect?.clientId === 'keeper');
    expect(mine).toHaveLength(1);
    expect(sessionChecks(mine)).toEqual([]);
  });
});

describe('a copy that is not the whole session', () => {
  it('a snapshot of a persistent session still open, and a copy cut short, are that connection seen again: never a reconnect, no “did not keep the session”', async () => {
    const { engine, pushed } = newEngine();
    const broker = await engine.handle('broker.start', { kind: 'embedded', port: 0, users: [{ username: 'alice', password: 'hunter2' }], allowAnonymous: false });
    const { connectionId } = await engine.handle('connection.open', { host: '127.0.0.1', port: broker.port, protocolVersion: '3.1.1', clientId: 'keeper', clean: false, keepAlive: 60, username: 'alice', password: 'hunter2' });
    await until(() => pushed.get(connectionId)?.story.connack !== undefined, 'the CONNACK');
    // Saved while open (passwords blanked): it holds less than the session will.
    const snapshot = await download(engine, [connectionId]);
    expect(snapshot.includes('hunter2')).toBe(false);
    await engine.handle('connection.close', { connectionId });
    await until(() => pushed.get(connectionId)?.open === false && pushed.get(connectionId)?.story.end !== undefined, 'the end');
    const whole = await download(engine, [connectionId]);
    // Cut inside its last chunk (the client's DISCONNECT): the file reads up to the break.
    let lastChunkAt = 0;
    const scanner = new RecordScanner((head, _payload, offset) => {
      if (head.kind === 'chunk') lastChunkAt = offset;
    });
    scanner.push(whole);
    scanner.end();
    const cut = whole.subarray(0, lastChunkAt + RECORD_HEADER_SIZE + 1);

    const opened = [await openFile(engine, 'snapshot.mqtrace', snapshot), await openFile(engine, 'cut.mqtrace', cut)];
    // Neither is the whole session; the cut one holds what the snapshot holds, so it is that one.
    expect(opened[0].alreadyHeld).toBeUndefined();
    const ids = [connectionId, opened[0].sessions![0].id];
    expect(ids[1]).not.toBe(connectionId);
    expect(opened[1].alreadyHeld).toEqual([ids[1]]);

    // This app's sessions of the client id, as the UI compares them across reconnects.
    const stories = await Promise.all((await listed(engine)).map(async (id) => (await engine.handle('sessions.view', { id })).story));
    const mine = stories.filter((story) => story.origin === 'client' && story.connect?.clientId === 'keeper');
    expect(mine.map((story) => story.connectionId).sort()).toEqual([...ids].sort());
    expect(mine.every((story) => story.connack?.accepted && !story.connect!.clean && !story.connack.sessionPresent)).toBe(true);
    expect(sessionChecks(mine)).toEqual([]);
    expect(reconnectsByClientId(mine)).toEqual([{ clientId: 'keeper', connections: [expect.objectContaining({ clean: false, sessionPresent: false })] }]);
  });

  it('a second connection of the same client id is still a reconnect', async () => {
    const { engine, pushed } = newEngine();
    const broker = await engine.handle('broker.start', { kind: 'embedded', port: 0, users: [], allowAnonymous: true });
    const ids: string[] = [];
    for (let round = 0; round < 2; round++) {
      const { connectionId } = await engine.handle('connection.open', { host: '127.0.0.1', port: broker.port, protocolVersion: '3.1.1', clientId: 'again', clean: false, keepAlive: 60 });
      await until(() => pushed.get(connectionId)?.story.connack !== undefined, 'the CONNACK');
      await engine.handle('connection.close', { connectionId });
      await until(() => pushed.get(connectionId)?.open === false && pushed.get(connectionId)?.story.end !== undefined, 'the end');
      ids.push(connectionId);
    }
    const stories = ids.map((id) => pushed.get(id)!.story);
    expect(reconnectsByClientId(stories)[0].connections.map((item) => [item.connectionId, item.sessionPresent])).toEqual([[ids[0], false], [ids[1], true]]);
  });
});
