// Connections as the UI sees them: each one's trace, and what is derived from it as it arrives.
import type { StateCreator } from 'zustand';
import { summarizeConnack, type ConnackSummary } from '@shared/model/connack';
import type { ConnectOptions } from '@shared/model/connect-options';
import { buildSessionStory, type SessionStory } from '@shared/model/session-story';
import type { LifecycleEvent, TraceEntry } from '@shared/model/trace';
import type { AppState } from './index';

export type ConnectionStatus = 'connecting' | 'connected' | 'refused' | 'closed';

export interface ConnectionView {
  id: string;
  options?: ConnectOptions;
  entries: TraceEntry[];
  status: ConnectionStatus;
  connack?: ConnackSummary;
  closed?: Extract<LifecycleEvent, { phase: 'closed' }>;
  /** The connection's story (steps, flows, diagnosis), read again after each batch. */
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

/** Folds new entries into a connection's derived state. */
function advance(view: ConnectionView, entries: TraceEntry[]): ConnectionView {
  const next: ConnectionView = { ...view, entries: view.entries.concat(entries) };
  for (const entry of entries) {
    if (entry.kind === 'packet' && entry.dir === 's2c' && entry.typeName === 'CONNACK' && !next.connack) {
      next.connack = summarizeConnack(entry.hex, entry.protocolLevel);
      if (next.connack && next.status === 'connecting') next.status = next.connack.accepted ? 'connected' : 'refused';
    } else if (entry.kind === 'lifecycle' && entry.event.phase === 'closed') {
      next.closed = entry.event;
      if (next.status !== 'refused') next.status = 'closed';
    }
  }
  next.story = buildSessionStory(next.id, next.entries);
  return next;
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
