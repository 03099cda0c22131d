// The topic index: counts per topic and summed per level, the rate, the newest messages by
// following links, retained messages kept and cleared, the cap, topic aliases — and the same
// answers from a session recorded live and from its file read back.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mqttPacket from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { recordedFrom, type Direction, type PacketEntry } from '@shared/model/trace';
import { ConnectionTap } from '../trace/tap';
import { replayTraceFile } from './replay';
import { SessionQueries } from './session-queries';
import { SessionRecorder } from './session-recorder';
import { naturalCompare } from '@shared/natural-order';
import { TopicIndex } from './topic-index';
import { MAX_TOPIC_DEPTH } from '@shared/limits';

interface Message {
  topic: string;
  payload?: string;
  retain?: boolean;
  dir?: Direction;
  time?: number;
  properties?: object;
}

/** PUBLISH entries as the tap records them (packets written by mqtt-packet). */
function entries(messages: readonly Message[], protocolLevel = 4): PacketEntry[] {
  return messages.map((message, seq) => ({
    kind: 'packet',
    connectionId: 'c',
    seq,
    time: message.time ?? 1000 + seq,
    dir: message.dir ?? 's2c',
    hex: mqttPacket.generate({ cmd: 'publish', topic: message.topic, payload: Buffer.from(message.payload ?? `m${seq}`), qos: 0, retain: message.retain ?? false, dup: false, ...(message.properties ? { properties: message.properties } : {}) } as mqttPacket.Packet, { protocolVersion: protocolLevel }).toString('hex'),
    typeName: 'PUBLISH',
    protocolLevel,
    problemCount: 0,
  }));
}

function indexOf(messages: readonly Message[], cap?: number, protocolLevel?: number, charsCap?: number): TopicIndex {
  const index = new TopicIndex(cap, charsCap);
  entries(messages, protocolLevel).forEach((entry, seq) => index.addEntry(seq, recordedFrom(entry)));
  return index;
}

const childNames = (index: TopicIndex, path: string) => index.children(index.idOf(path)!).map((id) => index.pathOf(id));

