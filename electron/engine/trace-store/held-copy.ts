// Whether a session read from a file is one the store already holds: a saved trace of a stored
// session, or the same capture opened twice. A copy is the same recording, never a reconnect.
// Cheap facts first (the start time, then the file's size), then the file piece by piece, never
// past the opened session's own size and one session record, stopping at the first chunk that differs.
import { promises as fs } from 'node:fs';
import type { CapturedSession } from '@shared/model/capture';
import { redactSecrets } from './redact';
import { encodeJsonRecord, encodeTraceFile, sessionRecordOf } from './trace-file';
import { RECORD_HEADER_SIZE, RecordScanner } from './trace-format';
import { MAX_SESSION_RECORD_BYTES, READ_PIECE_BYTES } from '../limits';

/**
 * The same start and the same chunks (direction, time, bytes), secrets aside: an export blanks
 * passwords unless asked. A file cut short is not the same: it shows what it holds.
 */
export function isCopyOf(opened: CapturedSession, held: CapturedSession): boolean {
  if (opened.startTime !== held.startTime || opened.chunks.length !== held.chunks.length) return false;
  const ours = redactSecrets(opened).chunks;
  const theirs = redactSecrets(held).chunks;
  return ours.every((chunk, index) => {
    const other = theirs[index];
    return chunk.dir === other.dir && chunk.time === other.time && Buffer.compare(chunk.bytes, other.bytes) === 0;
  });
}

/** The bytes of the session as a trace file of its own, its session record aside: the record
 *  says who and where, which a saved copy may say more fully (the client's address learned from
 *  the connection), while its chunks and lifecycle records are the same bytes, secrets blanked
 *  at the same lengths. */
function sizeBesideRecord(session: CapturedSession): number {
  const all = encodeTraceFile([session]).reduce((sum, piece) => sum + piece.length, 0);
  const record = encodeJsonRecord('session', 0, session.startTime, sessionRecordOf(session)).reduce((sum, piece) => sum + piece.length, 0);
  return all - record;
}

/**
 * Whether the held trace file `file` (one session) is a copy of `opened`. A file whose size is
 * not the opened session's, give or take a session record, is never read; one that is, is read
 * a piece at a time (never past its size: the opened session's own and at most one session
 * record more) and given up at the first chunk whose direction, time or length differs.
 */
export async function heldFileIsCopyOf(file: string, opened: CapturedSession): Promise<boolean> {
  const stat = await fs.stat(file).catch(() => undefined);
  const recordBytes = (stat?.size ?? 0) - sizeBesideRecord(opened);
  if (!stat || recordBytes < RECORD_HEADER_SIZE || recordBytes > MAX_SESSION_RECORD_BYTES) return false;
  const size = stat.size;
  const held: CapturedSession = { ...opened, chunks: [], lifecycle: [] };
  let differs = false;
  const scanner = new RecordScanner((head, payload) => {
    if (head.kind === 'session') differs ||= payload.length + RECORD_HEADER_SIZE !== recordBytes;
    if (head.kind !== 'chunk' || differs) return;
    const expected = opened.chunks[held.chunks.length];
    if (!expected || expected.dir !== head.dir || expected.time !== head.time || expected.bytes.length !== payload.length) differs = true;
    else held.chunks.push({ dir: head.dir, time: head.time, bytes: payload.slice() });
  });
  const handle = await fs.open(file, 'r').catch(() => undefined);
  if (!handle) return false;
  try {
    for (let at = 0; at < size && !differs && !scanner.problem; ) {
      // A new piece each time: the scanner may keep the end of one until the next comes.
      const piece = Buffer.alloc(Math.min(READ_PIECE_BYTES, size - at));
      const { bytesRead } = await handle.read(piece, 0, piece.length, at);
      if (bytesRead === 0) break;
      scanner.push(piece.subarray(0, bytesRead));
      at += bytesRead;
    }
  } finally {
    await handle.close();
  }
  return !differs && !scanner.problem && isCopyOf(opened, held);
}
