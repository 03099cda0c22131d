// What the last action on a connection as a whole (Save, Save pcapng, Copy as) came to, kept
// with that connection: shown with it, never with whichever connection is active when the
// answer comes or later. A save in progress is kept apart from the note: a Copy meanwhile
// replaces the words, never the fact that Save is still busy.
import type { StateCreator } from 'zustand';
import { COPIED_SHOWN_MS } from '../ui/useCopy';
import type { AppState } from './index';

export interface ActionNote {
  text: string;
  ok: boolean;
  /** Goes after COPIED_SHOWN_MS when ok (a copy's "Copied …", as `useCopy` does); what a save
   *  came to stays. */
  fleeting?: boolean;
}

export interface ActionNotesSlice {
  actionNotes: Record<string, ActionNote>;
  /** Connections whose session is being saved: Save stays off until it ends. */
  savingIds: Record<string, true>;
  setActionNote(connectionId: string, note: ActionNote | undefined): void;
  /** A save starts: its note is "Saving…" until it ends (or another note covers it meanwhile). */
  startSaving(connectionId: string): void;
  endSaving(connectionId: string, note: ActionNote): void;
}

export const createActionNotesSlice: StateCreator<AppState, [], [], ActionNotesSlice> = (set) => {
  const setNote = (connectionId: string, note: ActionNote | undefined) => {
    // An answer for a tab closed meanwhile is not kept.
    set((state) => (note && !state.connections[connectionId] ? {} : { actionNotes: withoutNote(state.actionNotes, connectionId, note) }));
    if (note?.ok && note.fleeting) {
      setTimeout(() => set((state) => (state.actionNotes[connectionId] === note ? { actionNotes: withoutNote(state.actionNotes, connectionId) } : {})), COPIED_SHOWN_MS);
    }
  };
  return {
    actionNotes: {},
    savingIds: {},
    setActionNote: setNote,
    startSaving: (connectionId) => {
      set((state) => ({ savingIds: { ...state.savingIds, [connectionId]: true } }));
      setNote(connectionId, undefined);
    },
    endSaving: (connectionId, note) => {
      set((state) => ({ savingIds: withoutId(state.savingIds, connectionId) }));
      setNote(connectionId, note);
    },
  };
};

/** The notes with this connection's replaced (or dropped, its tab closed). */
export function withoutNote(notes: Record<string, ActionNote>, connectionId: string, note?: ActionNote): Record<string, ActionNote> {
  const { [connectionId]: _old, ...others } = notes;
  return note ? { ...others, [connectionId]: note } : others;
}

/** A connection's tab closed: its note and its save in progress go. */
export function actionsWithout(state: Pick<ActionNotesSlice, 'actionNotes' | 'savingIds'>, connectionId: string): Pick<ActionNotesSlice, 'actionNotes' | 'savingIds'> {
  return { actionNotes: withoutNote(state.actionNotes, connectionId), savingIds: withoutId(state.savingIds, connectionId) };
}

function withoutId(ids: Record<string, true>, connectionId: string): Record<string, true> {
  const { [connectionId]: _old, ...others } = ids;
  return others;
}
