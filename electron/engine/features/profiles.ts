// Saved connection profiles and their publish templates, kept by the profile store.
import type { profileRequests } from '@shared/contract/profiles';
import type { ProfileStore } from '../profiles/profile-store';
import type { FeatureHandlers } from './handlers';

export class ProfilesFeature {
  constructor(private readonly profiles: ProfileStore) {}

  readonly handlers: FeatureHandlers<typeof profileRequests> = {
    'profiles.list': () => this.profiles.list(),
    'profiles.get': ({ id }) => this.profiles.get(id),
    'profiles.save': (request) => this.profiles.save(request),
    'profiles.rename': ({ id, name }) => this.profiles.rename(id, name),
    'profiles.duplicate': ({ id }) => this.profiles.duplicate(id),
    'profiles.delete': async ({ id }) => {
      await this.profiles.delete(id);
      return { deleted: true };
    },
    'profiles.export': ({ ids, includeSecrets }) => this.profiles.export(ids, includeSecrets),
    'profiles.import': ({ document }) => this.profiles.import(document),
    'profiles.saveTemplate': ({ id, template }) => this.profiles.saveTemplate(id, template),
    'profiles.deleteTemplate': ({ id, name }) => this.profiles.deleteTemplate(id, name),
  };
}
