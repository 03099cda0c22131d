// A file read by several questions while its session ends: closing waits for the reads under
// way, and a read asked for afterwards is refused in words rather than reading a closed file.
import { mkdtempSync, writeFileSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TraceReader } from './trace-reader';

describe('TraceReader', () => {
  it('closes once the reads under way are done, and refuses reads after', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'mqttscope-reader-')), 'bytes');
    writeFileSync(file, Buffer.from('0123456789'));
    const reader = TraceReader.ofFd(openSync(file, 'r'));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow = reader.use(async (readAt) => {
      await held;
      const bytes = new Uint8Array(4);
      await readAt(bytes, 0, 4, 3);
      return Buffer.from(bytes).toString();
    });
    let closed = false;
    const closing = reader.close().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(closed).toBe(false);
    release();
    expect(await slow).toBe('3456');
    await closing;
    expect(closed).toBe(true);
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
