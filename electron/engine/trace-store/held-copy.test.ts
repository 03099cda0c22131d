// Opening a file compares it with the sessions the store holds: a held file is read only when its
// size says it may be the same recording, a piece at a time, never more than that size. Reads of
// the held files are counted on the real file system.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CapturedSession } from '@shared/model/capture';
import { encodePacket } from '@shared/mqtt/encode';
import { TraceStore } from './trace-store';

/** Bytes read from each file, and how often each was opened or read whole. */
const reads = vi.hoisted(() => ({ opened: [] as string[], bytes: new Map<string, number>() }));

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  const count = (file: unknown, bytes: number) => reads.bytes.set(String(file), (reads.bytes.get(String(file)) ?? 0) + bytes);
  const promises = {
    ...actual.promises,
    readFile: async (...args: Parameters<typeof actual.promises.readFile>) => {
      reads.opened.push(String(args[0]));
      const data = await actual.promises.readFile(...args);
      count(args[0], data.length);
      return data;
    },
    open: async (...args: Parameters<typeof actual.promises.open>) => {
      reads.opened.push(String(args[0]));
      const handle = await actual.promises.open(...args);
      const read = handle.read.bind(handle) as (...readArgs: unknown[]) => Promise<{ bytesRead: number }>;
      (handle as unknown as { read: typeof read }).read = async (...readArgs) => {
        const result = await read(...readArgs);
        count(args[0], result.bytesRead);
        return result;
      };
      return handle;
    },
  };
  return { ...actual, promises, default: { ...actual, promises } };
});

const stores: TraceStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.dispose()));
});

const T0 = 1_700_000_000_000;
const session = (extra: Uint8Array[] = []): CapturedSession => ({
  id: 'opened',
  origin: 'file',
  label: 'held-copy',
  startTime: T0,
  chunks: [
    { dir: 'c2s', time: T0, bytes: encodePacket({ type: 'CONNECT', clientId: 'held-copy', username: 'alice', password: 'hunter2' }) },
    { dir: 's2c', time: T0 + 1, bytes: encodePacket({ type: 'CONNACK', code: 0 }) },
    ...extra.map((bytes, index) => ({ dir: 'c2s' as const, time: T0 + 2 + index, bytes })),
  ],
  lifecycle: [],
});

describe('opening a recording: the held files it is compared with', () => {
  it('a held session that began at the same instant but whose file is another size is never read; the same one is read once, no more than its size', async () => {
    const store = new TraceStore(mkdtempSync(path.join(tmpdir(), 'mqttscope-held-copy-')));
    stores.push(store);
    await store.start();
    const big = encodePacket({ type: 'PUBLISH', topic: 't', payload: Buffer.alloc(64 * 1024, 0x61), qos: 0 });
    const [held] = await store.importSessions([session([big])]);
    expect(held.held).toBe(false);
    const heldFile = (file: string) => file.includes(held.summary.id);
    reads.opened.length = 0;
    reads.bytes.clear();

    // The same start, 64 KiB shorter: a different recording, told by its size alone.
    const [shorter] = await store.importSessions([session()]);
    expect(shorter.held).toBe(false);
    expect(reads.opened.filter(heldFile)).toEqual([]);

    // The same recording opened again: its held file is read, at most once and at most whole.
    reads.opened.length = 0;
    reads.bytes.clear();
    const [again] = await store.importSessions([session([big])]);
    expect(again).toMatchObject({ held: true, summary: { id: held.summary.id } });
    expect(reads.opened.filter(heldFile)).toHaveLength(1);
    const [file] = [...reads.bytes.keys()].filter(heldFile);
    expect(reads.bytes.get(file)).toBe(held.summary.bytes);
  });
});
