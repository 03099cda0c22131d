import { describe, expect, it } from 'vitest';
import type { EngineApi } from '@shared/contract';
import { toBase64 } from '@shared/payload/hex';
import { sendFile } from './send-file';
import { FILE_PART_BYTES } from '@shared/limits';

describe('sending a file to the engine', () => {
  it('base64s bytes as Node does, across the pieces it converts at a time', () => {
    const bytes = Uint8Array.from({ length: 100_000 }, (_, index) => (index * 7919) % 256);
    expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    expect(toBase64(new Uint8Array(0))).toBe('');
  });

  it('sends parts of FILE_PART_BYTES under one upload id, the last one done', async () => {
    const bytes = Uint8Array.from({ length: FILE_PART_BYTES * 2 + 10 }, (_, index) => index % 251);
    const parts: { upload?: string; name: string; part: string; done: boolean }[] = [];
    const api = {
      request: async (name: string, params: (typeof parts)[number]) => {
        expect(name).toBe('files.open');
        parts.push(params);
        return params.done ? { upload: 'u1', sessions: [{ id: 's' }], alreadyHeld: ['s'], problems: ['cut short'] } : { upload: 'u1' };
      },
    } as unknown as EngineApi;
    const result = await sendFile(api, new File([bytes], 'x'.repeat(300) + '.trace'));
    expect(parts.map((part) => [part.upload, part.done])).toEqual([[undefined, false], ['u1', false], ['u1', true]]);
    expect(parts.every((part) => part.name.length === 255)).toBe(true);
    expect(Buffer.concat(parts.map((part) => Buffer.from(part.part, 'base64'))).equals(bytes)).toBe(true);
    expect(result).toEqual({ sessions: [{ id: 's' }], alreadyHeld: ['s'], problems: ['cut short'] });
  });

  it('sends an empty file as one finished part', async () => {
    const parts: unknown[] = [];
    const api = { request: async (_name: string, params: unknown) => (parts.push(params), { upload: 'u', sessions: [], problems: ['empty'] }) } as unknown as EngineApi;
    expect(await sendFile(api, new File([], 'empty.trace'))).toEqual({ sessions: [], alreadyHeld: [], problems: ['empty'] });
    expect(parts).toEqual([{ name: 'empty.trace', part: '', done: true }]);
  });
});
