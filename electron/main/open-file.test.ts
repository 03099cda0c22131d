// Files the OS hands over, opened by a real engine through its own requests.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine';
import { openFileInEngine } from './open-file';
import { FILE_PART_BYTES } from '@shared/limits';

const work = mkdtempSync(path.join(tmpdir(), 'mqttscope-open-file-'));
const engine = new Engine({ host: 'electron', dataDir: path.join(work, 'data'), version: '0.0.0', emit: () => {} });
const answer = (message: unknown) => engine.answer(message);
const capture = path.resolve(__dirname, '..', '..', 'testdata', 'mosquitto-capture', 'capture.pcapng');
afterAll(async () => {
  await engine.dispose();
  rmSync(work, { recursive: true, force: true });
});

describe('opening a file the OS handed over', () => {
  it('opens a capture into sessions of the store, as the Open button does', async () => {
    const opened = await openFileInEngine(answer, capture);
    expect(opened).toMatchObject({ name: 'capture.pcapng', kind: 'trace', problems: [] });
    expect(opened.sessions.length).toBeGreaterThan(0);
    const listed = await answer({ id: 1, method: 'sessions.list', params: {} });
    expect('result' in listed && (listed.result as { sessions: { id: string }[] }).sessions.map((session) => session.id)).toEqual(expect.arrayContaining(opened.sessions.map((session) => session.id)));
  });

  it('sends a file larger than one part in parts', async () => {
    const large = path.join(work, 'padded.mqtrace');
    writeFileSync(large, Buffer.alloc(FILE_PART_BYTES * 2 + 10, 0x41));
    const opened = await openFileInEngine(answer, large);
    expect(opened.sessions).toEqual([]);
    expect(opened.problems.length).toBeGreaterThan(0);
  });

  it('imports a profiles export, and says what is wrong with one that is not', async () => {
    const exported = path.join(work, 'team.mqttprofiles');
    writeFileSync(exported, JSON.stringify({ format: 'mqttscope-profiles', version: 1, profiles: [{ name: 'lab broker', options: { host: '127.0.0.1', port: 1883, protocolVersion: '3.1.1', clientId: 'x', clean: true, keepAlive: 60 } }] }));
    const imported = await openFileInEngine(answer, exported);
    expect(imported).toEqual({ name: 'team.mqttprofiles', kind: 'profiles', sessions: [], profiles: 1, problems: [] });
    const broken = path.join(work, 'broken.mqttprofiles');
    writeFileSync(broken, '{ not json');
    expect((await openFileInEngine(answer, broken)).problems).toEqual(['broken.mqttprofiles could not be opened: it is not JSON; nothing was imported']);
    expect((await openFileInEngine(answer, path.join(work, 'gone.mqtrace'))).problems[0]).toMatch(/^gone\.mqtrace could not be opened: ENOENT/);
  });
});
