// A lower size cap deletes only the sessions the person was shown: `sessions.settings` carries
// the ids confirmed, and when the store's own list holds another (a session that closed or grew
// since the page listed), it refuses, saves nothing and deletes nothing.
import { mkdtempSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sessionsPastCap } from '@shared/model/session-summary';
import { encodePacket } from '@shared/mqtt/encode';
import { Engine } from '../engine';
import { encodeTraceFile } from './trace-file';
import { FILE_PART_BYTES } from '@shared/limits';

const engines: Engine[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.dispose()));
});

const MB = 1024 * 1024;

/** A closed session of one client, about `payloadBytes` long, as a saved trace file. */
function bigTrace(clientId: string, startTime: number, payloadBytes: number): Buffer {
  const chunks = [
    { dir: 'c2s' as const, time: startTime, bytes: encodePacket({ type: 'CONNECT', clientId, clean: true, keepAlive: 60 }) },
    { dir: 'c2s' as const, time: startTime + 1, bytes: encodePacket({ type: 'PUBLISH', topic: 'big', payload: new Uint8Array(payloadBytes) }) },
  ];
  return Buffer.concat(encodeTraceFile([{ id: clientId, origin: 'client', label: clientId, startTime, chunks, lifecycle: [] }]));
}

/** Opens it as the page does, in parts; the store holds it as a closed session. */
async function openFile(engine: Engine, clientId: string, startTime: number): Promise<string> {
  const bytes = bigTrace(clientId, startTime, 700 * 1024);
  let upload: string | undefined;
  for (let offset = 0; ; offset += FILE_PART_BYTES) {
    const done = offset + FILE_PART_BYTES >= bytes.length;
    const part = bytes.subarray(offset, offset + FILE_PART_BYTES).toString('base64');
    const answer = await engine.handle('files.open', { ...(upload ? { upload } : {}), name: `${clientId}.mqtrace`, part, done });
    if (done) return answer.sessions![0]!.id;
    upload = answer.upload;
  }
}

describe('a lower size cap', () => {
  it('refuses, deleting nothing, when it would delete a session not confirmed; with the new list confirmed it deletes those', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'mqttscope-cap-'));
    const engine = new Engine({ host: 'web', version: 'test', dataDir, emit: () => {} });
    engines.push(engine);
    const day = Date.UTC(2026, 0, 5, 9);
    const old = await openFile(engine, 'big-old', day);
    const recent = await openFile(engine, 'big-new', day + 60_000);

    // What the page shows: at 1 MB the oldest goes.
    const shown = sessionsPastCap((await engine.handle('sessions.list', {})).sessions, MB).map((session) => session.id);
    expect(shown).toEqual([old]);
    // Before it is confirmed, another session closes (here: a file opened), older than both.
    const older = await openFile(engine, 'big-older', day - 60_000);

    await expect(engine.handle('sessions.settings', { capBytes: MB, deleting: shown })).rejects.toThrow(
      'This cap now also deletes 1 session not confirmed (big-older); nothing was deleted and the cap is as it was',
    );
    const kept = (await engine.handle('sessions.list', {})).sessions;
    expect(kept.map((session) => session.id).sort()).toEqual([old, recent, older].sort());
    expect((await engine.handle('sessions.settings', {})).capBytes).toBe(2 * 1024 * MB);
    expect(existsSync(path.join(dataDir, 'traces', 'settings.json'))).toBe(false);
    expect(readdirSync(path.join(dataDir, 'traces')).filter((name) => name.endsWith('.trace'))).toHaveLength(3);
    // No ids at all: nothing deleted either.
    await expect(engine.handle('sessions.settings', { capBytes: MB })).rejects.toThrow('2 sessions not confirmed (big-older, big-old)');

    // The new list confirmed: those two go, the newest stays, the cap is saved.
    const again = sessionsPastCap(kept, MB).map((session) => session.id);
    expect(again).toEqual([older, old]);
    expect(await engine.handle('sessions.settings', { capBytes: MB, deleting: again })).toEqual({ capBytes: MB });
    expect((await engine.handle('sessions.list', {})).sessions.map((session) => session.id)).toEqual([recent]);
    expect(JSON.parse(readFileSync(path.join(dataDir, 'traces', 'settings.json'), 'utf8'))).toEqual({ capBytes: MB });

    // A cap that deletes nothing needs no ids.
    expect(await engine.handle('sessions.settings', { capBytes: 2 * MB })).toEqual({ capBytes: 2 * MB });
  });
});
