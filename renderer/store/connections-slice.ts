// Connections as the UI sees them: this app's clients and the local broker's and proxy's
// client connections, each with its trace and the story read from it as it arrives; and past
// sessions reopened from the trace store. A connection the page did not see from its start (a
// reloaded page, a second window) has its beginning read from the store while it keeps going.
import type { StateCreator } from 'zustand';
import type { ConnectOptions } from '@shared/model/connect-options';
import { connectionStatus, type ConnectionStatus } from '@shared/model/outcome';
import type { SessionStory } from '@shared/model/session-story';
import type { SessionSummary } from '@shared/model/session-summary';
import type { TraceEntry } from '@shared/model/trace';
import type { AppState } from './index';
import { TraceLog } from './trace-log';

/** Entries read from the trace store per request when a connection's trace is loaded. */
export const BACKFILL_PAGE = 5_000;

export interface ConnectionView {
  id: string;
  /** Set for connections this app opened. */
  options?: ConnectOptions;
  /** Grows in place; `version` changes whenever it does. */
  log: TraceLog;
  version: number;
  status: ConnectionStatus;
  story: SessionStory;
  /** When it was opened here, for the order of the tabs. */
  openedAt: number;
  /** Set for a past session reopened from the trace store or a file: read-only. */
  recorded?: SessionSummary;
}

export interface ConnectionsSlice {
  connections: Record<string, ConnectionView>;
  activeId?: string;
  selectedSeq?: number;
  /** Changes when a connection appears or closes, so the Sessions list reads the store again. */
  recordingsStamp: number;
  openConnection(id: string, options: ConnectOptions): void;
  /** A connection already open in the engine (after a reload): its view, its options if it is
   *  this app's, and its trace read from the store. Made active when nothing is. */
  attachConnection(id: string, options?: ConnectOptions, openedAt?: number): Promise<void>;
  /** Every open connection of the engine, each with its whole trace. */
  reattach(): Promise<void>;
  /** A session of the store in a view: the live connection's, or a past one's (read-only). */
  openSession(session: SessionSummary): Promise<void>;
  /** Reads the entries a connection's log lacks from the trace store, page by page. */
  backfill(id: string): Promise<void>;
  /** Adds entries to their connections' logs without redrawing (a new connection shows at once). */
  ingestTrace(entries: readonly TraceEntry[]): void;
  /** Redraws the connections that received entries since the last time. */
  publishTrace(): void;
  /** Both at once. */
  appendTrace(entries: readonly TraceEntry[]): void;
  activate(id: string): void;
  /** Forgets a closed connection and its trace. */
  dismiss(id: string): void;
  selectEntry(seq: number | undefined): void;
}

/** The stories of the connections made the same way as this one (by this app, through the
 *  broker, through the proxy): the ones to compare across reconnects. */
export function storiesAlike(connections: Record<string, ConnectionView>, connection: ConnectionView): SessionStory[] {
  return Object.values(connections).filter((view) => view.story.origin === connection.story.origin).map((view) => view.story);
}

function newView(id: string, options?: ConnectOptions, openedAt = Date.now(), recorded?: SessionSummary): ConnectionView {
  const log = new TraceLog(id);
  const story = log.story();
  return { id, options, log, version: 0, status: statusOf(story, recorded), story, openedAt, ...(recorded ? { recorded } : {}) };
}

/** A past session is over even when its trace does not say how (the app stopped). */
function statusOf(story: SessionStory, recorded: SessionSummary | undefined): ConnectionStatus {
  const status = connectionStatus(story);
  return recorded && !recorded.open && (status === 'connecting' || status === 'connected') ? 'closed' : status;
}

