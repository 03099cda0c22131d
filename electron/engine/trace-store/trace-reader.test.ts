// A file read by several questions while its session ends: closing waits for the reads under
// way, and a read asked for afterwards is refused in words rather than reading a closed file.
import { mkdtempSync, writeFileSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TraceReader } from './trace-reader';

describe('TraceReader', () => {
  it('closes once the reads under way are done, and refuses reads after', async () => {
    // The file in memory, its close seen: a read after the close fails, as on a closed descriptor.
    const bytes = Buffer.from('0123456789');
    const events: string[] = [];
    let fileClosed = false;
    const reader = new TraceReader(
      async (buffer, offset, length, position) => {
        if (fileClosed) throw new Error('EBADF: read after close');
        buffer.set(bytes.subarray(position, position + length), offset);
        events.push('read');
      },
      async () => {
        fileClosed = true;
        events.push('file closed');
      },
    );
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow = reader.use(async (readAt) => {
      await held;
      const into = new Uint8Array(4);
      await readAt(into, 0, 4, 3);
      return Buffer.from(into).toString();
    });
    const closing = reader.close().then(() => events.push('close done'));
    await expect(reader.use(async () => 'late')).rejects.toThrow('has been closed; ask again');
    // A turn of the event loop, not a time: a close that did not wait would have closed by now.
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).toEqual([]);
    release();
    expect(await slow).toBe('3456');
    await closing;
    expect(events).toEqual(['read', 'file closed', 'close done']);
    await expect(reader.use(async () => 'late')).rejects.toThrow('has been closed; ask again');
  });

  it('says where the file ends when asked for bytes past it', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'mqttscope-reader-')), 'bytes');
    writeFileSync(file, Buffer.from('0123'));
    const reader = TraceReader.ofFd(openSync(file, 'r'));
    await expect(reader.use((readAt) => readAt(new Uint8Array(8), 0, 8, 0))).rejects.toThrow('The trace file ends before byte 8');
    await reader.close();
  });
});
