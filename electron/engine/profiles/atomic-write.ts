// Writes a file so that a crash leaves the old one or the new one, never half of either:
// a temporary file beside it, flushed, then renamed over it. Writes to one path wait in turn.
import { open, rename, unlink } from 'node:fs/promises';

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
  });
  queues.set(file, next);
  void next.finally(() => {
    if (queues.get(file) === next) queues.delete(file);
  });
  return next;
}