describe('TopicIndex', () => {
  it('counts messages per topic and sums them per level; levels are sorted by name', () => {
    const index = indexOf([{ topic: 'home/kitchen/temp' }, { topic: 'home/kitchen/temp' }, { topic: 'home/hall' }, { topic: 'office' }, { topic: 'home' }]);
    expect(childNames(index, '')).toEqual(['home', 'office']);
    expect(childNames(index, 'home')).toEqual(['home/hall', 'home/kitchen']);
    const home = index.stats(index.idOf('home')!, 0);
    expect(home).toMatchObject({ messages: 1, totalMessages: 4, children: 2, lastSeqBelow: 4, lastOwnSeq: 4 });
    expect(index.stats(index.idOf('home/kitchen')!, 0)).toMatchObject({ messages: 0, totalMessages: 2, lastSeqBelow: 1 });
    expect(index.stats(index.idOf('home/kitchen/temp')!, 0)).toMatchObject({ messages: 2, totalMessages: 2, children: 0 });
    expect(index.levelCount).toBe(5);
  });

  it('keeps children sorted as more arrive between questions', () => {
    const index = new TopicIndex();
    let seq = 0;
    const add = (topics: string[]) => entries(topics.map((topic) => ({ topic }))).forEach((entry) => index.addEntry(seq++, recordedFrom(entry)));
    add(['m', 'c', 'x']);
    expect(childNames(index, '')).toEqual(['c', 'm', 'x']);
    add(['a', 'n', 'z', 'd']);
    expect(childNames(index, '')).toEqual(['a', 'c', 'd', 'm', 'n', 'x', 'z']);
  });

  it('sorts levels naturally: sensor-2 before sensor-10, in the tree and in what a search finds', () => {
    const index = indexOf(['sensor-10', 'sensor-2', 'sensor-1', 'sensor-100'].map((name) => ({ topic: `site/${name}/temp` })));
    expect(childNames(index, 'site')).toEqual(['site/sensor-1', 'site/sensor-2', 'site/sensor-10', 'site/sensor-100']);
    expect(index.search('sensor', 10).ids.map((id) => index.pathOf(id))).toEqual(['site/sensor-1', 'site/sensor-1/temp', 'site/sensor-2', 'site/sensor-2/temp', 'site/sensor-10', 'site/sensor-10/temp', 'site/sensor-100', 'site/sensor-100/temp']);
  });

  it('counts only what the client received: its own PUBLISHes are not messages of the tree', () => {
    const index = indexOf([{ topic: 'a', dir: 'c2s' }, { topic: 'b' }]);
    expect(childNames(index, '')).toEqual(['b']);
  });

  it('lists a topic’s messages newest first, paged by the oldest seq shown', () => {
    const index = indexOf([{ topic: 't' }, { topic: 'other' }, { topic: 't' }, { topic: 't' }, { topic: 'other' }, { topic: 't' }]);
    const t = index.idOf('t')!;
    expect(index.messagesBefore(t, Infinity, 2)).toEqual([5, 3]);
    expect(index.messagesBefore(t, 3, 2)).toEqual([2, 0]);
    expect(index.messagesBefore(t, 0, 2)).toEqual([]);
  });

  it('reads the rate as messages a second over the recent window, decaying once they stop', () => {
    // 10 a second for a minute.
    const index = indexOf(Array.from({ length: 600 }, (_, n) => ({ topic: 'r', time: n * 100 })));
    const r = index.idOf('r')!;
    expect(index.stats(r, 59_900).rate).toBeGreaterThan(9.5);
    expect(index.stats(r, 59_900).rate).toBeLessThan(10.5);
    expect(index.stats(r, 59_900 + 60_000).rate).toBeLessThan(0.1);
  });

  it('keeps the newest retained PUBLISH per topic; an empty one, received or sent by the client, clears it', () => {
    const index = indexOf([
      { topic: 'kept', payload: 'v1', retain: true },
      { topic: 'kept', payload: 'live' },
      { topic: 'cleared', payload: 'x', retain: true },
      { topic: 'cleared', payload: '', retain: true },
      { topic: 'by-client', payload: 'y', retain: true },
      { topic: 'by-client', payload: '', retain: true, dir: 'c2s' },
      { topic: 'never', payload: 'z' },
    ]);
    const state = (topic: string) => index.stats(index.idOf(topic)!, 0).retained;
    expect(state('kept')).toEqual({ seq: 0, cleared: false });
    expect(state('cleared')).toEqual({ seq: 3, cleared: true });
    expect(state('by-client')).toEqual({ seq: 5, cleared: true });
    expect(state('never')).toBeUndefined();
    expect(index.retainedTopics(10).ids.map((id) => index.pathOf(id))).toEqual(['by-client', 'cleared', 'kept']);
  });

  it('stops making levels at the cap: messages on new topics are counted, known ones still grow', () => {
    const index = indexOf([{ topic: 'a/b' }, { topic: 'a/c' }, { topic: 'd' }, { topic: 'a/b' }], 3);
    expect(index.levelCount).toBe(3);
    expect(index.overflowMessages).toBe(1);
    expect(index.stats(index.idOf('a/b')!, 0).messages).toBe(2);
    expect(index.idOf('d')).toBeUndefined();
  });

  it('keeps a deep topic to MAX_TOPIC_DEPTH levels, the rest whole as the last, and its paths to a budget of characters', () => {
    const deep = Array.from({ length: 1000 }, (_, n) => `l${n}`).join('/');
    const index = indexOf([{ topic: deep }, { topic: 'a/b//c' }]);
    expect(index.levelCount).toBe(MAX_TOPIC_DEPTH + 4);
    const last = index.idOf(deep)!;
    expect(index.stats(last, 0)).toMatchObject({ messages: 1, children: 0 });
    const above = deep.split('/').slice(0, MAX_TOPIC_DEPTH - 1).join('/');
    expect(childNames(index, above)).toEqual([deep]);
    expect(childNames(index, 'a/b')).toEqual(['a/b/']);
    // 'ab' and 'ab/cd' take 7 characters; 'ab/cd/ef' would pass 10.
    const budgeted = indexOf([{ topic: 'ab/cd' }, { topic: 'ab/cd/ef' }], undefined, undefined, 10);
    expect(budgeted.levelCount).toBe(2);
    expect(budgeted.overflowMessages).toBe(1);
  });

  it('finds levels by a part of their path, ignoring case, bounded', () => {
    const index = indexOf([{ topic: 'plant/Line-1/temp' }, { topic: 'plant/line-2/temp' }, { topic: 'office/temp' }]);
    expect(index.search('LINE', 10).ids.map((id) => index.pathOf(id))).toEqual(['plant/Line-1', 'plant/Line-1/temp', 'plant/line-2', 'plant/line-2/temp']);
    expect(index.search('temp', 1)).toMatchObject({ total: 3 });
  });

  it('reads a v5 topic alias as the topic it stands for', () => {
    const index = indexOf([{ topic: 'long/topic/name', properties: { topicAlias: 4 } }, { topic: '', properties: { topicAlias: 4 } }, { topic: '', properties: { topicAlias: 9 } }], undefined, 5);
    expect(index.stats(index.idOf('long/topic/name')!, 0).messages).toBe(2);
    expect(index.levelCount).toBe(3);
  });

  it('counts the topics its aliases stand for against its bound on kept text: past it an alias is not kept', () => {
    const long = `a/${'x'.repeat(1000)}`;
    // Room for the topic's two levels (2 + 1,002 characters) and one alias of it, not for more.
    const aliased = Array.from({ length: 5 }, (_, n) => ({ topic: long, properties: { topicAlias: n + 1 } }));
    const index = indexOf([...aliased, { topic: '', properties: { topicAlias: 1 } }, { topic: '', properties: { topicAlias: 5 } }], undefined, 5, 2 * 1002 + 1);
    expect(index.stats(index.idOf(long)!, 0).messages).toBe(6);
    expect(index.overflowMessages).toBe(1);
  });
});

