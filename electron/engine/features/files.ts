// Files in and out of the store: one the person opens (a trace, pcap or pcapng, sent in parts)
// read into sessions, and sessions exported as a trace or pcapng, read back in parts.
import { FILE_PART_BYTES } from '@shared/limits';
import type { fileRequests } from '@shared/contract/files';
import { pcapngBlocks } from '../pcap';
import { Downloads } from '../trace-store/downloads';
import { withEndpoints } from '../trace-store/endpoints';
import { readCaptureFile } from '../trace-store/read-capture-file';
import { redactSecrets } from '../trace-store/redact';
import { encodeTraceFile } from '../trace-store/trace-file';
import type { TraceStore } from '../trace-store/trace-store';
import { Uploads } from '../trace-store/uploads';
import { MAX_OPENED_SESSIONS } from '../limits';
import type { FeatureHandlers } from './handlers';

export class FilesFeature {
  private readonly uploads: Uploads;
  private readonly downloads: Downloads;

  constructor(
    dataDir: string,
    private readonly traces: TraceStore,
  ) {
    this.uploads = new Uploads(dataDir);
    this.downloads = new Downloads(dataDir);
  }

  readonly handlers: FeatureHandlers<typeof fileRequests> = {
    'files.open': async ({ upload, name, part, done }) => {
      const id = await this.uploads.add(upload, Buffer.from(part, 'base64'));
      if (!done) return { upload: id };
      const { sessions, problems } = readCaptureFile(await this.uploads.take(id), name);
      // A capture may hold any number of TCP streams; each kept one is a file of the store.
      if (sessions.length > MAX_OPENED_SESSIONS) problems.push(`${name} holds ${sessions.length} sessions; the first ${MAX_OPENED_SESSIONS} were opened`);
      const imported = await this.traces.importSessions(sessions.slice(0, MAX_OPENED_SESSIONS));
      const alreadyHeld = imported.filter(({ held }) => held).map(({ summary }) => summary.id);
      return { upload: id, sessions: imported.map(({ summary }) => summary), ...(alreadyHeld.length > 0 ? { alreadyHeld } : {}), problems };
    },
    'sessions.export': async ({ ids, format, includeSecrets }) => {
      const captured = await this.traces.captured(ids);
      const sessions = (includeSecrets ? captured : captured.map(redactSecrets)).map(withEndpoints);
      const { download, size } = await this.downloads.add(format === 'pcapng' ? pcapngBlocks(sessions) : encodeTraceFile(sessions));
      const stamp = new Date(sessions[0]?.startTime ?? Date.now()).toISOString().replace(/[:.]/g, '-');
      return { download, size, name: `mqtt-scope-${stamp}.${format === 'trace' ? 'mqtrace' : 'pcapng'}` };
    },
    'files.read': async ({ download, offset }) => {
      const { part, done } = await this.downloads.read(download, offset, FILE_PART_BYTES);
      return { part: Buffer.from(part).toString('base64'), done };
    },
  };

  /** Drops what is half uploaded and what waits to be read. */
  async dispose(): Promise<void> {
    await this.uploads.dispose();
    await this.downloads.dispose();
  }
}
