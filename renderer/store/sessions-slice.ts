// What the trace store holds, as the engine last listed it: every recorded session (open ones
// too), the size cap and the files it could not read. Read again when the connections change
// (see useSessionListSync); the navigator and Settings read it from here.
import type { StateCreator } from 'zustand';
import type { RequestResults } from '@shared/contract';
import type { AppState } from './index';

export type SessionList = RequestResults['sessions.list'];

export interface SessionsSlice {
  sessionList?: SessionList;
  /** Why the last read failed; cleared by the next that works. */
  sessionListError?: string;
  refreshSessions(): Promise<void>;
}

export const createSessionsSlice: StateCreator<AppState, [], [], SessionsSlice> = (set, get) => ({
  refreshSessions: async () => {
    const api = get().api;
    if (!api) return;
    try {
      set({ sessionList: await api.request('sessions.list', {}), sessionListError: undefined });
    } catch (failure) {
      set({ sessionListError: (failure as Error).message });
    }
  },
});
