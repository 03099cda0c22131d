// A file the person opens, carried to the engine in parts (a host message is at most 1 MiB):
// gathered in a temporary file under the data folder, bounded in size and in time.
import { randomUUID } from 'node:crypto';
import { mkdirSync, promises as fs, rmSync } from 'node:fs';
import path from 'node:path';
import { MAX_UPLOAD_BYTES, MAX_UPLOADS } from '../limits';

/** An upload nobody finishes is dropped after this long without a part. */
const IDLE_MS = 10 * 60 * 1000;

interface Upload {
  file: string;
  bytes: number;
  timer: ReturnType<typeof setTimeout> | undefined;
}

export class Uploads {
  private readonly dir: string;
  private readonly open = new Map<string, Upload>();

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'uploads');
    // Parts an app that stopped left behind belong to no upload any more.
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
  }

  /** Appends a part; returns the upload's id (a new one when none is given). */
  async add(id: string | undefined, part: Uint8Array): Promise<string> {
    let upload = id === undefined ? undefined : this.open.get(id);
    if (id !== undefined && !upload) throw new Error('This upload is unknown or expired; open the file again');
    if (!upload) {
      if (this.open.size >= MAX_UPLOADS) throw new Error('Too many files are being opened at once');
      id = randomUUID();
      upload = { file: path.join(this.dir, `${id}.part`), bytes: 0, timer: undefined };
      this.open.set(id, upload);
    }
    const key = id!;
    if (upload.bytes + part.length > MAX_UPLOAD_BYTES) {
      await this.drop(key);
      throw new Error(`The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024 / 1024} GiB, more than can be opened here; use mqttscope open FILE`);
    }
    clearTimeout(upload.timer);
    upload.timer = setTimeout(() => void this.drop(key), IDLE_MS);
    upload.timer.unref?.();
    await fs.appendFile(upload.file, part, { mode: 0o600 });
    upload.bytes += part.length;
    return key;
  }

  /** The whole file, once; the upload is gone after. */
  async take(id: string): Promise<Uint8Array> {
    const upload = this.open.get(id);
    if (!upload) throw new Error('This upload is unknown or expired; open the file again');
    try {
      return upload.bytes === 0 ? new Uint8Array(0) : new Uint8Array(await fs.readFile(upload.file));
    } finally {
      await this.drop(id);
    }
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.open.keys()].map((id) => this.drop(id)));
  }

  private async drop(id: string): Promise<void> {
    const upload = this.open.get(id);
    if (!upload) return;
    clearTimeout(upload.timer);
    this.open.delete(id);
    await fs.rm(upload.file, { force: true });
  }
}
