// What the UI asks of a session's topics: one level's children (or the levels a search finds)
// with their counts, rate and newest value; a topic's messages, newest first; its payloads as
// text for a plot; the retained messages received. Answers come from the topic index; only the newest payloads shown are read
// from the file.
import { payloadPreview } from '@shared/model/payload-preview';
import type { RowView } from '@shared/model/session-view';
import type { RetainedAnswer, TopicLevel, TopicMessagesAnswer, TopicPayloadsAnswer, TopicsAnswer } from '@shared/model/topics';
import { readEntriesAt } from './read-entries';
import type { TraceIndex } from './trace-index';
import type { TraceReader } from './trace-reader';
import { NONE } from './topic-index';
import { topicPayloads, type PayloadRange } from './topic-payloads';
import { TOPIC_PREVIEW_BYTES as PREVIEW_BYTES } from '@shared/limits';

export interface TopicsQuestion {
  /** The level whose children are asked for (`home/kitchen`); the top levels without it. */
  parent?: string;
  /** Levels anywhere whose path holds this text, instead of one level's children. */
  search?: string;
  limit: number;
}

export class TopicQueries {
  constructor(
    private readonly index: TraceIndex,
    private readonly reader: TraceReader,
    private readonly rowsAt: (seqs: readonly number[]) => Promise<RowView[]>,
  ) {}

  /** `now` is when the rate is read at: the clock for a session recording now, else its end. */
  async levels({ parent, search, limit }: TopicsQuestion, now = this.lastTime()): Promise<TopicsAnswer> {
    const topics = this.index.topics;
    let ids: readonly number[];
    let total: number;
    if (search !== undefined) {
      ({ ids, total } = topics.search(search, limit));
    } else {
      const id = topics.idOf(parent ?? '');
      if (id === undefined) throw new Error(`No topic level ${parent} in this session`);
      const children = topics.children(id);
      ids = children.slice(0, limit);
      total = children.length;
    }
    const stats = ids.map((id) => topics.stats(id, now));
    const values = await this.previews(stats.map((level) => level.lastOwnSeq).filter((seq) => seq !== NONE));
    const levels = ids.map((id, at): TopicLevel => {
      const path = topics.pathOf(id);
      const { messages, totalMessages, children, rate, lastOwnSeq, lastSeqBelow } = stats[at];
      const retained = topics.retainedOf(id, (seq) => this.index.timeOf(seq));
      const lastValue = values.get(lastOwnSeq);
      return {
        path,
        name: path.slice(path.lastIndexOf('/') + 1),
        messages,
        totalMessages,
        children,
        rate,
        lastSeq: lastSeqBelow === NONE ? -1 : lastSeqBelow,
        lastTime: lastSeqBelow === NONE ? 0 : this.index.timeOf(lastSeqBelow),
        ...(lastValue !== undefined ? { lastValue } : {}),
        ...(retained ? { retained } : {}),
      };
    });
    return { levels, total, knownLevels: topics.levelCount, overflowMessages: topics.overflowMessages };
  }

  /** The topic's messages older than `beforeSeq` (all when absent), newest first. */
  async messages(topic: string, limit: number, beforeSeq = Infinity): Promise<TopicMessagesAnswer> {
    const topics = this.index.topics;
    const id = topics.idOf(topic);
    if (id === undefined) return { rows: [], total: 0 };
    return { rows: await this.rowsAt(topics.messagesBefore(id, beforeSeq, limit)), total: topics.stats(id, 0).messages };
  }

  /** The topic's newest payloads in a seq range, oldest first. */
  payloads(topic: string, range: PayloadRange): Promise<TopicPayloadsAnswer> {
    return topicPayloads(this.index, this.reader, topic, range);
  }

  /** Retained messages received (kept and cleared), by topic, with their values. */
  async retained(limit: number): Promise<RetainedAnswer> {
    const topics = this.index.topics;
    const { ids, total } = topics.retainedTopics(limit);
    const states = ids.map((id) => ({ topic: topics.pathOf(id), ...topics.retainedOf(id, (seq) => this.index.timeOf(seq))! }));
    const values = await this.previews(states.filter((state) => !state.cleared).map((state) => state.seq));
    return { messages: states.map((state) => ({ ...state, value: state.cleared ? '' : (values.get(state.seq) ?? '') })), total };
  }

  /** The payloads of these PUBLISH packets as short text, by seq. */
  private async previews(seqs: number[]): Promise<Map<number, string>> {
    const values = new Map<number, string>();
    if (seqs.length === 0) return values;
    const sorted = [...seqs].sort((a, b) => a - b);
    const entries = await this.reader.use((readAt) => readEntriesAt(this.index, readAt, sorted));
    for (const entry of entries) {
      if (entry.kind !== 'packet') continue;
      const { payloadOffset, payloadLength } = entry.facts;
      if (payloadOffset < 0) continue;
      // One byte past the cut tells the preview that there is more.
      const head = entry.bytes.subarray(payloadOffset, payloadOffset + Math.min(payloadLength, PREVIEW_BYTES + 1));
      values.set(entry.seq, payloadPreview(head, PREVIEW_BYTES));
    }
    return values;
  }

  private lastTime(): number {
    return this.index.count > 0 ? this.index.timeOf(this.index.count - 1) : 0;
  }
}
