// A saved profile made the current one, however it was chosen (its row in the Profiles panel, the
// command palette): its options fill the connection form and its templates come along.
import type { EngineApi } from '@shared/contract';
import type { ProfileSummary } from '@shared/model/profile';
import { useStore } from '../../store';

export async function loadProfile(api: EngineApi, profile: ProfileSummary): Promise<void> {
  const loaded = await api.request('profiles.get', { id: profile.id });
  const { loadOptions, chooseProfile } = useStore.getState();
  loadOptions(loaded.options);
  chooseProfile(profile, { templates: loaded.templates, templateProblems: loaded.templateProblems }, useStore.getState().form);
}