describe('topic queries on a recorded session', () => {
  it('answer the same from the session recorded live and from its file read back', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'mqttscope-topics-')), 'topics.trace');
    const recorder = SessionRecorder.create(file, { id: 'topics', origin: 'client', label: 'topics', startTime: 1000 });
    const tap = new ConnectionTap('topics', (entry) => recorder.entry(entry), undefined, { onChunk: (_id, dir, chunk, time) => recorder.chunk(dir, chunk, time) });
    const connect = mqttPacket.generate({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clientId: 'topics', clean: true, keepalive: 60 });
    tap.bytes('c2s', connect, 1000);
    tap.bytes('s2c', mqttPacket.generate({ cmd: 'connack', returnCode: 0, sessionPresent: false }), 1001);
    // Several PUBLISHes in one chunk, as a broker sends them.
    const messages: Message[] = Array.from({ length: 300 }, (_, n) => ({ topic: `site/${n % 3}/sensor-${n % 7}`, payload: `reading ${n} ${'é'.repeat(n % 50)}`, retain: n % 11 === 0 }));
    const published = entries(messages).map((entry) => Buffer.from(entry.hex, 'hex'));
    for (let at = 0; at < published.length; at += 25) tap.bytes('s2c', Buffer.concat(published.slice(at, at + 25)), 1002 + at);
    tap.closed('client', undefined, 2000);
    await recorder.flush();

    const ask = async (queries: SessionQueries) => ({
      top: await queries.topics.levels({ limit: 10 }),
      site1: await queries.topics.levels({ parent: 'site/1', limit: 10 }),
      search: await queries.topics.levels({ search: 'sensor-3', limit: 10 }),
      messages: await queries.topics.messages('site/1/sensor-3', 5),
      retained: await queries.topics.retained(100),
    });
    const live = await ask(recorder.queries);
    const replayed = await replayTraceFile(file, { keepOpen: true });
    const { TraceReader } = await import('./trace-reader');
    const fromFile = await ask(new SessionQueries(replayed.index, TraceReader.ofHandle(replayed.handle!)));
    expect(fromFile).toEqual(live);
    await recorder.close();

    expect(live.top.levels).toMatchObject([{ path: 'site', totalMessages: 300, children: 3 }]);
    const newest = messages.findLastIndex((message) => message.topic === 'site/1/sensor-3');
    expect(live.site1.levels.find((level) => level.path === 'site/1/sensor-3')?.lastValue).toBe(payloadPreviewOf(messages[newest].payload!));
    expect(live.messages.total).toBe(messages.filter((message) => message.topic === 'site/1/sensor-3').length);
    expect(live.messages.rows.map((row) => row.typeName)).toEqual(Array(5).fill('PUBLISH'));
    expect(live.messages.rows.map((row) => row.seq)).toEqual([...live.messages.rows.map((row) => row.seq)].sort((a, b) => b - a));
    expect(live.retained.total).toBe(new Set(messages.filter((message) => message.retain).map((message) => message.topic)).size);
    expect(live.retained.messages.every((message) => message.value.startsWith('reading '))).toBe(true);
  });
});

