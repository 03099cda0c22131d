// What `broker` and `proxy` print of the connections they serve, as the engine's recording would
// take them: each connection's entries as they pass, numbered (#1, #2…) in text and named by its
// id in JSON; with --save, written to the trace file too. Nothing of a connection is kept past
// its end.
import { ConnectionDecoder } from '@shared/mqtt';
import { SessionStoryBuilder } from '@shared/model/session-story';
import type { ServerRecorder } from '../engine/features/broker';
import { TraceFileWriter } from '../engine/trace-store/trace-file-writer';
import { KEPT_FLOWS } from '../engine/limits';
import { jsonLine, textLine } from './trace-lines';

/** An entry as the engine's recording takes it. */
type Entry = Parameters<ServerRecorder['sink']>[0];

interface Followed {
  tag: number;
  start: number;
  decoder: ConnectionDecoder;
  /** Read as the entries pass, for the diagnosis at its end (the proxy's text). */
  story?: SessionStoryBuilder;
}

export class ServerPrinter implements ServerRecorder {
  private readonly followed = new Map<string, Followed>();
  private next = 1;
  /** The --save file, when one was asked for. */
  readonly saving: TraceFileWriter | undefined;

  constructor(
    private readonly out: (line: string) => void,
    private readonly options: { json: boolean; save?: string; origin: 'broker' | 'proxy' | 'capture'; diagnose?: boolean },
  ) {
    this.saving = options.save === undefined ? undefined : new TraceFileWriter(options.save, options.origin);
  }

  /** The number a connection is printed with while it lasts. */
  tagOf(connectionId: string): number | undefined {
    return this.followed.get(connectionId)?.tag;
  }

  readonly sink = (entry: Entry): void => {
    this.saving?.entry(entry);
    let session = this.followed.get(entry.connectionId);
    if (!session) {
      const diagnosed = this.options.diagnose && !this.options.json;
      session = { tag: this.next++, start: entry.time, decoder: new ConnectionDecoder(), ...(diagnosed ? { story: new SessionStoryBuilder(entry.connectionId, KEPT_FLOWS) } : {}) };
      this.followed.set(entry.connectionId, session);
    }
    session.story?.add(entry);
    const ends = entry.kind === 'lifecycle' && entry.event.phase === 'closed';
    if (this.options.json) {
      this.out(jsonLine(entry, session.start, session.decoder, { connection: entry.connectionId }));
    } else {
      this.out(`#${session.tag} ${textLine(entry, session.start, session.decoder)}`);
      const diagnosis = ends ? session.story?.story().diagnosis : undefined;
      if (diagnosis) this.out(`#${session.tag} ${diagnosis.layer}: ${diagnosis.title}. ${diagnosis.hint}`);
    }
    if (ends) this.followed.delete(entry.connectionId);
  };

  readonly onChunk: ServerRecorder['onChunk'] = (connectionId, dir, chunk, time) => this.saving?.chunk(connectionId, dir, chunk, time);

  /** The recording of a connection stopped while it was open (a capture that stopped following it). */
  ended(connectionId: string, time: number): void {
    const session = this.followed.get(connectionId);
    if (!session) return;
    const at = Math.round((time - session.start) * 1000) / 1000;
    this.out(this.options.json ? JSON.stringify({ time: at, connection: connectionId, event: 'recording-ended' }) : `#${session.tag} +${at.toFixed(3)} ms`.padEnd(17) + ' END    the capture stopped following it while it was open');
    this.followed.delete(connectionId);
  }
}
