// What the person chose for the app as a whole, kept in the data folder: for now, what closing
// the app does to the connections it has open.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './profiles/atomic-write';

export const appSettingsSchema = z.object({
  /** `disconnect`: each connection ends with DISCONNECT (no will); `drop`: the sockets just
   *  close, as a crash would, and the brokers publish the wills. */
  onQuit: z.enum(['disconnect', 'drop']),
});
export type AppSettings = z.infer<typeof appSettingsSchema>;

const DEFAULTS: AppSettings = { onQuit: 'disconnect' };

export class AppSettingsFile {
  private current: AppSettings = DEFAULTS;
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'settings.json');
  }

  /** Reads the file; one that does not read leaves the defaults. */
  async load(): Promise<void> {
    try {
      const parsed = appSettingsSchema.partial().safeParse(JSON.parse(await readFile(this.file, 'utf8')));
      if (parsed.success) this.current = { ...DEFAULTS, ...parsed.data };
    } catch {
      // No file yet, or not JSON: the defaults stand.
    }
  }

  get value(): AppSettings {
    return this.current;
  }

  async update(change: Partial<AppSettings>): Promise<AppSettings> {
    this.current = { ...this.current, ...change };
    await writeFileAtomic(this.file, JSON.stringify(this.current));
    return this.current;
  }
}
