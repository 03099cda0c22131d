// A session saved while its connection is still open (pcapng for Wireshark, or a trace) ends
// where the recording ends: tshark sees no FIN or RST in the file, and the file opened again says
// it was recorded while open — never "Connected" as if live, nor "closed by the client".
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { endSentence, statusText } from '@shared/model/outcome';
import type { SessionUpdate } from '@shared/model/session-view';
import { tsharkRead } from '../../testing/tshark';
import { until } from '../../testing/wait';
import { testEngines } from '../../testing/test-engine';
import type { Engine } from './engine';
import { FILE_PART_BYTES } from '@shared/limits';

const engine = testEngines('save-open');

async function download(instance: Engine, id: string, format: 'pcapng' | 'trace'): Promise<{ bytes: Buffer; name: string }> {
  const { download, name } = await instance.handle('sessions.export', { ids: [id], format });
  const parts: Buffer[] = [];
  for (let offset = 0, done = false; !done; ) {
    const read = await instance.handle('files.read', { download, offset });
    parts.push(Buffer.from(read.part, 'base64'));
    offset += parts.at(-1)!.length;
    done = read.done;
  }
  return { bytes: Buffer.concat(parts), name };
}

/** Opened in another app (its own store), as the person the file was sent to opens it. */
async function openElsewhere(bytes: Buffer, name: string) {
  const { instance } = engine();
  let upload: string | undefined;
  let answer;
  for (let offset = 0; ; offset += FILE_PART_BYTES) {
    const done = offset + FILE_PART_BYTES >= bytes.length;
    answer = await instance.handle('files.open', { ...(upload ? { upload } : {}), name, part: bytes.subarray(offset, offset + FILE_PART_BYTES).toString('base64'), done });
    if (done) break;
    upload = answer.upload;
  }
  expect(answer.problems ?? []).toEqual([]);
  expect(answer.sessions).toHaveLength(1);
  const [summary] = answer.sessions!;
  return { summary, view: await instance.handle('sessions.view', { id: summary.id }) };
}

describe('saving a session whose connection is still open', () => {
  it('writes no close it never had, and reads back as recorded while open', async () => {
    const { instance, views } = engine();
    const broker = await instance.handle('broker.start', { kind: 'embedded', port: 0 });
    const { connectionId } = await instance.handle('connection.open', { host: '127.0.0.1', port: broker.port, protocolVersion: '3.1.1', clientId: 'saved-open', clean: true, keepAlive: 60, plan: { subscriptions: [{ topic: 'open/#', qos: 1 }] } });
    await until(() => !!views.get(connectionId)?.story.flows.some((flow) => flow.complete), undefined, 'the SUBACK');
    expect(views.get(connectionId)).toMatchObject({ open: true });

    const pcapng = await download(instance, connectionId, 'pcapng');
    const trace = await download(instance, connectionId, 'trace');
    // Still open after both were saved.
    expect(views.get(connectionId)?.story.end).toBeUndefined();

    const file = path.join(mkdtempSync(path.join(tmpdir(), 'mqttscope-save-open-file-')), pcapng.name);
    writeFileSync(file, pcapng.bytes);
    const frames = tsharkRead(file, [broker.port]);
    expect(frames.map((frame) => frame.mqtt.length > 0)).toContain(true);
    // FIN 0x001, RST 0x004: none; the last frame is the last packet recorded (the SUBACK).
    expect(frames.filter((frame) => frame.tcpFlags! & 0x005).map((frame) => frame.frame)).toEqual([]);
    expect(frames.at(-1)!.mqtt).toEqual([expect.stringMatching(/^90/)]);

    for (const saved of [pcapng, trace]) {
      const { summary, view } = await openElsewhere(saved.bytes, saved.name);
      expect({ name: saved.name, open: view.open, end: view.story.end, recordingEnd: typeof view.story.recordingEnd }).toEqual({ name: saved.name, open: false, end: undefined, recordingEnd: 'number' });
      expect(summary.outcome).toBe('Recorded while open');
      expect(statusText(view.story)).toBe('Recorded while open');
      expect(endSentence(view.story)).toBe('recorded while open: the recording ends here, before the connection did');
    }
    await instance.handle('connection.close', { connectionId });
  }, 30_000);
});
