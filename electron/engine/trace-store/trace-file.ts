// Whole trace files: sessions written as records, and read back from records — up to where a
// damaged file breaks, with the offset said.
import { z } from 'zod';
import type { CapturedSession } from '@shared/model/capture';
import type { LifecycleEvent } from '@shared/model/trace';
import { fileHeader, recordHeader, RecordScanner, type FormatProblem, type RecordHead } from './trace-format';

const endpointSchema = z.object({ address: z.string().max(64), port: z.number().int().min(0).max(65_535) });

/** What a session record holds (JSON): who and where, never the bytes. */
export const sessionRecordSchema = z.object({
  id: z.string().min(1).max(200),
  origin: z.enum(['client', 'proxy', 'broker', 'file']),
  label: z.string().max(1000),
  client: endpointSchema.optional(),
  broker: endpointSchema.optional(),
  startTime: z.number(),
});
export type SessionRecord = z.infer<typeof sessionRecordSchema>;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function sessionRecordOf(session: Pick<CapturedSession, 'id' | 'origin' | 'label' | 'client' | 'broker' | 'startTime'>): SessionRecord {
  const { id, origin, label, client, broker, startTime } = session;
  return { id, origin, label, ...(client ? { client } : {}), ...(broker ? { broker } : {}), startTime };
}

export function encodeJsonRecord(kind: 'session' | 'lifecycle', stream: number, time: number, value: unknown): Uint8Array[] {
  const payload = encoder.encode(JSON.stringify(value));
  return [recordHeader(kind, 'c2s', stream, time, payload.length), payload];
}

/** The sessions as one trace file, in pieces to write one after another (no copy of the bytes). */
export function encodeTraceFile(sessions: readonly CapturedSession[]): Uint8Array[] {
  const pieces: Uint8Array[] = [fileHeader()];
  sessions.forEach((session, stream) => {
    pieces.push(...encodeJsonRecord('session', stream, session.startTime, sessionRecordOf(session)));
    // Chunks and lifecycle entries interleaved in time, as they were recorded.
    let life = 0;
    for (const chunk of session.chunks) {
      while (life < session.lifecycle.length && session.lifecycle[life].time <= chunk.time) {
        pieces.push(...encodeJsonRecord('lifecycle', stream, session.lifecycle[life].time, session.lifecycle[life].event));
        life++;
      }
      pieces.push(recordHeader('chunk', chunk.dir, stream, chunk.time, chunk.bytes.length), chunk.bytes);
    }
    for (; life < session.lifecycle.length; life++) pieces.push(...encodeJsonRecord('lifecycle', stream, session.lifecycle[life].time, session.lifecycle[life].event));
  });
  return pieces;
}

/** Reads records into sessions, one per stream; what cannot be read is a problem, never a throw. */
export class TraceFileReader {
  private readonly byStream = new Map<number, CapturedSession>();
  private readonly problems: FormatProblem[] = [];
  private readonly scanner = new RecordScanner((head, payload, offset) => this.take(head, payload, offset));

  push(piece: Uint8Array): void {
    this.scanner.push(piece);
  }

  end(): { sessions: CapturedSession[]; problems: FormatProblem[] } {
    const problem = this.scanner.end();
    return { sessions: [...this.byStream.values()], problems: problem ? [...this.problems, problem] : this.problems };
  }

  private take(head: RecordHead, payload: Uint8Array, offset: number): void {
    if (head.kind === 'session') {
      const parsed = sessionRecordSchema.safeParse(parseJson(payload));
      if (!parsed.success) return void this.problems.push({ offset, message: `Session record at byte ${offset} cannot be read; its stream is left out` });
      if (this.byStream.has(head.stream)) return void this.problems.push({ offset, message: `A second session record for stream ${head.stream} at byte ${offset}; ignored` });
      this.byStream.set(head.stream, { ...parsed.data, chunks: [], lifecycle: [] });
      return;
    }
    const session = this.byStream.get(head.stream);
    if (!session) return void this.noteOrphan(head.stream, offset);
    if (head.kind === 'chunk') session.chunks.push({ dir: head.dir, time: head.time, bytes: payload.slice() });
    else {
      const event = parseJson(payload);
      if (event && typeof event === 'object' && typeof (event as { phase?: unknown }).phase === 'string') session.lifecycle.push({ time: head.time, event: event as LifecycleEvent });
      else this.problems.push({ offset, message: `Lifecycle record at byte ${offset} cannot be read; skipped` });
    }
  }

  private readonly orphans = new Set<number>();
  private noteOrphan(stream: number, offset: number): void {
    if (this.orphans.has(stream)) return;
    this.orphans.add(stream);
    this.problems.push({ offset, message: `Records of stream ${stream} from byte ${offset} come before (or without) its session record; skipped` });
  }
}

export function readTraceFile(bytes: Uint8Array): { sessions: CapturedSession[]; problems: FormatProblem[] } {
  const reader = new TraceFileReader();
  reader.push(bytes);
  return reader.end();
}

function parseJson(payload: Uint8Array): unknown {
  try {
    return JSON.parse(decoder.decode(payload));
  } catch {
    return undefined;
  }
}
