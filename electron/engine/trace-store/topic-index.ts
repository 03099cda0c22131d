// The topics a recorded connection received, built entry by entry beside the trace index (and so
// rebuilt with it when a session is read back from its file): a tree of topic levels in typed
// columns — counts, rate, newest message, retained state, links to parent and children — and per
// entry the previous message on the same topic, so a topic's messages are read newest first by
// following links, never by scanning the trace. Memory is bounded: past TOPIC_LEVEL_CAP levels,
// messages on new topics are only counted.
import { RATE_WINDOW_MS, type RetainedState } from '@shared/model/topics';
import type { RecordedEntry } from '@shared/model/trace';
import { naturalCompare } from '@shared/natural-order';
import { float64Column, uint32Column, uint8Column } from './columns';
import { MAX_TOPIC_DEPTH, TOPIC_CHARS_CAP, TOPIC_LEVEL_CAP } from '@shared/limits';

/** No entry, no level. */
export const NONE = 0xffffffff;
/** In the previous-message column: a message that is the first on its topic. */
const FIRST = 0xfffffffe;
const ROOT = 0;
const RETAINED_CLEARED = 2;
const RETAINED_KEPT = 1;
/** A v5 connection's topic aliases, one table per direction (a two-byte alias: at most 65,535). */
type Aliases = Map<number, string>;

export class TopicIndex {
  /** Level ids by their path; the root is the empty path, id 0. */
  private readonly ids = new Map<string, number>([['', ROOT]]);
  private readonly paths: string[] = [];
  /** Each path lowercased, for search (the same string when it has no capitals: no memory). */
  private readonly lowerPaths: string[] = [];
  /** Levels with a retained message (kept or cleared), kept as they come. */
  private readonly retainedIds = new Set<number>();
  private readonly parent = uint32Column();
  private readonly firstChild = uint32Column();
  private readonly nextSibling = uint32Column();
  private readonly childCount = uint32Column();
  private readonly ownMessages = uint32Column();
  private readonly totalMessages = float64Column();
  /** The newest message on exactly this topic, and at or below this level. */
  private readonly lastOwnSeq = uint32Column();
  private readonly lastSeqBelow = uint32Column();
  /** Messages a second as of `rateTime` (an exponentially weighted average over RATE_WINDOW_MS). */
  private readonly rateValue = float64Column();
  private readonly rateTime = float64Column();
  private readonly retainedSeq = uint32Column();
  private readonly retainedKind = uint8Column();
  /** Per entry: the previous message on its topic, FIRST for a topic's first message, NONE for an
   *  entry that is not a message the index keeps. */
  private readonly previousOnTopic = uint32Column();
  private readonly aliases: Record<'c2s' | 's2c', Aliases> = { c2s: new Map(), s2c: new Map() };
  /** Sorted children of a level, kept while its child count is what it was. */
  private readonly sortedChildren = new Map<number, number[]>();
  private overflow = 0;
  private pathChars = 0;

  constructor(
    private readonly cap = TOPIC_LEVEL_CAP,
    private readonly charsCap = TOPIC_CHARS_CAP,
  ) {
    this.pushLevel('', NONE);
  }

  /** Levels known, the root not counted. */
  get levelCount(): number {
    return this.paths.length - 1;
  }

  get overflowMessages(): number {
    return this.overflow;
  }

  /**
   * The next entry (`seq` is its index). A PUBLISH towards the client is a message received on
   * its topic; a retained PUBLISH with an empty payload from the client clears that topic's
   * retained message (the broker forwards the live one without its retain flag, MQTT-3.3.1-9).
   */
  addEntry(seq: number, entry: RecordedEntry): void {
    this.previousOnTopic.push(NONE);
    if (entry.kind !== 'packet' || entry.typeName !== 'PUBLISH') return;
    const header = entry.facts;
    // Only a whole, well-formed PUBLISH says where its payload lies.
    if (header.payloadOffset < 0) return;
    const topic = this.resolveAlias(entry.dir, header.topic!, header.topicAlias);
    if (!topic) {
      // An alias the index does not know (never set, or past its bound): counted, not placed.
      if (entry.dir === 's2c') this.overflow++;
      return;
    }
    if (entry.dir === 'c2s') {
      const id = this.ids.get(topic);
      if (id !== undefined && header.retain && header.payloadLength === 0 && this.retainedSeq.get(id) !== NONE) this.setRetained(id, seq, true);
      return;
    }
    const id = this.levelOf(topic);
    if (id === undefined) {
      this.overflow++;
      return;
    }
    const previous = this.lastOwnSeq.get(id);
    this.previousOnTopic.set(seq, previous === NONE ? FIRST : previous);
    this.lastOwnSeq.set(id, seq);
    this.ownMessages.set(id, this.ownMessages.get(id) + 1);
    if (header.retain) this.setRetained(id, seq, header.payloadLength === 0);
    for (let level = id; level !== NONE; level = this.parent.get(level)) {
      this.totalMessages.set(level, this.totalMessages.get(level) + 1);
      this.lastSeqBelow.set(level, seq);
      this.addToRate(level, entry.time);
    }
  }

