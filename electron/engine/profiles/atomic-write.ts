// Writes a file so that a crash leaves the old one or the new one, never half of either:
// a temporary file beside it, flushed, renamed over it, then the folder flushed. Writes to one
// path wait in turn.
import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

const queues = new Map<string, Promise<void>>();

export function writeFileAtomic(file: string, text: string): Promise<void> {
  const previous = queues.get(file) ?? Promise.resolve();
  const next = previous.catch(() => {}).then(async () => {
    const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temp, file);
    } catch (error) {
      await unlink(temp).catch(() => {});
      throw error;
    }
    await syncFolder(path.dirname(file));
  });
  queues.set(file, next);
  void next.finally(() => {
    if (queues.get(file) === next) queues.delete(file);
  });
  return next;
}

/** The rename is on disk only once the folder is: without this a crash can bring back the old file. */
export async function syncFolder(folder: string): Promise<void> {
  let handle;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch {
    // Windows cannot open a folder to sync it; its renames are durable as they are.
  } finally {
    await handle?.close();
  }
}
