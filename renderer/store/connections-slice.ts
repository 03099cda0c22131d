// Connections as the UI sees them: this app's clients and the local broker's and proxy's
// client connections, each with its trace and the story read from it as it arrives.
import type { StateCreator } from 'zustand';
import type { ConnectOptions } from '@shared/model/connect-options';
import type { SessionStory } from '@shared/model/session-story';
import type { TraceEntry } from '@shared/model/trace';
import type { AppState } from './index';
import { TraceLog } from './trace-log';

export type ConnectionStatus = 'connecting' | 'connected' | 'refused' | 'closed';

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
  appendTrace(entries: TraceEntry[]): void;
  activate(id: string): void;
  /** Forgets a closed connection and its trace. */
  dismiss(id: string): void;
  selectEntry(seq: number | undefined): void;
}

function newView(id: string, options?: ConnectOptions): ConnectionView {
  const log = new TraceLog(id);
  return { id, options, log, version: 0, status: 'connecting', story: log.story(), openedAt: Date.now() };
}

function statusOf(story: SessionStory): ConnectionStatus {
  if (story.connack && !story.connack.accepted) return 'refused';
  if (story.end) return 'closed';
  return story.connack ? 'connected' : 'connecting';
}

export const createConnectionsSlice: StateCreator<AppState, [], [], ConnectionsSlice> = (set) => ({
  connections: {},
  openConnection: (id, options) =>
    set((state) => ({
      connections: { ...state.connections, [id]: { ...(state.connections[id] ?? newView(id)), options } },
      activeId: id,
      selectedSeq: undefined,
    })),
  appendTrace: (entries) =>
    set((state) => {
      const byConnection = new Map<string, TraceEntry[]>();
      for (const entry of entries) {
        const list = byConnection.get(entry.connectionId);
        if (list) list.push(entry);
        else byConnection.set(entry.connectionId, [entry]);
      }
      const connections = { ...state.connections };
      for (const [id, list] of byConnection) {
        const view = connections[id] ?? newView(id);
        view.log.append(list);
        const story = view.log.story();
        connections[id] = { ...view, version: view.version + 1, story, status: statusOf(story) };
      }
      return { connections };
    }),
  activate: (id) => set({ activeId: id, selectedSeq: undefined }),
  dismiss: (id) =>
    set((state) => {
      const { [id]: _dismissed, ...connections } = state.connections;
      return { connections, ...(state.activeId === id ? { activeId: undefined, selectedSeq: undefined } : {}) };
    }),
  selectEntry: (seq) => set({ selectedSeq: seq }),
});