export const createConnectionsSlice: StateCreator<AppState, [], [], ConnectionsSlice> = (set, get) => {
  /** Connections whose logs grew since they were last drawn. */
  const grown = new Set<string>();
  /** Connections whose trace is being read from the store. */
  const filling = new Set<string>();

  async function fill(id: string): Promise<void> {
    const api = get().api;
    const log = get().connections[id]?.log;
    if (!api || !log) return;
    let total = Infinity;
    try {
      for (;;) {
        const from = log.nextSeq;
        if (from >= total && !log.hasGap) break;
        const page = await api.request('sessions.entries', { id, from, count: BACKFILL_PAGE });
        // Dismissed meanwhile: nobody shows it any more.
        if (get().connections[id]?.log !== log) return;
        total = page.total;
        log.append(page.entries);
        grown.add(id);
        get().publishTrace();
        if (log.nextSeq === from) break;
      }
    } catch {
      // Not in the store (it could not be recorded): what came live is all there is.
    }
    if (log.hasGap) {
      log.acceptGap();
      grown.add(id);
      get().publishTrace();
    }
  }

  return {
    connections: {},
    recordingsStamp: 0,
    openConnection: (id, options) =>
      set((state) => ({
        connections: { ...state.connections, [id]: { ...(state.connections[id] ?? newView(id)), options } },
        activeId: id,
        selectedSeq: undefined,
      })),
    ingestTrace: (entries) => {
      const byConnection = new Map<string, TraceEntry[]>();
      for (const entry of entries) {
        const list = byConnection.get(entry.connectionId);
        if (list) list.push(entry);
        else byConnection.set(entry.connectionId, [entry]);
      }
      const created: Record<string, ConnectionView> = {};
      let closed = false;
      for (const [id, list] of byConnection) {
        const view = get().connections[id] ?? (created[id] = newView(id));
        view.log.append(list);
        grown.add(id);
        closed ||= list.some((entry) => entry.kind === 'lifecycle' && entry.event.phase === 'closed');
      }
      const appeared = Object.keys(created).length > 0;
      if (appeared || closed) set((state) => ({ connections: { ...state.connections, ...created }, recordingsStamp: state.recordingsStamp + 1 }));
      // Entries past a gap: the page did not see the connection begin, or lost a batch.
      for (const id of byConnection.keys()) if (get().connections[id]?.log.hasGap) void get().backfill(id);
    },
    publishTrace: () => {
      if (grown.size === 0) return;
      set((state) => {
        const connections = { ...state.connections };
        for (const id of grown) {
          const view = connections[id];
          if (!view) continue;
          const story = view.log.story();
          connections[id] = { ...view, version: view.version + 1, story, status: statusOf(story, view.recorded) };
        }
        grown.clear();
        return { connections };
      });
    },
    appendTrace: (entries) => {
      get().ingestTrace(entries);
      get().publishTrace();
    },
    attachConnection: async (id, options, openedAt) => {
      set((state) => {
        const view = state.connections[id] ?? newView(id, undefined, openedAt);
        return {
          connections: { ...state.connections, [id]: options ? { ...view, options } : view },
          ...(state.activeId === undefined ? { activeId: id, selectedSeq: undefined } : {}),
        };
      });
      await get().backfill(id);
    },
    reattach: async () => {
      const api = get().api;
      if (!api) return;
      const [live, listed] = await Promise.all([api.request('connections.live', {}), api.request('sessions.list', {})]);
      const options = new Map(live.connections.map((connection) => [connection.id, connection.options]));
      const open = listed.sessions.filter((session) => session.open).sort((a, b) => a.startTime - b.startTime);
      // This app's connections first, newest last: the newest of them ends up active.
      const attached = [...open.filter((session) => options.has(session.id)).reverse(), ...open.filter((session) => !options.has(session.id))];
      const known = new Set(open.map((session) => session.id));
      // Open but not recorded (the store could not write it): still one to see and disconnect.
      for (const [id, connectOptions] of options) if (!known.has(id)) await get().attachConnection(id, connectOptions);
      for (const session of attached) await get().attachConnection(session.id, options.get(session.id), session.startTime);
    },
    openSession: async (session) => {
      const existing = get().connections[session.id];
      if (existing) {
        get().activate(session.id);
        return get().backfill(session.id);
      }
      if (session.open) {
        const live = await get().api?.request('connections.live', {});
        const options = live?.connections.find((connection) => connection.id === session.id)?.options;
        await get().attachConnection(session.id, options, session.startTime);
        get().activate(session.id);
        return;
      }
      set((state) => ({ connections: { ...state.connections, [session.id]: newView(session.id, undefined, Date.now(), session) }, activeId: session.id, selectedSeq: undefined }));
      await get().backfill(session.id);
    },
    backfill: async (id) => {
      if (filling.has(id)) return;
      filling.add(id);
      try {
        await fill(id);
      } finally {
        filling.delete(id);
      }
    },
    activate: (id) => set({ activeId: id, selectedSeq: undefined }),
    dismiss: (id) =>
      set((state) => {
        const { [id]: _dismissed, ...connections } = state.connections;
        grown.delete(id);
        return { connections, ...(state.activeId === id ? { activeId: undefined, selectedSeq: undefined } : {}) };
      }),
    selectEntry: (seq) => set({ selectedSeq: seq }),
  };
};
