// The topic tree of a recorded connection as the UI sees it: computed in the engine from the
// PUBLISH packets towards the client, asked for one level at a time, every answer bounded.
import type { RowView } from './session-view';

/** The window the rate (messages a second) is averaged over. */
export const RATE_WINDOW_MS = 10_000;

/** The newest retained PUBLISH a topic received: its payload, or cleared (an empty one). */
export interface RetainedState {
  seq: number;
  time: number;
  cleared: boolean;
}

/** One level of the tree: `path` is the whole topic up to it (`home/kitchen`). */
export interface TopicLevel {
  path: string;
  /** Its last segment (`kitchen`); may be empty (`a//b`, `/a`). */
  name: string;
  /** Messages on exactly this topic, and on it and every topic below it. */
  messages: number;
  totalMessages: number;
  /** Levels directly below it. */
  children: number;
  /** Messages a second over the last RATE_WINDOW_MS (an exponentially weighted average). */
  rate: number;
  /** The newest message at or below it. */
  lastSeq: number;
  lastTime: number;
  /** The newest payload on exactly this topic, as text (or hex when it is not UTF-8), cut. */
  lastValue?: string;
  retained?: RetainedState;
}

export interface TopicsAnswer {
  levels: TopicLevel[];
  /** Levels that matched in all (more than `levels` holds when the limit cut them). */
  total: number;
  /** Distinct levels known, and messages not placed: on new topics once a bound was reached, or
   *  under a topic alias the index does not know. */
  knownLevels: number;
  overflowMessages: number;
}

export interface TopicMessagesAnswer {
  /** Newest first. */
  rows: RowView[];
  /** Messages on the topic in all. */
  total: number;
}

/** A message's payload as text, for a plot. */
export interface TopicPayload {
  seq: number;
  time: number;
  /** Absent when the payload is not UTF-8, or its PUBLISH is too long to read (`long`). */
  text?: string;
  /** Its PUBLISH is over PAYLOAD_TEXT_PACKET_BYTES: not read. */
  long?: true;
}

export interface TopicPayloadsAnswer {
  /** Oldest first: the newest of the topic's messages in the range asked for. */
  messages: TopicPayload[];
  /** Older messages in the range were left out by the limit. */
  more: boolean;
  /** Messages on the topic in all. */
  total: number;
}

export interface RetainedMessage {
  topic: string;
  seq: number;
  time: number;
  cleared: boolean;
  /** The payload as text (or hex), cut; empty when cleared. */
  value: string;
}

export interface RetainedAnswer {
  messages: RetainedMessage[];
  total: number;
}
