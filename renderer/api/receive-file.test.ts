import { describe, expect, it } from 'vitest';
import type { EngineApi } from '@shared/contract';
import { receiveExport } from './receive-file';

/** An engine whose export is `bytes`, handed out `partSize` bytes at a time. */
function engine(bytes: Uint8Array, partSize: number, size = bytes.length) {
  const calls: [string, unknown][] = [];
  const api = {
    request: async (name: string, params: { offset: number }) => {
      calls.push([name, params]);
      if (name === 'sessions.export') return { download: 'd1', name: 'mqtt-scope-x.pcapng', size };
      const part = bytes.subarray(params.offset, params.offset + partSize);
      return { part: Buffer.from(part).toString('base64'), done: params.offset + part.length >= bytes.length };
    },
  } as unknown as EngineApi;
  return { api, calls };
}

describe('receiving an export from the engine', () => {
  it('reads every part from its offset and puts them together', async () => {
    const bytes = Uint8Array.from({ length: 2500 }, (_, index) => (index * 31) % 256);
    const { api, calls } = engine(bytes, 1000);
    const file = await receiveExport(api, { ids: ['a', 'b'], format: 'pcapng' });
    expect(file.name).toBe('mqtt-scope-x.pcapng');
    expect(new Uint8Array(await file.blob.arrayBuffer())).toEqual(bytes);
    expect(calls).toEqual([
      ['sessions.export', { ids: ['a', 'b'], format: 'pcapng' }],
      ['files.read', { download: 'd1', offset: 0 }],
      ['files.read', { download: 'd1', offset: 1000 }],
      ['files.read', { download: 'd1', offset: 2000 }],
    ]);
  });

  it('an empty file is one done part', async () => {
    const file = await receiveExport(engine(new Uint8Array(), 10).api, { ids: ['a'], format: 'trace' });
    expect(file.blob.size).toBe(0);
  });

  it('a file shorter than the engine said is an error', async () => {
    await expect(receiveExport(engine(new Uint8Array(10), 4, 12).api, { ids: ['a'], format: 'trace' })).rejects.toThrow('10 bytes of 12');
  });
});
