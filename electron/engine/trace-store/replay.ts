// A recorded session read back from its file: its chunks framed and decoded again by the same
// tap that recorded them, into an index and a story — streamed in pieces, so a file of any size
// costs the index, not the file.
import { promises as fs } from 'node:fs';
import { SessionStoryBuilder, type SessionStory } from '@shared/model/session-story';
import type { LifecycleEvent } from '@shared/model/trace';
import { ConnectionTap, type TraceSink } from '../trace/tap';
import type { CapturedSession } from '@shared/model/capture';
import { parseJson, readLifecycleEvent, sessionRecordSchema, type SessionRecord } from './trace-file';
import { RECORD_HEADER_SIZE, RecordScanner, type FormatProblem } from './trace-format';
import { TraceIndex } from './trace-index';
import { recordedOrder } from './recorded-order';
import { REPLAY_PIECE_BYTES as PIECE, STORY_KEEPS } from '../limits';

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
    let builder = new SessionStoryBuilder('', STORY_KEEPS);
    let tap: ConnectionTap | undefined;
    let end: { event: LifecycleEvent; time: number } | undefined;
    let lastTime = 0;
    /** Where the payload of the record being read begins in the file. */
    let payloadAt = 0;
    const scanner = new RecordScanner((head, payload, offset) => {
      lastTime = head.time;
      payloadAt = offset + RECORD_HEADER_SIZE;
      if (head.kind === 'session' && head.stream === 0) {
        const parsed = sessionRecordSchema.safeParse(parseJson(payload));
        if (!parsed.success || record) return;
        record = parsed.data;
        index = new TraceIndex(record.id);
        builder = new SessionStoryBuilder(record.id, STORY_KEEPS, record.origin);
        tap = new ConnectionTap(record.id, (entry) => {
          index.addEntry(entry);
          builder.add(entry);
        }, undefined, { onChunk: (_id, dir, chunk) => index.addChunk(dir, payloadAt, chunk.length) });
        return;
      }
      // The store's files hold one session, stream 0.
      if (!tap || head.stream !== 0) return;
      if (head.kind === 'chunk') return tap.bytes(head.dir, payload, head.time);
      const event = readLifecycleEvent(payload);
      // The end is told last: a file written before the end followed every chunk may hold a
      // DISCONNECT after the end stamped at the same time.
      if (event?.phase === 'closed') end ??= { event, time: head.time };
      else if (event) replayLifecycle(tap, event, head.time);
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
    if (tap && end) replayLifecycle(tap, end.event, end.time);
    else if (tap) {
      tap.end(lastTime);
      // Its recording stops here with the connection open (saved while open, a capture stopped
      // first, the app stopped): the story says so, never "Connected" as if it went on.
      builder.recordingEnded(lastTime);
    }
    const replayed: ReplayedSession = { record, index, story: builder.story(), fileSize: size, ...(problem ? { problem } : {}) };
    if (keepOpen) replayed.handle = handle;
    else await handle.close();
    return replayed;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/**
 * A session held in memory (read from a saved file or a capture) replayed into its entries, in
 * time order: chunks framed and decoded by the tap, lifecycle entries between them.
 */
export function replaySession(session: CapturedSession, sink: TraceSink): void {
  const tap = new ConnectionTap(session.id, sink);
  let closed = false;
  for (const item of recordedOrder(session)) {
    if (item.kind === 'chunk') tap.bytes(item.chunk.dir, item.chunk.bytes, item.chunk.time);
    else closed = replayLifecycle(tap, item.record.event, item.record.time) || closed;
  }
  if (!closed) tap.end(session.chunks.at(-1)?.time ?? session.startTime);
}

/** A recorded lifecycle event given to the tap as it was first: the end through `closed`, which
 *  also records what was left unframed. True for the end. */
function replayLifecycle(tap: ConnectionTap, event: LifecycleEvent, time: number): boolean {
  if (event.phase !== 'closed') {
    tap.lifecycle(event, time);
    return false;
  }
  tap.closed(event.by, event.error, time);
  return true;
}
