// Connections as the UI sees them: each one's trace, and what is derived from it as it arrives.
import type { StateCreator } from 'zustand';
import type { ConnectOptions } from '@shared/model/connect-options';
import { buildSessionStory, type SessionStory } from '@shared/model/session-story';
import type { TraceEntry } from '@shared/model/trace';
import type { AppState } from './index';

export type ConnectionStatus = 'connecting' | 'connected' | 'refused' | 'closed';

export interface ConnectionView {
  id: string;
  options?: ConnectOptions;
  entries: TraceEntry[];
  /** Read from the story: where the connection stands. */
  status: ConnectionStatus;
  /** The connection's story (steps, CONNACK, flows, end, diagnosis), read again after each batch. */
  story?: SessionStory;
}

export interface ConnectionsSlice {
  connections: Record<string, ConnectionView>;
  activeId?: string;
  selectedSeq?: number;
  openConnection(id: string, options: ConnectOptions): void;
  appendTrace(entries: TraceEntry[]): void;
  selectEntry(seq: number | undefined): void;
}

function emptyView(id: string): ConnectionView {
  return { id, entries: [], status: 'connecting' };
}

function statusOf(story: SessionStory): ConnectionStatus {
  if (story.connack && !story.connack.accepted) return 'refused';
  if (story.end) return 'closed';
  return story.connack ? 'connected' : 'connecting';
}

/** Adds new entries to a connection and reads its story again. */
function advance(view: ConnectionView, entries: TraceEntry[]): ConnectionView {
  const all = view.entries.concat(entries);
  const story = buildSessionStory(view.id, all);
  return { ...view, entries: all, story, status: statusOf(story) };
}

export const createConnectionsSlice: StateCreator<AppState, [], [], ConnectionsSlice> = (set) => ({
  connections: {},
  openConnection: (id, options) =>
    set((state) => ({
      connections: { ...state.connections, [id]: { ...(state.connections[id] ?? emptyView(id)), options } },
      activeId: id,
      selectedSeq: undefined,
    })),
  appendTrace: (entries) =>
    set((state) => {
      const byConnection = new Map<string, TraceEntry[]>();
      for (const entry of entries) {
        const list = byConnection.get(entry.connectionId) ?? [];
        list.push(entry);
        byConnection.set(entry.connectionId, list);
      }
      const connections = { ...state.connections };
      for (const [id, list] of byConnection) connections[id] = advance(connections[id] ?? emptyView(id), list);
      return { connections };
    }),
  selectEntry: (seq) => set({ selectedSeq: seq }),
});
