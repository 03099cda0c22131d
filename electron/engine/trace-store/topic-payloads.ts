// A topic's payloads as text, for a plot: the newest messages of a seq range, found by following
// the topic index's links back from its newest message (never scanning the trace), read from the
// file only when their PUBLISH is short enough to hold a reading rather than a document or a file.
import type { RecordedPacket } from '@shared/model/trace';
import { checkUtf8, decodeUtf8Unchecked, UTF8_INVALID } from '@shared/mqtt/utf8';
import type { TopicPayload, TopicPayloadsAnswer } from '@shared/model/topics';
import { readEntriesAt } from './read-entries';
import type { TraceIndex } from './trace-index';
import type { TraceReader } from './trace-reader';
import { PAYLOAD_TEXT_PACKET_BYTES } from '@shared/limits';

export interface PayloadRange {
  /** Only messages after this seq, and before `beforeSeq`; the newest `limit` of them. */
  afterSeq?: number;
  beforeSeq?: number;
  limit: number;
}

export async function topicPayloads(index: TraceIndex, reader: TraceReader, topic: string, { afterSeq = -1, beforeSeq = Infinity, limit }: PayloadRange): Promise<TopicPayloadsAnswer> {
  const topics = index.topics;
  const id = topics.idOf(topic);
  if (id === undefined) return { messages: [], more: false, total: 0 };
  // One past the limit says whether older ones were left out.
  const found = topics.messagesBefore(id, beforeSeq, limit + 1).filter((seq) => seq > afterSeq);
  const seqs = found.slice(0, limit).reverse();
  const long = (seq: number) => packetLength(index, seq) > PAYLOAD_TEXT_PACKET_BYTES;
  const short = seqs.filter((seq) => !long(seq));
  const entries = short.length > 0 ? await reader.use((readAt) => readEntriesAt(index, readAt, short)) : [];
  const texts = new Map<number, string>();
  for (const entry of entries) {
    const text = entry.kind === 'packet' ? payloadText(entry) : undefined;
    if (text !== undefined) texts.set(entry.seq, text);
  }
  const messages = seqs.map((seq): TopicPayload => {
    const time = index.timeOf(seq);
    if (long(seq)) return { seq, time, long: true };
    const text = texts.get(seq);
    return text === undefined ? { seq, time } : { seq, time, text };
  });
  return { messages, more: found.length > limit, total: topics.stats(id, 0).messages };
}

function packetLength(index: TraceIndex, seq: number): number {
  const shape = index.entryShape(seq);
  return shape?.kind === 'packet' ? shape.span.length : 0;
}

/** The payload as text, or undefined when it is not UTF-8 (or the bytes are not a PUBLISH). */
function payloadText({ bytes, facts }: RecordedPacket): string | undefined {
  if (facts.payloadOffset < 0) return undefined;
  const end = facts.payloadOffset + facts.payloadLength;
  return checkUtf8(bytes, facts.payloadOffset, end) === UTF8_INVALID ? undefined : decodeUtf8Unchecked(bytes, facts.payloadOffset, end);
}
