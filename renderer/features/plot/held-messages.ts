// The messages of a topic a plot holds: the newest MAX_PLOT_MESSAGES, oldest first, in blocks
// that never change once full, so that keeping up with a busy topic reads only what came since
// (the engine is asked for the messages after the newest held; a plot's series is computed per block).
import type { TopicPayload, TopicPayloadsAnswer } from '@shared/model/topics';
import { MAX_PLOT_MESSAGES } from '../../limits';
import { MAX_PAYLOADS_PER_ANSWER } from '@shared/limits';

/** Messages a block holds at most. */
export const BLOCK_MESSAGES = 4096;

export type Block = readonly TopicPayload[];

export interface HeldMessages {
  /** Oldest first; only the last block grows, and it is replaced when it does. */
  blocks: readonly Block[];
  count: number;
  /** The newest message's seq; -1 with none. */
  lastSeq: number;
  /** Messages on the topic in all, as the engine last said. */
  total: number;
}

export const NOTHING_HELD: HeldMessages = { blocks: [], count: 0, lastSeq: -1, total: 0 };

export type AskPayloads = (range: { afterSeq?: number; beforeSeq?: number; limit: number }) => Promise<TopicPayloadsAnswer>;

/** `held` brought up to date: the messages since its newest, asked for back from the newest one,
 *  a page at a time. The same object when nothing came. */
export async function catchUp(held: HeldMessages, ask: AskPayloads, max = MAX_PLOT_MESSAGES): Promise<HeldMessages> {
  const pages: TopicPayload[][] = [];
  let fetched = 0;
  let beforeSeq: number | undefined;
  let more = true;
  let total = held.total;
  while (more && fetched < max) {
    const answer = await ask({ ...(held.lastSeq >= 0 ? { afterSeq: held.lastSeq } : {}), ...(beforeSeq !== undefined ? { beforeSeq } : {}), limit: Math.min(MAX_PAYLOADS_PER_ANSWER, max - fetched) });
    ({ more, total } = answer);
    if (answer.messages.length === 0) break;
    pages.unshift(answer.messages);
    fetched += answer.messages.length;
    beforeSeq = answer.messages[0].seq;
  }
  if (fetched === 0) return total === held.total ? held : { ...held, total };
  // More came than the plot holds: what it held is older than all of them.
  const base = more ? NOTHING_HELD : held;
  return { ...keepNewest(appended(base, pages.flat()), max), total };
}

function appended(held: HeldMessages, fresh: readonly TopicPayload[]): HeldMessages {
  const blocks = [...held.blocks];
  let rest = fresh;
  const last = blocks.at(-1);
  if (last && last.length < BLOCK_MESSAGES) {
    const room = BLOCK_MESSAGES - last.length;
    blocks[blocks.length - 1] = [...last, ...rest.slice(0, room)];
    rest = rest.slice(room);
  }
  for (let at = 0; at < rest.length; at += BLOCK_MESSAGES) blocks.push(rest.slice(at, at + BLOCK_MESSAGES));
  return { blocks, count: held.count + fresh.length, lastSeq: fresh.at(-1)!.seq, total: held.total };
}

function keepNewest(held: HeldMessages, max: number): HeldMessages {
  let extra = held.count - max;
  if (extra <= 0) return held;
  const blocks = [...held.blocks];
  while (extra >= blocks[0].length) extra -= blocks.shift()!.length;
  if (extra > 0) blocks[0] = blocks[0].slice(extra);
  return { ...held, blocks, count: max };
}

/** The newest `count` messages held, newest first. */
export function newestHeld(held: HeldMessages, count: number): TopicPayload[] {
  const newest: TopicPayload[] = [];
  for (let block = held.blocks.length - 1; block >= 0 && newest.length < count; block--) {
    const messages = held.blocks[block];
    for (let at = messages.length - 1; at >= 0 && newest.length < count; at--) newest.push(messages[at]);
  }
  return newest;
}
