// What the last action on a connection as a whole (Save, Save pcapng, Copy as) came to, kept
// with that connection: shown with it, never with whichever connection is active when the
// answer comes or later.
import type { StateCreator } from 'zustand';
import type { AppState } from './index';

export interface ActionNote {
  text: string;
  ok: boolean;
  /** Still going (`Saving…`). */
  busy?: boolean;
}

export interface ActionNotesSlice {
  actionNotes: Record<string, ActionNote>;
  setActionNote(connectionId: string, note: ActionNote | undefined): void;
}

export const createActionNotesSlice: StateCreator<AppState, [], [], ActionNotesSlice> = (set) => ({
  actionNotes: {},
  // An answer for a tab closed meanwhile is not kept.
  setActionNote: (connectionId, note) => set((state) => (note && !state.connections[connectionId] ? {} : { actionNotes: withoutNote(state.actionNotes, connectionId, note) })),
});

/** The notes with this connection's replaced (or dropped, its tab closed). */
export function withoutNote(notes: Record<string, ActionNote>, connectionId: string, note?: ActionNote): Record<string, ActionNote> {
  const { [connectionId]: _old, ...others } = notes;
  return note ? { ...others, [connectionId]: note } : others;
}
