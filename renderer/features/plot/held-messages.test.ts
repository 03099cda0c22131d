import { describe, expect, it } from 'vitest';
import type { TopicPayload } from '@shared/model/topics';
import { BLOCK_MESSAGES, catchUp, newestHeld, NOTHING_HELD, type AskPayloads, type HeldMessages } from './held-messages';
import { MAX_PAYLOADS_PER_ANSWER } from '@shared/limits';

/** A topic as the engine answers for it (`sessions.topicPayloads`), its messages' seqs 0, 2, 4, … */
function topic() {
  const messages: TopicPayload[] = [];
  const asked: Parameters<AskPayloads>[0][] = [];
  const add = (count: number) => {
    for (let n = 0; n < count; n++) messages.push({ seq: messages.length * 2, time: messages.length, text: String(messages.length) });
  };
  const ask: AskPayloads = async (range) => {
    asked.push(range);
    const inRange = messages.filter((message) => message.seq > (range.afterSeq ?? -1) && message.seq < (range.beforeSeq ?? Infinity));
    return { messages: inRange.slice(-range.limit), more: inRange.length > range.limit, total: messages.length };
  };
  return { add, ask, asked };
}

const texts = (held: HeldMessages) => held.blocks.flat().map((message) => Number(message.text));
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, n) => from + n);

describe('the messages a plot holds', () => {
  it('come a page at a time back from the newest, oldest first, in blocks', async () => {
    const engine = topic();
    engine.add(25_000);
    const held = await catchUp(NOTHING_HELD, engine.ask);
    expect(engine.asked).toHaveLength(3);
    expect(engine.asked.every((asked) => asked.limit <= MAX_PAYLOADS_PER_ANSWER)).toBe(true);
    expect(texts(held)).toEqual(range(0, 25_000));
    expect(held).toMatchObject({ count: 25_000, lastSeq: 49_998, total: 25_000 });
    expect(held.blocks.every((block) => block.length <= BLOCK_MESSAGES)).toBe(true);
  });

  it('are kept up with by asking for what came after the newest held: full blocks stay as they were', async () => {
    const engine = topic();
    engine.add(BLOCK_MESSAGES + 10);
    const first = await catchUp(NOTHING_HELD, engine.ask);
    expect(await catchUp(first, engine.ask)).toBe(first);
    engine.add(5);
    engine.asked.length = 0;
    const next = await catchUp(first, engine.ask);
    expect(engine.asked).toEqual([{ afterSeq: first.lastSeq, limit: MAX_PAYLOADS_PER_ANSWER }]);
    expect(texts(next)).toEqual(range(0, BLOCK_MESSAGES + 15));
    expect(next.blocks[0]).toBe(first.blocks[0]);
    expect(next.blocks[1]).toHaveLength(15);
  });

  it('are the newest `max`: older ones go, and a flood past `max` since the last question replaces them all', async () => {
    const engine = topic();
    engine.add(9_000);
    const first = await catchUp(NOTHING_HELD, engine.ask, 10_000);
    engine.add(3_000);
    const next = await catchUp(first, engine.ask, 10_000);
    expect(next.count).toBe(10_000);
    expect(texts(next)).toEqual(range(2_000, 12_000));
    engine.add(15_000);
    const flooded = await catchUp(next, engine.ask, 10_000);
    expect(texts(flooded)).toEqual(range(17_000, 27_000));
    expect(flooded.total).toBe(27_000);
  });

  it('give their newest first when asked', async () => {
    const engine = topic();
    engine.add(BLOCK_MESSAGES + 2);
    const held = await catchUp(NOTHING_HELD, engine.ask);
    expect(newestHeld(held, 4).map((message) => Number(message.text))).toEqual([BLOCK_MESSAGES + 1, BLOCK_MESSAGES, BLOCK_MESSAGES - 1, BLOCK_MESSAGES - 2]);
    expect(newestHeld(NOTHING_HELD, 4)).toEqual([]);
  });
});
