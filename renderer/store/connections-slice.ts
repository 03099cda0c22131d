// Connections as the UI sees them: this app's clients and the local broker's and proxy's
// client connections, each with its trace and the story read from it as it arrives.
import type { StateCreator } from 'zustand';
import type { ConnectOptions } from '@shared/model/connect-options';
import { connectionStatus, type ConnectionStatus } from '@shared/model/outcome';
import type { SessionStory } from '@shared/model/session-story';
import type { TraceEntry } from '@shared/model/trace';
import type { AppState } from './index';
import { TraceLog } from './trace-log';


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
}

export interface ConnectionsSlice {
  connections: Record<string, ConnectionView>;
  activeId?: string;
  selectedSeq?: number;
  openConnection(id: string, options: ConnectOptions): void;
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

function newView(id: string, options?: ConnectOptions): ConnectionView {
  const log = new TraceLog(id);
  const story = log.story();
  return { id, options, log, version: 0, status: connectionStatus(story), story, openedAt: Date.now() };
}

export const createConnectionsSlice: StateCreator<AppState, [], [], ConnectionsSlice> = (set, get) => {
  /** Connections whose logs grew since they were last drawn. */
  const grown = new Set<string>();
  return {
    connections: {},
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
      for (const [id, list] of byConnection) {
        const view = get().connections[id] ?? (created[id] = newView(id));
        view.log.append(list);
        grown.add(id);
      }
      if (Object.keys(created).length > 0) set((state) => ({ connections: { ...state.connections, ...created } }));
    },
    publishTrace: () => {
      if (grown.size === 0) return;
      set((state) => {
        const connections = { ...state.connections };
        for (const id of grown) {
          const view = connections[id];
          if (!view) continue;
          const story = view.log.story();
          connections[id] = { ...view, version: view.version + 1, story, status: connectionStatus(story) };
        }
        grown.clear();
        return { connections };
      });
    },
    appendTrace: (entries) => {
      get().ingestTrace(entries);
      get().publishTrace();
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
