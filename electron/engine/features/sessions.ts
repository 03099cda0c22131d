// Recorded sessions as the UI reads them: the list, a session's view, rows, timeline window,
// topics and entries; deleting one; the store's size cap.
import type { sessionRequests } from '@shared/contract/sessions';
import type { TraceStore } from '../trace-store/trace-store';
import type { FeatureHandlers } from './handlers';

export class SessionsFeature {
  constructor(private readonly traces: TraceStore) {}

  readonly handlers: FeatureHandlers<typeof sessionRequests> = {
    'sessions.list': async () => ({ sessions: this.traces.list(), capBytes: this.traces.capBytes, problems: [...this.traces.problems] }),
    'sessions.entries': ({ id, from, count }) => this.traces.entries(id, from, count),
    'sessions.view': ({ id }) => this.traces.view(id),
    'sessions.rows': async ({ id, from, count, ...filter }) => (await this.traces.queries(id)).rows(from, count, filter),
    'sessions.position': async ({ id, seq, ...filter }) => ({ position: await (await this.traces.queries(id)).position(seq, filter) }),
    'sessions.previousOnTopic': async ({ id, seq }) => (await this.traces.queries(id)).previousOnTopic(seq),
    'sessions.window': async ({ id, start, end }) => (await this.traces.queries(id)).window(start, end),
    // A session recording now has its rate read at the clock; a past one's at its end.
    'sessions.topics': async ({ id, limit, ...question }) => (await this.traces.queries(id)).topics.levels({ limit, ...question }, this.traces.recorder(id) ? Date.now() : undefined),
    'sessions.topicMessages': async ({ id, topic, beforeSeq, limit }) => (await this.traces.queries(id)).topics.messages(topic, limit, beforeSeq),
    'sessions.topicPayloads': async ({ id, topic, ...range }) => (await this.traces.queries(id)).topics.payloads(topic, range),
    'sessions.retained': async ({ id, limit }) => (await this.traces.queries(id)).topics.retained(limit),
    'sessions.delete': async ({ id }) => {
      await this.traces.delete(id);
      return { deleted: true };
    },
    'sessions.settings': async ({ capBytes, deleting }) => ({ capBytes: capBytes === undefined ? this.traces.capBytes : (await this.traces.setCapBytes(capBytes, deleting)).capBytes }),
  };
}