  idOf(path: string): number | undefined {
    return this.ids.get(path);
  }

  pathOf(id: number): string {
    return this.paths[id];
  }

  /** The level's children, sorted by path in natural order. New children are at the head of its list: only they
   *  are sorted, then merged into the ones sorted before (a level of 100,000 children asked
   *  twice a second while they arrive is not sorted whole each time). */
  children(id: number): readonly number[] {
    const count = this.childCount.get(id);
    const sorted = this.sortedChildren.get(id) ?? [];
    if (sorted.length === count) return sorted;
    const added: number[] = [];
    for (let child = this.firstChild.get(id); added.length < count - sorted.length; child = this.nextSibling.get(child)) added.push(child);
    added.sort(this.byPath);
    const merged: number[] = [];
    let a = 0;
    let b = 0;
    while (a < sorted.length || b < added.length) merged.push(b >= added.length || (a < sorted.length && this.byPath(sorted[a], added[b]) < 0) ? sorted[a++] : added[b++]);
    this.sortedChildren.set(id, merged);
    return merged;
  }

  /** Natural order (`sensor-2` before `sensor-10`), as people read a tree of numbered devices. */
  private readonly byPath = (a: number, b: number): number => naturalCompare(this.paths[a], this.paths[b]);

  /** The first `limit` levels whose path holds `needle` (ignoring case), in path order, and how
   *  many there are. One pass over lowercased paths; only `limit` matches are ever sorted. */
  search(needle: string, limit: number): { ids: number[]; total: number } {
    const lower = needle.toLowerCase();
    const first = new FirstInOrder(limit, this.byPath);
    for (let id = 1; id < this.lowerPaths.length; id++) if (this.lowerPaths[id].includes(lower)) first.add(id);
    return first.result();
  }

  /** A level's counts and newest messages (seqs are NONE when it has none). */
  stats(id: number, now: number) {
    const retainedSeq = this.retainedSeq.get(id);
    return {
      messages: this.ownMessages.get(id),
      totalMessages: this.totalMessages.get(id),
      children: this.childCount.get(id),
      rate: this.rateValue.get(id) * Math.exp(-Math.max(0, now - this.rateTime.get(id)) / RATE_WINDOW_MS),
      lastOwnSeq: this.lastOwnSeq.get(id),
      lastSeqBelow: this.lastSeqBelow.get(id),
      retained: retainedSeq === NONE ? undefined : { seq: retainedSeq, cleared: this.retainedKind.get(id) === RETAINED_CLEARED },
    };
  }

  /** Up to `limit` seqs of the topic's messages older than `beforeSeq`, newest first. */
  messagesBefore(id: number, beforeSeq: number, limit: number): number[] {
    const seqs: number[] = [];
    const isMessage = (seq: number) => seq !== NONE && seq !== FIRST;
    let seq = this.lastOwnSeq.get(id);
    while (isMessage(seq) && seq >= beforeSeq) seq = this.previousOnTopic.get(seq);
    for (; isMessage(seq) && seqs.length < limit; seq = this.previousOnTopic.get(seq)) seqs.push(seq);
    return seqs;
  }

  /** The message before `seq` on its topic: its seq; null when `seq` is its topic's first;
   *  undefined when `seq` is not a message the index keeps (the client's own, or past a bound). */
  previousMessage(seq: number): number | null | undefined {
    if (seq >= this.previousOnTopic.length) return undefined;
    const previous = this.previousOnTopic.get(seq);
    return previous === NONE ? undefined : previous === FIRST ? null : previous;
  }

  /** The first `limit` topics with a retained message (kept or cleared), in path order, and how many there are. */
  retainedTopics(limit: number): { ids: number[]; total: number } {
    const first = new FirstInOrder(limit, this.byPath);
    for (const id of this.retainedIds) first.add(id);
    return first.result();
  }

