// Whole trace files: sessions written as records, and read back from records — up to where a
// damaged file breaks, with the offset said.
import { z } from 'zod';
import { parseEndpoint, type CapturedSession } from '@shared/model/capture';
import type { LifecycleEvent, RecordedEntry } from '@shared/model/trace';
import { recordedOrder } from './recorded-order';
import { fileHeader, recordHeader, RecordScanner, type FormatProblem, type RecordHead } from './trace-format';
import { portOrAnySchema } from '@shared/limits';
import { MAX_TLS_LISTED } from '../limits';

const endpointSchema = z.object({ address: z.string().max(64), port: portOrAnySchema() });

/** What a session record holds (JSON): who and where, never the bytes. */
export const sessionRecordSchema = z.object({
  id: z.string().min(1).max(200),
  origin: z.enum(['client', 'proxy', 'broker', 'file', 'capture']),
  label: z.string().max(1000),
  client: endpointSchema.optional(),
  broker: endpointSchema.optional(),
  startTime: z.number(),
  /** A connection the lab opened: its run and experiment. */
  lab: z.object({ run: z.string().max(100), experiment: z.string().max(100) }).optional(),
});
export type SessionRecord = z.infer<typeof sessionRecordSchema>;

const text = z.string().max(4096);
const duration = z.number().finite().min(0);
const certificate = z.object({ subject: text, issuer: text, subjectAltNames: text.optional(), validFrom: text, validTo: text, fingerprint256: text });

const passiveTls = z.object({
  serverName: text.optional(),
  offeredVersions: z.array(text).max(MAX_TLS_LISTED),
  alpnOffered: z.array(text).max(MAX_TLS_LISTED).optional(),
  alerts: z.array(z.object({ from: z.enum(['client', 'server']), level: text, description: text })).max(MAX_TLS_LISTED),
  certificatesHidden: z.boolean().optional(),
  alertsHidden: z.boolean().optional(),
  handshakeComplete: z.boolean(),
});

/** A lifecycle record's event, checked before anything reads it: a file may have been made by
 *  anyone. */
export const lifecycleEventSchema = z.discriminatedUnion('phase', [
  z.object({ phase: z.literal('accepted'), by: z.enum(['broker', 'proxy', 'capture']), clientAddress: text, localAddress: text.optional(), joinedOpen: z.literal(true).optional() }),
  z.object({ phase: z.literal('dns'), host: text, addresses: z.array(text).max(64), durationMs: duration }),
  z.object({ phase: z.literal('tcp'), localAddress: text, remoteAddress: text, durationMs: duration }),
  z.object({ phase: z.literal('websocket'), url: text, status: z.number().int(), protocol: text.optional(), durationMs: duration }),
  z.object({ phase: z.literal('tls'), protocol: text, cipher: text, alpn: text.optional(), authorized: z.boolean(), authorizationError: text.optional(), chain: z.array(certificate).max(16), durationMs: duration, passive: passiveTls.optional() }),
  z.object({ phase: z.literal('closed'), by: z.enum(['client', 'broker', 'error']), error: z.object({ code: text.optional(), message: text }).optional() }),
]);

/** The event of a lifecycle record, or undefined when it is not one. */
export function readLifecycleEvent(payload: Uint8Array): LifecycleEvent | undefined {
  const parsed = lifecycleEventSchema.safeParse(parseJson(payload));
  return parsed.success ? (parsed.data as LifecycleEvent) : undefined;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function sessionRecordOf(session: Pick<CapturedSession, 'id' | 'origin' | 'label' | 'client' | 'broker' | 'startTime'>): SessionRecord {
  const { id, origin, label, client, broker, startTime } = session;
  return { id, origin, label, ...(client ? { client } : {}), ...(broker ? { broker } : {}), startTime };
}

/**
 * The session record of a connection from its first entry: one the local broker or the proxy
 * accepted says whose it is and from where; any other is this app's, as `dialled` says.
 */
export function sessionRecordFrom(first: RecordedEntry, dialled: Pick<SessionRecord, 'origin' | 'label' | 'broker'>): SessionRecord {
  const accepted = first.kind === 'lifecycle' && first.event.phase === 'accepted' ? first.event : undefined;
  if (!accepted) return { id: first.connectionId, origin: dialled.origin, label: dialled.label, ...(dialled.broker ? { broker: dialled.broker } : {}), startTime: first.time };
  const client = parseEndpoint(accepted.clientAddress);
  const broker = accepted.localAddress ? parseEndpoint(accepted.localAddress) : undefined;
  return { id: first.connectionId, origin: accepted.by, label: accepted.clientAddress, ...(client ? { client } : {}), ...(broker ? { broker } : {}), startTime: first.time };
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
    for (const item of recordedOrder(session)) {
      if (item.kind === 'chunk') pieces.push(recordHeader('chunk', item.chunk.dir, stream, item.chunk.time, item.chunk.bytes.length), item.chunk.bytes);
      else pieces.push(...encodeJsonRecord('lifecycle', stream, item.record.time, item.record.event));
    }
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
      const event = readLifecycleEvent(payload);
      if (event) session.lifecycle.push({ time: head.time, event });
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

export function parseJson(payload: Uint8Array): unknown {
  try {
    return JSON.parse(decoder.decode(payload));
  } catch {
    return undefined;
  }
}
