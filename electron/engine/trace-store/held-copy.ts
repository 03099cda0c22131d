// Whether a session read from a file is one the store already holds: a saved trace of a stored
// session, or the same capture opened twice. A copy is the same recording, never a reconnect.
import type { CapturedSession } from '@shared/model/capture';
import { redactSecrets } from './redact';

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
