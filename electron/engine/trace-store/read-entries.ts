// A recorded session's entries read back: the index says where each packet's bytes are in the
// file; a page of them is read in one go when it lies close together.
import { summarize } from '@shared/mqtt/summary';
import type { RecordedEntry } from '@shared/model/trace';
import type { TraceIndex } from './trace-index';
import { ONE_READ_LIMIT } from '../limits';

/** Reads `length` bytes at `position` of a file into `buffer` from `offset`. */
export type ReadAt = (buffer: Uint8Array, offset: number, length: number, position: number) => Promise<void>;

/** The entries [from, from + count) of an index, their bytes read from its file. */
export function readEntries(index: TraceIndex, readAt: ReadAt, from: number, count: number): Promise<RecordedEntry[]> {
  const seqs: number[] = [];
  for (let seq = Math.max(0, from); seq < Math.min(index.count, from + count); seq++) seqs.push(seq);
  return readEntriesAt(index, readAt, seqs);
}

/** The entries with these seqs (in order), their bytes read from the file. */
export async function readEntriesAt(index: TraceIndex, readAt: ReadAt, seqs: readonly number[]): Promise<RecordedEntry[]> {
  const shapes = [];
  let low = Infinity;
  let high = 0;
  for (const seq of seqs) {
    const shape = index.entryShape(seq)!;
    const spans = shape.kind === 'packet' ? index.fileSpans(shape.span) : [];
    for (const span of spans) {
      low = Math.min(low, span.fileOffset);
      high = Math.max(high, span.fileOffset + span.length);
    }
    shapes.push({ seq, shape, spans });
  }
  const window = high > low && high - low <= ONE_READ_LIMIT ? new Uint8Array(high - low) : undefined;
  if (window) await readAt(window, 0, window.length, low);
  const entries: RecordedEntry[] = [];
  for (const { seq, shape, spans } of shapes) {
    if (shape.kind === 'whole') {
      entries.push(shape.entry);
      continue;
    }
    if (spans.length === 0 && shape.span.length > 0) {
      // The index knows the packet but the file holds none of its bytes: said, never zeros.
      entries.push({ kind: 'frame-error', connectionId: index.connectionId, seq, time: shape.time, dir: shape.dir, reason: 'truncated', bytes: new Uint8Array(), message: `The ${shape.span.length} bytes of this ${shape.typeName} are not in the trace file` });
      continue;
    }
    const bytes = new Uint8Array(shape.span.length);
    let at = 0;
    for (const span of spans) {
      if (window) bytes.set(window.subarray(span.fileOffset - low, span.fileOffset - low + span.length), at);
      else await readAt(bytes, at, span.length, span.fileOffset);
      at += span.length;
    }
    entries.push({ kind: 'packet', connectionId: index.connectionId, seq, time: shape.time, dir: shape.dir, bytes, facts: summarize(bytes, shape.protocolLevel), typeName: shape.typeName, protocolLevel: shape.protocolLevel, problemCount: shape.problemCount });
  }
  return entries;
}

/** The first `length` bytes (at most) of each packet with these seqs, read from the file; an
 *  entry that is not a packet, or whose bytes the file does not hold, gives an empty array. */
export async function readPacketHeads(index: TraceIndex, readAt: ReadAt, seqs: readonly number[], length: number): Promise<Uint8Array[]> {
  const pieces = seqs.map((seq) => {
    const shape = index.entryShape(seq);
    return shape?.kind === 'packet' ? index.fileSpans({ ...shape.span, length: Math.min(length, shape.span.length) }) : [];
  });
  let low = Infinity;
  let high = 0;
  for (const span of pieces.flat()) {
    low = Math.min(low, span.fileOffset);
    high = Math.max(high, span.fileOffset + span.length);
  }
  const window = high > low && high - low <= ONE_READ_LIMIT ? new Uint8Array(high - low) : undefined;
  if (window) await readAt(window, 0, window.length, low);
  const heads: Uint8Array[] = [];
  for (const spans of pieces) {
    const head = new Uint8Array(spans.reduce((sum, span) => sum + span.length, 0));
    let at = 0;
    for (const span of spans) {
      if (window) head.set(window.subarray(span.fileOffset - low, span.fileOffset - low + span.length), at);
      else await readAt(head, at, span.length, span.fileOffset);
      at += span.length;
    }
    heads.push(head);
  }
  return heads;
}
