// Files the person opens (a button, or a drop anywhere on the window): sent to the engine, their
// sessions opened in views, the first one active, and what went wrong said in words.
import type { StateCreator } from 'zustand';
import type { FilesOpened } from '@shared/contract';
import { fileKind } from '@shared/model/file-kinds';
import type { SessionSummary } from '@shared/model/session-summary';
import { importedText, importProfilesFile } from '../api/import-profiles';
import { sendFile } from '../api/send-file';
import type { AppState } from './index';

export interface FileOutcome {
  /** What was opened, in a sentence. */
  text: string;
  problems: string[];
}

export interface FilesSlice {
  /** The file being sent now. */
  openingFile?: string;
  fileOutcome?: FileOutcome;
  openFiles(files: readonly File[]): Promise<void>;
  /** A file the desktop app's host opened in the engine (from the OS or its menu): shown as an opened one. */
  showOpenedFile(opened: FilesOpened): Promise<void>;
  clearFileOutcome(): void;
}

const plural = (count: number, one: string) => `${count} ${one}${count === 1 ? '' : 's'}`;
/** Sessions the store already held are the same recordings, shown rather than copied (the
 *  navigator lists them where they were: under Past sessions, or their origin while open). */
const heldNote = (held: number, opened: number) => (held === 0 ? '' : held === opened ? `, already in the store (shown, not copied)` : ` (${held} already in the store: shown, not copied)`);

export const createFilesSlice: StateCreator<AppState, [], [], FilesSlice> = (set, get) => {
  /** Opens the sessions a file gave in views, the first one active, and says what came of it. */
  const showSessions = async (names: string, opened: readonly SessionSummary[], alreadyHeld: readonly string[], problems: string[]): Promise<string> => {
    set((state) => ({ recordingsStamp: state.recordingsStamp + 1 }));
    for (const session of opened) await get().openSession(session).catch((error: Error) => problems.push(`${session.label}: ${error.message}`));
    if (opened[0]) get().activate(opened[0].id);
    return opened.length > 0 ? `Opened ${names}: ${plural(opened.length, 'session')}${heldNote(alreadyHeld.length, opened.length)}.` : `Nothing was opened from ${names}.`;
  };
  /** Profiles exports among the files: imported, the Profiles panel told. */
  const importProfiles = async (files: readonly File[], problems: string[]): Promise<string | undefined> => {
    const api = get().api;
    if (!api || files.length === 0) return undefined;
    let imported = 0;
    for (const file of files) {
      set({ openingFile: file.name });
      try {
        const result = await importProfilesFile(api, file);
        imported += result.imported;
        problems.push(...result.problems);
      } catch (error) {
        problems.push((error as Error).message);
      }
    }
    get().profilesChanged();
    return importedText(imported, files.map((file) => file.name).join(', '));
  };
  return {
  openFiles: async (files) => {
    const api = get().api;
    if (!api || files.length === 0) return;
    const opened: SessionSummary[] = [];
    const alreadyHeld: string[] = [];
    const problems: string[] = [];
    set({ fileOutcome: undefined });
    const profiles = files.filter((file) => fileKind(file.name) === 'profiles');
    const traces = files.filter((file) => fileKind(file.name) === 'trace');
    const importedSentence = await importProfiles(profiles, problems);
    for (const file of traces) {
      set({ openingFile: file.name, fileOutcome: undefined });
      try {
        const result = await sendFile(api, file);
        opened.push(...result.sessions);
        alreadyHeld.push(...result.alreadyHeld);
        problems.push(...result.problems);
        if (result.sessions.length === 0 && result.problems.length === 0) problems.push(`${file.name} holds no session`);
      } catch (error) {
        problems.push(`${file.name} could not be opened: ${(error as Error).message}`);
      }
    }
    set({ openingFile: undefined });
    const openedSentence = traces.length > 0 ? await showSessions(traces.map((file) => file.name).join(', '), opened, alreadyHeld, problems) : undefined;
    set({ fileOutcome: { text: [importedSentence, openedSentence].filter(Boolean).join(' '), problems } });
  },
  showOpenedFile: async ({ name, kind, sessions, alreadyHeld, profiles, problems }) => {
    if (kind === 'profiles') {
      set({ fileOutcome: { text: importedText(profiles ?? 0, name), problems: [...problems] } });
      return;
    }
    const copy = [...problems];
    set({ fileOutcome: { text: await showSessions(name, sessions, alreadyHeld ?? [], copy), problems: copy } });
  },
  clearFileOutcome: () => set({ fileOutcome: undefined }),
  };
};