/** What the tree shows of a payload: 80 bytes at most, cut between characters, `…` after. */
function payloadPreviewOf(text: string): string {
  const bytes = Buffer.from(text);
  if (bytes.length <= 80) return text;
  let end = 80;
  while ((bytes[end] & 0xc0) === 0x80) end--;
  return `${bytes.subarray(0, end).toString()}…`;
}

describe('TopicIndex at 300,000 levels', () => {
  /** A QoS 0 PUBLISH written by hand (mqtt-packet is too slow for 300,000 of them). */
  function publish(seq: number, topic: string, retain: boolean): PacketEntry {
    const topicBytes = Buffer.from(topic);
    const body = Buffer.concat([Buffer.from([topicBytes.length >> 8, topicBytes.length & 0xff]), topicBytes, Buffer.from('v')]);
    const length: number[] = [];
    for (let rest = body.length; ; ) {
      const byte = rest % 128;
      rest = Math.floor(rest / 128);
      length.push(rest > 0 ? byte | 0x80 : byte);
      if (rest === 0) break;
    }
    return { kind: 'packet', connectionId: 'c', seq, time: 1000 + seq, dir: 's2c', hex: Buffer.concat([Buffer.from([0x30 | (retain ? 1 : 0), ...length]), body]).toString('hex'), typeName: 'PUBLISH', protocolLevel: 4, problemCount: 0 };
  }

  it('answers the first matches in path order and the retained topics with n log limit comparisons, not a sort of them all', () => {
    const index = new TopicIndex();
    const count = 300_000;
    for (let seq = 0; seq < count; seq++) index.addEntry(seq, recordedFrom(publish(seq, `Site/${seq % 100}/Dev${seq}`, seq % 3 === 0)));
    expect(index.levelCount).toBe(count + 101);

    // The work an answer does is counted, not timed: one pass over the levels, and comparisons
    // only to keep the first `limit` in order — n log limit, never a sort of every match
    // (n log n) or of every level.
    const comparisons = countComparisons(index);
    // Each cut sorts the `limit` new candidates and merges them into the `limit` held: about
    // log2(2 × limit) + 2 comparisons a candidate.
    const within = (answer: { total: number }, limit: number) => (answer.total + limit) * (Math.log2(2 * limit) + 2);
    const search = comparisons.during(() => index.search('site/7/dev', 500));
    const retained = comparisons.during(() => index.retainedTopics(500));
    const expected = Array.from({ length: count }, (_, seq) => `Site/${seq % 100}/Dev${seq}`).filter((path) => path.toLowerCase().includes('site/7/dev')).sort(naturalCompare);
    expect(search.answer.total).toBe(expected.length);
    expect(search.answer.ids.map((id) => index.pathOf(id))).toEqual(expected.slice(0, 500));
    const retainedPaths = Array.from({ length: count / 3 }, (_, third) => `Site/${(third * 3) % 100}/Dev${third * 3}`).sort(naturalCompare);
    expect(retained.answer.total).toBe(count / 3);
    expect(retained.answer.ids.map((id) => index.pathOf(id))).toEqual(retainedPaths.slice(0, 500));
    expect(search.comparisons).toBeLessThanOrEqual(within(search.answer, 500));
    expect(retained.comparisons).toBeLessThanOrEqual(within(retained.answer, 500));
    // A small limit tells n log limit from n log n apart even where a limit of 500 cannot.
    for (const answer of [comparisons.during(() => index.search('dev', 10)), comparisons.during(() => index.retainedTopics(10))]) {
      expect(answer.answer.ids).toHaveLength(10);
      expect(answer.comparisons).toBeLessThanOrEqual(within(answer.answer, 10));
    }
  });
});

/** Counts the index's path comparisons (its `byPath`, read afresh by each answer) while `ask` runs. */
function countComparisons(index: TopicIndex) {
  const held = index as unknown as { byPath: (a: number, b: number) => number };
  const compare = held.byPath;
  let counted = 0;
  held.byPath = (a, b) => {
    counted++;
    return compare(a, b);
  };
  return {
    during<T>(ask: () => T): { answer: T; comparisons: number } {
      counted = 0;
      const answer = ask();
      return { answer, comparisons: counted };
    },
  };
}
