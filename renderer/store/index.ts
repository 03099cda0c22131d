// One store made of typed slices. Components read it through narrow selectors.
import { create } from 'zustand';
import { createActionNotesSlice, type ActionNotesSlice } from './action-notes-slice';
import { createCompareSlice, type CompareSlice } from './compare-slice';
import { createConnectionsSlice, type ConnectionsSlice } from './connections-slice';
import { createEngineSlice, type EngineSlice } from './engine-slice';
import { createFilesSlice, type FilesSlice } from './files-slice';
import { createFormSlice, type FormSlice } from './form-slice';
import { createLabSlice, type LabSlice } from './lab-slice';
import { createLiveSlice, type LiveSlice } from './live-slice';
import { createLocalSlice, type LocalSlice } from './local-slice';
import { createProfileSlice, type ProfileSlice } from './profile-slice';
import { createSessionsSlice, type SessionsSlice } from './sessions-slice';
import { createThemeSlice, type ThemeSlice } from './theme-slice';
import { createTopicChoiceSlice, type TopicChoiceSlice } from './topic-choice-slice';
import { createWorkspaceSlice, type WorkspaceSlice } from './workspace-slice';

export type AppState = ActionNotesSlice & CompareSlice & ConnectionsSlice & EngineSlice & FilesSlice & FormSlice & LabSlice & LiveSlice & LocalSlice & ProfileSlice & SessionsSlice & ThemeSlice & TopicChoiceSlice & WorkspaceSlice;

export const useStore = create<AppState>()((...args) => ({
  ...createActionNotesSlice(...args),
  ...createCompareSlice(...args),
  ...createConnectionsSlice(...args),
  ...createEngineSlice(...args),
  ...createFilesSlice(...args),
  ...createFormSlice(...args),
  ...createLabSlice(...args),
  ...createLiveSlice(...args),
  ...createLocalSlice(...args),
  ...createProfileSlice(...args),
  ...createSessionsSlice(...args),
  ...createThemeSlice(...args),
  ...createTopicChoiceSlice(...args),
  ...createWorkspaceSlice(...args),
}));

export function useActiveConnection() {
  return useStore((state) => (state.activeId ? state.connections[state.activeId] : undefined));
}
