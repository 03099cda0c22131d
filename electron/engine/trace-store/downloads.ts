// A file the engine made for the person (an export), handed to the page in parts: kept in a
// temporary file under the data folder until its last part is read, or for ten minutes.
import { randomUUID } from 'node:crypto';
import { mkdirSync, promises as fs, rmSync } from 'node:fs';
import path from 'node:path';

const IDLE_MS = 10 * 60 * 1000;

interface Download {
  file: string;
  size: number;
  timer: ReturnType<typeof setTimeout>;
}

export class Downloads {
  private readonly dir: string;
  private readonly ready = new Map<string, Download>();

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'exports');
    // Exports an app that stopped left behind belong to no download any more.
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
  }

  /** Writes the pieces to a new download; returns its id and size. */
  async add(pieces: Iterable<Uint8Array>): Promise<{ download: string; size: number }> {
    const id = randomUUID();
    const file = path.join(this.dir, id);
    const handle = await fs.open(file, 'wx', 0o600);
    let size = 0;
    try {
      for (const piece of pieces) {
        await handle.write(piece);
        size += piece.length;
      }
    } finally {
      await handle.close();
    }
    const timer = setTimeout(() => void this.drop(id), IDLE_MS);
    timer.unref?.();
    this.ready.set(id, { file, size, timer });
    return { download: id, size };
  }

  /** Up to `length` bytes from `offset`; the download is gone once its end has been read. */
  async read(id: string, offset: number, length: number): Promise<{ part: Uint8Array; done: boolean }> {
    const download = this.ready.get(id);
    if (!download) throw new Error('This download is unknown or expired; export again');
    const handle = await fs.open(download.file, 'r');
    const part = new Uint8Array(Math.max(0, Math.min(length, download.size - offset)));
    try {
      await handle.read(part, 0, part.length, offset);
    } finally {
      await handle.close();
    }
    const done = offset + part.length >= download.size;
    if (done) await this.drop(id);
    return { part, done };
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.ready.keys()].map((id) => this.drop(id)));
  }

  private async drop(id: string): Promise<void> {
    const download = this.ready.get(id);
    if (!download) return;
    clearTimeout(download.timer);
    this.ready.delete(id);
    await fs.rm(download.file, { force: true });
  }
}
