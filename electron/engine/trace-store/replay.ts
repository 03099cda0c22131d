// A recorded session read back from its file: its chunks framed and decoded again by the same
// tap that recorded them, into an index and a story — streamed in pieces, so a file of any size
// costs the index, not the file.
import { promises as fs } from 'node:fs';
import { SessionStoryBuilder, type SessionStory } from '@shared/model/session-story';
import type { CloseCause } from '@shared/model/trace';
import { ConnectionTap, type TraceSink } from '../trace/tap';
import type { CapturedSession } from '@shared/model/capture';
import { sessionRecordSchema, type SessionRecord } from './trace-file';
import { RECORD_HEADER_SIZE, RecordScanner, type FormatProblem } from './trace-format';
import { TraceIndex } from './trace-index';

const PIECE = 4 * 1024 * 1024;
const decoder = new TextDecoder();

export interface ReplayedSession {
  record?: SessionRecord;
  index: TraceIndex;
  story: SessionStory;
  fileSize: number;
  /** Where the file breaks, when it does: what comes before is all here. */
  problem?: FormatProblem;
  /** Kept open for reading packets' bytes when asked (`keepOpen`). */
  handle?: fs.FileHandle;
}

export async function replayTraceFile(file: string, { keepOpen = false } = {}): Promise<ReplayedSession> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    let record: SessionRecord | undefined;
    let index = new TraceIndex('');
    let builder = new SessionStoryBuilder('', 1000);
    let tap: ConnectionTap | undefined;
    let closed = false;
    let lastTime = 0;
    /** Where the payload of the record being read begins in the file. */
    let payloadAt = 0;
    const scanner = new RecordScanner((head, payload, offset) => {
      lastTime = head.time;
      payloadAt = offset + RECORD_HEADER_SIZE;
      if (head.kind === 'session') {
        const parsed = sessionRecordSchema.safeParse(parseJson(payload));
        if (!parsed.success || record) return;
        record = parsed.data;
        index = new TraceIndex(record.id);
        builder = new SessionStoryBuilder(record.id, 1000);
        tap = new ConnectionTap(record.id, (entry) => {
          index.addEntry(entry);
          builder.add(entry);
        }, undefined, { onChunk: (_id, dir, chunk) => index.addChunk(dir, payloadAt, chunk.length) });
        return;
      }
      if (!tap) return;
      if (head.kind === 'chunk') return tap.bytes(head.dir, payload, head.time);
      const event = parseJson(payload) as { phase?: string; by?: CloseCause; error?: { code?: string; message: string } } | undefined;
      if (!event || typeof event.phase !== 'string') return;
      if (event.phase === 'closed') {
        closed = true;
        tap.closed(event.by ?? 'error', event.error, head.time);
      } else tap.lifecycle(event as never, head.time);
    });
    const piece = new Uint8Array(PIECE);
    for (let position = 0; position < size; ) {
      const { bytesRead } = await handle.read(piece, 0, Math.min(PIECE, size - position), position);
      if (bytesRead === 0) break;
      scanner.push(piece.subarray(0, bytesRead));
      position += bytesRead;
    }
    const problem = scanner.end();
    // Without its end, what was left inside a packet is shown as cut short.
    if (tap && !closed) tap.end(lastTime);
    const replayed: ReplayedSession = { record, index, story: builder.story(), fileSize: size, ...(problem ? { problem } : {}) };
    if (keepOpen) replayed.handle = handle;
    else await handle.close();
    return replayed;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

function parseJson(payload: Uint8Array): unknown {
  try {
    return JSON.parse(decoder.decode(payload));
  } catch {
    return undefined;
  }
}

/**
 * A session held in memory (read from a saved file or a capture) replayed into its entries, in
 * time order: chunks framed and decoded by the tap, lifecycle entries between them.
 */
export function replaySession(session: CapturedSession, sink: TraceSink): void {
  const tap = new ConnectionTap(session.id, sink);
  const { chunks, lifecycle } = session;
  let life = 0;
  let closed = false;
  const applyLifecycle = (item: CapturedSession['lifecycle'][number]) => {
    const event = item.event;
    if (event.phase === 'closed') {
      closed = true;
      tap.closed(event.by, event.error, item.time);
    } else tap.lifecycle(event, item.time);
  };
  for (const chunk of chunks) {
    while (life < lifecycle.length && lifecycle[life].time <= chunk.time && lifecycle[life].event.phase !== 'closed') applyLifecycle(lifecycle[life++]);
    tap.bytes(chunk.dir, chunk.bytes, chunk.time);
  }
  for (; life < lifecycle.length; life++) applyLifecycle(lifecycle[life]);
  if (!closed) tap.end(chunks.at(-1)?.time ?? session.startTime);
}
