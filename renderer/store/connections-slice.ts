// Connections as the UI sees them: this app's clients and the local broker's and proxy's
// client connections, and past sessions reopened from the trace store. Each is a window onto a
// trace the engine keeps: the page holds the engine's latest view of it (counts, times, its
// story), never its packets — those are asked for by range when they are shown. A connection
// the page did not see start (a reloaded page, a second window) is asked for its view.
import type { StateCreator } from 'zustand';
import type { ConnectOptions } from '@shared/model/connect-options';
import { connectionStatus, type ConnectionStatus } from '@shared/model/outcome';
import type { SessionStory } from '@shared/model/session-story';
import type { SessionSummary } from '@shared/model/session-summary';
import type { SessionUpdate } from '@shared/model/session-view';
import type { AppState } from './index';
import { actionsWithout } from './action-notes-slice';
import { liveWithout } from './live-slice';

export interface ConnectionView {
  id: string;
  /** Set for connections this app opened. */
  options?: ConnectOptions;
  /** The engine's latest view: counts, times, type names. Undefined until the first comes. */
  trace?: SessionUpdate;
  /** Changes whenever `trace` does. */
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
  /** The sessions the engine last told of as open, whether or not a view shows them (a tab made
   *  by Connect before its first update, a dismissed one): one that appears here, or leaves
   *  (closed), changes `recordingsStamp`. Only open ones are kept, so it never outgrows them. */
  openSessionIds: Record<string, true>;
  /** A connection this app opened, made active; shown unless `show` is false (the person went elsewhere meanwhile). */
  openConnection(id: string, options: ConnectOptions, show?: boolean): void;
  /** What the engine pushed: the sessions that changed. A connection seen first shows at once. */
  applyUpdates(updates: readonly SessionUpdate[]): void;
  /** A connection already open in the engine (after a reload): its view, and its options if it
   *  is this app's. Made active when nothing is. */
  attachConnection(id: string, options?: ConnectOptions, openedAt?: number): Promise<void>;
  /** Every open connection of the engine. */
  reattach(): Promise<void>;
  /** A session of the store in a view: the live connection's, or a past one's (read-only). */
  openSession(session: SessionSummary): Promise<void>;
  activate(id: string): void;
  /** Forgets a closed connection (its trace stays in the store). */
  dismiss(id: string): void;
  selectEntry(seq: number | undefined): void;
}

/** The stories of the connections made the same way as this one (by this app, through the
 *  broker, through the proxy): the ones to compare across reconnects. */
export function storiesAlike(connections: Record<string, ConnectionView>, connection: ConnectionView): SessionStory[] {
  return Object.values(connections).filter((view) => view.story.origin === connection.story.origin).map((view) => view.story);
}

const EMPTY_STORY = (id: string): SessionStory => ({ connectionId: id, origin: 'client', phases: [], flows: [] });

function newView(id: string, options?: ConnectOptions, openedAt = Date.now(), recorded?: SessionSummary): ConnectionView {
  const story = EMPTY_STORY(id);
  return { id, options, version: 0, status: 'connecting', story, openedAt, ...(recorded ? { recorded } : {}) };
}

/** A session that is over is over even when its trace does not say how (the app stopped). */
function statusOf(trace: SessionUpdate): ConnectionStatus {
  const status = connectionStatus(trace.story);
  return !trace.open && (status === 'connecting' || status === 'connected') ? 'closed' : status;
}

function withTrace(view: ConnectionView, trace: SessionUpdate): ConnectionView {
  return { ...view, trace, version: view.version + 1, story: trace.story, status: statusOf(trace) };
}

export const createConnectionsSlice: StateCreator<AppState, [], [], ConnectionsSlice> = (set, get) => {
  /** Connections dismissed here: updates still coming for them (the broker side of one that is
   *  still open) do not bring them back. */
  const dismissed = new Set<string>();
  async function viewOf(id: string): Promise<SessionUpdate | undefined> {
    try {
      return await get().api?.request('sessions.view', { id });
    } catch {
      // Not in the store (it could not be recorded): the view comes with its first update.
      return undefined;
    }
  }

  return {
    connections: {},
    recordingsStamp: 0,
    openSessionIds: {},
    openConnection: (id, options, show = true) =>
      set((state) => ({
        connections: { ...state.connections, [id]: { ...(state.connections[id] ?? newView(id)), options } },
        activeId: id,
        selectedSeq: undefined,
        ...(show ? { view: 'connection' as const } : {}),
      })),
    applyUpdates: (updates) =>
      set((state) => {
        const connections = { ...state.connections };
        let stamp = state.recordingsStamp;
        /** A copy of the open ids, made at the batch's first change. */
        let openIds: Record<string, true> | undefined;
        for (const trace of updates) {
          const known = (openIds ?? state.openSessionIds)[trace.id] === true;
          // Appeared open, or closed (a closed one seen again reads the list once more: harmless,
          // where remembering every closed session would grow without end).
          if (!trace.open || !known) stamp++;
          if (trace.open && !known) (openIds ??= { ...state.openSessionIds })[trace.id] = true;
          if (!trace.open && known) delete (openIds ??= { ...state.openSessionIds })[trace.id];
          if (dismissed.has(trace.id)) continue;
          connections[trace.id] = withTrace(connections[trace.id] ?? newView(trace.id), trace);
        }
        return { connections, recordingsStamp: stamp, ...(openIds ? { openSessionIds: openIds } : {}) };
      }),
    attachConnection: async (id, options, openedAt) => {
      set((state) => {
        const view = state.connections[id] ?? newView(id, undefined, openedAt);
        return {
          connections: { ...state.connections, [id]: options ? { ...view, options } : view },
          ...(state.activeId === undefined ? { activeId: id, selectedSeq: undefined } : {}),
        };
      });
      const trace = await viewOf(id);
      if (trace) set((state) => (state.connections[id] && !state.connections[id].trace ? { connections: { ...state.connections, [id]: withTrace(state.connections[id], trace) } } : {}));
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
      // The page comes back to its connections as the one before it was left: on the active one,
      // unless the person asked for a view meanwhile (New connection pressed while this read).
      if (get().activeId !== undefined && get().view === 'form' && !get().viewChosen) set({ view: 'connection' });
    },
    openSession: async (session) => {
      dismissed.delete(session.id);
      if (get().connections[session.id]) return get().activate(session.id);
      if (session.open) {
        const live = await get().api?.request('connections.live', {});
        const options = live?.connections.find((connection) => connection.id === session.id)?.options;
        await get().attachConnection(session.id, options, session.startTime);
        return get().activate(session.id);
      }
      const trace = await viewOf(session.id);
      const view = newView(session.id, undefined, Date.now(), session);
      set((state) => ({ connections: { ...state.connections, [session.id]: trace ? withTrace(view, trace) : view }, activeId: session.id, selectedSeq: undefined, view: 'connection' }));
    },
    activate: (id) => set({ activeId: id, selectedSeq: undefined, view: 'connection' }),
    dismiss: (id) =>
      set((state) => {
        dismissed.add(id);
        const { [id]: _dismissed, ...connections } = state.connections;
        return { connections, ...liveWithout(state, id), ...actionsWithout(state, id), ...(state.activeId === id ? { activeId: undefined, selectedSeq: undefined } : {}) };
      }),
    selectEntry: (seq) => set({ selectedSeq: seq }),
  };
};
