// The profile last opened or saved in the Profiles panel, and its publish templates: the ones the
// Publish panel offers and saves to.
import type { StateCreator } from 'zustand';
import type { ProfileSummary, ProfileTemplates } from '@shared/model/profile';
import type { AppState } from './index';

export interface ProfileSlice {
  currentProfile?: ProfileSummary;
  profileTemplates: ProfileTemplates;
  /** Another profile (or none): its templates replace the last one's. */
  chooseProfile(profile: ProfileSummary | undefined, templates?: ProfileTemplates): void;
  /** The current profile's templates as the engine now keeps them. */
  setProfileTemplates(templates: ProfileTemplates): void;
}

const NO_TEMPLATES: ProfileTemplates = { templates: [], templateProblems: [] };

export const createProfileSlice: StateCreator<AppState, [], [], ProfileSlice> = (set) => ({
  profileTemplates: NO_TEMPLATES,
  chooseProfile: (profile, templates) => set({ currentProfile: profile, profileTemplates: (profile && templates) || NO_TEMPLATES }),
  setProfileTemplates: (templates) => set({ profileTemplates: templates }),
});
