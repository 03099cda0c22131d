// The contract's requests about recorded sessions: the list, one session's view, rows, timeline
// window, topics and entries, deleting one, and the store's size cap.
import { z } from 'zod';
import type { SessionSummary } from '../model/session-summary';
import type { RowView, SessionUpdate, WindowContents } from '../model/session-view';
import type { RetainedAnswer, TopicMessagesAnswer, TopicPayloadsAnswer, TopicsAnswer } from '../model/topics';
import type { TraceEntry } from '../model/trace';
import { MAX_CONFIRMED_DELETES, MAX_ENTRIES_PER_REQUEST, MAX_PAYLOADS_PER_ANSWER, MAX_ROWS_PER_REQUEST, MAX_TOPIC_RESULTS, mqttString, TRACE_CAP_MIN_BYTES } from '../limits';

export const sessionId = z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'Not a session id');

const rowFilter = {
  type: z.string().min(1).max(64).optional(),
  dir: z.enum(['c2s', 's2c']).optional(),
  text: z.string().min(1).max(256).optional(),
};

/** Entries a `sessions.previousOnTopic` question looks back through at most. */
export const PREVIOUS_ON_TOPIC_SCAN = 50_000;

export const sessionRequests = {
  /** What the trace store holds: every recorded session, open ones included, newest first. */
  'sessions.list': z.object({}).strict(),
  /** A session as the UI shows it (counts, times, type names, its story), live or past. */
  'sessions.view': z.object({ id: sessionId }).strict(),
  /** Rows of a session's packet list by range, filtered in the engine. */
  'sessions.rows': z.object({
    id: sessionId,
    from: z.number().int().min(0),
    count: z.number().int().min(1).max(MAX_ROWS_PER_REQUEST),
    ...rowFilter,
  }).strict(),
  /** Where a row is in the filtered list (-1 when the filter leaves it out). */
  'sessions.position': z.object({ id: sessionId, seq: z.number().int().min(0), ...rowFilter }).strict(),
  /** A time window's packets, or their density when there are too many, for the timeline. */
  'sessions.window': z.object({ id: sessionId, start: z.number(), end: z.number() }).strict(),
  /** A level of the session's topic tree (the top levels without `parent`), or the levels
   *  anywhere whose path holds `search`: counts, rate, newest value, retained state. */
  'sessions.topics': z.object({
    id: sessionId,
    parent: mqttString('Topic').optional(),
    search: z.string().min(1).max(256).optional(),
    limit: z.number().int().min(1).max(MAX_TOPIC_RESULTS),
  }).strict().refine((question) => question.parent === undefined || question.search === undefined, { message: 'Ask for a level or a search, not both', path: ['search'] }),
  /** A topic's messages, newest first; `beforeSeq` pages on from the oldest one shown. */
  'sessions.topicMessages': z.object({
    id: sessionId,
    topic: mqttString('Topic').min(1),
    beforeSeq: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(MAX_TOPIC_RESULTS),
  }).strict(),
  /** A topic's payloads as text, for a plot: the newest `limit` of its messages after
   *  `afterSeq` and before `beforeSeq`, oldest first; `beforeSeq` pages back. */
  'sessions.topicPayloads': z.object({
    id: sessionId,
    topic: mqttString('Topic').min(1),
    afterSeq: z.number().int().min(0).optional(),
    beforeSeq: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(MAX_PAYLOADS_PER_ANSWER),
  }).strict(),
  /** The retained messages the session received, newest per topic (cleared ones said so). */
  'sessions.retained': z.object({ id: sessionId, limit: z.number().int().min(1).max(MAX_TOPIC_RESULTS) }).strict(),
  /** A session's entries by range, live or past (bytes read from the store). */
  'sessions.entries': z.object({
    id: sessionId,
    from: z.number().int().min(0),
    count: z.number().int().min(1).max(MAX_ENTRIES_PER_REQUEST),
  }).strict(),
  /** The PUBLISH before `seq` on the same topic and in the same direction, looked for among
   *  at most PREVIOUS_ON_TOPIC_SCAN entries back (`complete` false: not found within them). */
  'sessions.previousOnTopic': z.object({ id: sessionId, seq: z.number().int().min(0) }).strict(),
  'sessions.delete': z.object({ id: sessionId }).strict(),
  /** The store's size cap: read it, or set it (the oldest closed sessions go past it).
   *  `deleting`: the sessions the person confirmed the cap deletes; when the store's own list
   *  holds any other, it refuses and deletes nothing (the page shows the new list again). */
  'sessions.settings': z.object({
    capBytes: z.number().int().min(TRACE_CAP_MIN_BYTES).max(Number.MAX_SAFE_INTEGER).optional(),
    deleting: z.array(sessionId).max(MAX_CONFIRMED_DELETES).optional(),
  }).strict(),
} as const;

export interface SessionResults {
  'sessions.list': { sessions: SessionSummary[]; capBytes: number; problems: string[] };
  'sessions.view': SessionUpdate;
  'sessions.rows': { rows: RowView[]; total: number };
  'sessions.position': { position: number };
  'sessions.window': WindowContents;
  'sessions.entries': { entries: TraceEntry[]; total: number; open: boolean };
  'sessions.previousOnTopic': { seq?: number; scanned: number; complete: boolean };
  'sessions.topics': TopicsAnswer;
  'sessions.topicMessages': TopicMessagesAnswer;
  'sessions.topicPayloads': TopicPayloadsAnswer;
  'sessions.retained': RetainedAnswer;
  'sessions.delete': { deleted: true };
  'sessions.settings': { capBytes: number };
}
