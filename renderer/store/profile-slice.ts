// The profile last opened or saved in the Profiles panel, the profile each connection was opened
// from, and the publish templates of the profiles read here: a connection's Publish panel offers
// (and saves to) the templates of the profile it was opened from, never another's.
import type { StateCreator } from 'zustand';
import type { ConnectFormValues } from '@shared/model/connect-form';
import type { ProfileProblem, ProfileSummary, ProfileTemplates } from '@shared/model/profile';
import type { AppState } from './index';

export interface ProfileSlice {
  /** The saved profiles as the engine last listed them, and the files it could not read. */
  profiles: ProfileSummary[];
  profileProblems: ProfileProblem[];
  /** Reads the list again; a failure is thrown to the caller. */
  refreshProfiles(): Promise<void>;
  /** Makes a saved profile the current one: its options fill the connection form and its
   *  templates come along, however it was chosen (the navigator, the Profiles panel, the palette). */
  loadProfile(profile: ProfileSummary): Promise<void>;
  /** Changes when profiles were added from outside the Profiles panel (a file opened), so it
   *  reads them again. */
  profilesStamp: number;
  profilesChanged(): void;
  currentProfile?: ProfileSummary;
  /** The connection form as the current profile filled it (opened) or took it (saved). */
  currentProfileForm?: ConnectFormValues;
  /** The templates of each profile read here, by profile id. */
  profileTemplates: Record<string, ProfileTemplates>;
  /** The profile each connection was opened from, by connection id. */
  connectionProfiles: Record<string, ProfileSummary>;
  /** Another profile (or none). Without templates, the ones known for it are kept (none for a new
   *  one); without a form, the one known for it is kept. */
  chooseProfile(profile: ProfileSummary | undefined, templates?: ProfileTemplates, form?: ConnectFormValues): void;
  /** A profile's templates as the engine now keeps them. */
  setProfileTemplates(profileId: string, templates: ProfileTemplates): void;
  /** Renamed: connections opened from it show the new name. */
  renameProfile(profile: ProfileSummary): void;
  /** Deleted: connections opened from it have no profile any more. */
  forgetProfile(profileId: string): void;
  /** Connect pressed with this form: the current profile is the connection's when the form still
   *  connects as the profile does (see `connectsAsProfile`). */
  recordConnectionProfile(connectionId: string, form: ConnectFormValues): void;
}

export const NO_TEMPLATES: ProfileTemplates = { templates: [], templateProblems: [] };

/** The same broker, reached the same way, as the same client: what a profile's templates are
 *  for. Other settings (keep alive, will, properties, a password typed in) may change. */
const IDENTITY: readonly (keyof ConnectFormValues)[] = ['transport', 'host', 'port', 'wsPath', 'protocolVersion', 'clientId', 'username'];

export function connectsAsProfile(form: ConnectFormValues, profileForm: ConnectFormValues): boolean {
  // Host names are not case-sensitive; the rest is compared as typed, less surrounding blanks.
  const read = (values: ConnectFormValues, key: keyof ConnectFormValues) => {
    const value = values[key];
    return typeof value !== 'string' ? value : key === 'host' ? value.trim().toLowerCase() : value.trim();
  };
  return IDENTITY.every((key) => (key === 'wsPath' && form.transport !== 'ws' && form.transport !== 'wss') || read(form, key) === read(profileForm, key));
}

export const createProfileSlice: StateCreator<AppState, [], [], ProfileSlice> = (set, get) => ({
  profiles: [],
  profileProblems: [],
  refreshProfiles: async () => {
    const api = get().api;
    if (!api) return;
    const listed = await api.request('profiles.list', {});
    set({ profiles: listed.profiles, profileProblems: listed.problems });
  },
  loadProfile: async (profile) => {
    const api = get().api;
    if (!api) throw new Error('the engine is not connected');
    const loaded = await api.request('profiles.get', { id: profile.id });
    get().loadOptions(loaded.options);
    get().chooseProfile(profile, { templates: loaded.templates, templateProblems: loaded.templateProblems }, get().form);
  },
  profilesStamp: 0,
  profilesChanged: () => set((state) => ({ profilesStamp: state.profilesStamp + 1 })),
  profileTemplates: {},
  connectionProfiles: {},
  chooseProfile: (profile, templates, form) =>
    set((state) => {
      if (!profile) return { currentProfile: undefined, currentProfileForm: undefined };
      const sameProfile = state.currentProfile?.id === profile.id;
      return {
        currentProfile: profile,
        currentProfileForm: form ?? (sameProfile ? state.currentProfileForm : undefined),
        profileTemplates: { ...state.profileTemplates, [profile.id]: templates ?? state.profileTemplates[profile.id] ?? NO_TEMPLATES },
      };
    }),
  setProfileTemplates: (profileId, templates) => set((state) => ({ profileTemplates: { ...state.profileTemplates, [profileId]: templates } })),
  renameProfile: (profile) =>
    set((state) => ({
      connectionProfiles: Object.fromEntries(Object.entries(state.connectionProfiles).map(([id, known]) => [id, known.id === profile.id ? profile : known])),
      ...(state.currentProfile?.id === profile.id ? { currentProfile: profile } : {}),
    })),
  forgetProfile: (profileId) =>
    set((state) => ({
      connectionProfiles: Object.fromEntries(Object.entries(state.connectionProfiles).filter(([, known]) => known.id !== profileId)),
      ...(state.currentProfile?.id === profileId ? { currentProfile: undefined, currentProfileForm: undefined } : {}),
    })),
  recordConnectionProfile: (connectionId, form) =>
    set((state) => {
      const { [connectionId]: _earlier, ...others } = state.connectionProfiles;
      const profile = state.currentProfile && state.currentProfileForm && connectsAsProfile(form, state.currentProfileForm) ? state.currentProfile : undefined;
      return { connectionProfiles: profile ? { ...others, [connectionId]: profile } : others };
    }),
});
