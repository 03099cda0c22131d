// A session held in memory (read from a capture or a saved trace) put back in the order it was
// recorded: the one order both the trace file writer and the replay follow.
import type { CaptureChunk, CaptureLifecycle, CapturedSession } from '@shared/model/capture';

export type RecordedItem = { kind: 'chunk'; chunk: CaptureChunk } | { kind: 'lifecycle'; record: CaptureLifecycle };

/**
 * Chunks in order, each lifecycle record before the chunks stamped at or after its time; the end
 * (`closed`) after every chunk. A capture stamps the end with its first FIN, and a FIN may ride
 * in the segment that carries the last bytes (a DISCONNECT: flags AP..F): at the same time as
 * them, yet after them. A side that goes on sending after the other's FIN (a half-close) is
 * still before the end, as a live recording has it.
 */
export function* recordedOrder(session: Pick<CapturedSession, 'chunks' | 'lifecycle'>): Generator<RecordedItem> {
  const { chunks, lifecycle } = session;
  const ends: CaptureLifecycle[] = [];
  let life = 0;
  const before = function* (time: number): Generator<RecordedItem> {
    for (; life < lifecycle.length && lifecycle[life].time <= time; life++) {
      if (lifecycle[life].event.phase === 'closed') ends.push(lifecycle[life]);
      else yield { kind: 'lifecycle', record: lifecycle[life] };
    }
  };
  for (const chunk of chunks) {
    yield* before(chunk.time);
    yield { kind: 'chunk', chunk };
  }
  yield* before(Infinity);
  for (const record of ends) yield { kind: 'lifecycle', record };
}