  /** The topic's retained state with the time of its PUBLISH, for an answer. */
  retainedOf(id: number, timeOf: (seq: number) => number): RetainedState | undefined {
    const seq = this.retainedSeq.get(id);
    return seq === NONE ? undefined : { seq, time: timeOf(seq), cleared: this.retainedKind.get(id) === RETAINED_CLEARED };
  }

  /** A topic name, or the one its alias stands for; an alias given with a name is learned. */
  private resolveAlias(dir: 'c2s' | 's2c', topic: string, alias: number | undefined): string | undefined {
    if (alias === undefined) return topic;
    if (topic !== '') {
      // An alias's topic is kept text too: it counts against the same bound as the levels' paths.
      const table = this.aliases[dir];
      const grows = topic.length - (table.get(alias)?.length ?? 0);
      if (this.pathChars + grows <= this.charsCap) {
        table.set(alias, topic);
        this.pathChars += grows;
      }
      return topic;
    }
    return this.aliases[dir].get(alias);
  }

  /** The topic's level, made with the levels above it; undefined once a cap is reached. */
  private levelOf(topic: string): number | undefined {
    const known = this.ids.get(topic);
    if (known !== undefined) return known;
    let parent = ROOT;
    let end = -1;
    for (let depth = 1; end < topic.length; depth++) {
      // Each level's path is a prefix of the topic; past the deepest level, the rest is one.
      end = depth === MAX_TOPIC_DEPTH ? topic.length : topic.indexOf('/', end + 1);
      if (end < 0) end = topic.length;
      const path = topic.slice(0, end);
      const id = this.ids.get(path);
      if (id !== undefined) parent = id;
      else if (this.levelCount >= this.cap || this.pathChars + charsOf(path) > this.charsCap) return undefined;
      else parent = this.pushLevel(path, parent);
    }
    return parent;
  }

  private pushLevel(path: string, parent: number): number {
    const id = this.paths.length;
    this.paths.push(path);
    this.lowerPaths.push(path.toLowerCase());
    this.pathChars += charsOf(path);
    if (id !== ROOT) this.ids.set(path, id);
    this.parent.push(parent);
    this.firstChild.push(NONE);
    this.nextSibling.push(parent === NONE ? NONE : this.firstChild.get(parent));
    if (parent !== NONE) {
      this.firstChild.set(parent, id);
      this.childCount.set(parent, this.childCount.get(parent) + 1);
    }
    this.childCount.push(0);
    this.ownMessages.push(0);
    this.totalMessages.push(0);
    this.lastOwnSeq.push(NONE);
    this.lastSeqBelow.push(NONE);
    this.rateValue.push(0);
    this.rateTime.push(0);
    this.retainedSeq.push(NONE);
    this.retainedKind.push(0);
    return id;
  }

  private setRetained(id: number, seq: number, cleared: boolean): void {
    this.retainedIds.add(id);
    this.retainedSeq.set(id, seq);
    this.retainedKind.set(id, cleared ? RETAINED_CLEARED : RETAINED_KEPT);
  }

  /** One message more at `time`: the average decays by the time since the last, then takes it. */
  private addToRate(id: number, time: number): void {
    const elapsed = Math.max(0, time - this.rateTime.get(id));
    this.rateValue.set(id, this.rateValue.get(id) * Math.exp(-elapsed / RATE_WINDOW_MS) + 1000 / RATE_WINDOW_MS);
    this.rateTime.set(id, Math.max(time, this.rateTime.get(id)));
  }
}

/** The first `limit` of many ids in an order, without sorting them all: candidates are gathered
 *  and cut back to `limit` whenever twice as many are held (n log limit over n ids). */
class FirstInOrder {
  private held: number[] = [];
  private total = 0;

  constructor(
    private readonly limit: number,
    private readonly compare: (a: number, b: number) => number,
  ) {}

  add(id: number): void {
    this.total++;
    if (this.limit <= 0) return;
    this.held.push(id);
    if (this.held.length >= 2 * this.limit) this.cut();
  }

  result(): { ids: number[]; total: number } {
    this.cut();
    return { ids: this.held, total: this.total };
  }

  private cut(): void {
    this.held.sort(this.compare);
    if (this.held.length > this.limit) this.held.length = this.limit;
  }
}

/** Characters a level's path keeps: its own, and its lowercased copy's when that differs
 *  (TOPIC_CHARS_CAP bounds both). */
const charsOf = (path: string): number => path.length + (path.toLowerCase() === path ? 0 : path.length);
