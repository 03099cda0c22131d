// The message before a PUBLISH on the same topic and in the same direction (what the payload
// viewer diffs against): for a message received, the topic index's link to it; otherwise (the
// client's own, or one past the topic index's bounds) a backward scan of the index over PUBLISH
// entries, bounded, reading only the start of each candidate (its fixed header and topic).
import { PREVIOUS_ON_TOPIC_SCAN } from '@shared/contract';
import { summarize } from '@shared/mqtt/summary';
import { readPacketHeads } from './read-entries';
import type { TraceIndex } from './trace-index';
import type { TraceReader } from './trace-reader';
import { MQTT_STRING_MAX_BYTES } from '@shared/limits';

/** Entries read at a time; other work runs between slices. */
const SLICE = 1024;
/** A fixed header (at most 5 bytes) and the topic's two-byte length come before the topic. */
const BEFORE_TOPIC = 5 + 2;

export interface PreviousOnTopic {
  /** The earlier message's seq; absent when none was found. */
  seq?: number;
  /** Entries looked through. */
  scanned: number;
  /** The answer is final: found, or the scan reached the session's first entry (none before). */
  complete: boolean;
}

export async function previousOnTopic(index: TraceIndex, reader: TraceReader, seq: number, limit = PREVIOUS_ON_TOPIC_SCAN): Promise<PreviousOnTopic> {
  const shape = index.entryShape(seq);
  if (shape?.kind !== 'packet' || shape.typeName !== 'PUBLISH') throw new Error(`Entry ${seq} is not a PUBLISH`);
  const linked = index.topics.previousMessage(seq);
  if (linked !== undefined) return { ...(linked === null ? {} : { seq: linked }), scanned: 0, complete: true };
  const [own] = await reader.use((readAt) => readPacketHeads(index, readAt, [seq], BEFORE_TOPIC + MQTT_STRING_MAX_BYTES));
  const topic = summarize(own, shape.protocolLevel).topic;
  if (!topic) throw new Error(`The PUBLISH at ${seq} has no topic name of its own (an MQTT 5 topic alias stands for it)`);
  const headLength = BEFORE_TOPIC + new TextEncoder().encode(topic).length;
  const stop = Math.max(0, seq - limit);
  for (let end = seq; end > stop; ) {
    const start = Math.max(stop, end - SLICE);
    const candidates: number[] = [];
    for (let at = end - 1; at >= start; at--) {
      if (index.isRow(at) && index.typeNameOf(at) === 'PUBLISH' && index.dirOf(at) === shape.dir) candidates.push(at);
    }
    if (candidates.length > 0) {
      const heads = await reader.use((readAt) => readPacketHeads(index, readAt, candidates, headLength));
      const found = candidates.findIndex((_candidate, position) => summarize(heads[position], shape.protocolLevel).topic === topic);
      if (found >= 0) return { seq: candidates[found], scanned: seq - candidates[found], complete: true };
    }
    end = start;
    if (end > stop) await new Promise((resolve) => setImmediate(resolve));
  }
  return { scanned: seq - stop, complete: stop === 0 };
}
