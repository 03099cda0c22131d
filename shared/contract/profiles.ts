// The contract's requests about saved connection profiles and their publish templates.
import { z } from 'zod';
import { connectOptionsSchema } from '../model/connect-options';
import type { ExportedProfiles, Profile, ProfileProblem, ProfileSummary, ProfileTemplates } from '../model/profile';
import { publishTemplateSchema, templateNameSchema } from '../model/publish-template';

export const profileRequests = {
  'profiles.list': z.object({}).strict(),
  'profiles.get': z.object({ id: z.string().min(1).max(64) }).strict(),
  'profiles.save': z.object({
    id: z.string().min(1).max(64).optional(),
    name: z.string().max(200),
    options: connectOptionsSchema,
    /** Without OS encryption, keep passwords on disk in clear (the UI warns first). */
    keepSecretsInClear: z.boolean().optional(),
  }).strict(),
  'profiles.rename': z.object({ id: z.string().min(1).max(64), name: z.string().max(200) }).strict(),
  'profiles.duplicate': z.object({ id: z.string().min(1).max(64) }).strict(),
  'profiles.delete': z.object({ id: z.string().min(1).max(64) }).strict(),
  'profiles.export': z.object({ ids: z.array(z.string().min(1).max(64)).max(10_000), includeSecrets: z.boolean().optional() }).strict(),
  'profiles.import': z.object({ document: z.unknown() }).strict(),
  /** Keeps a publish template with the profile, in place of the one of the same name. */
  'profiles.saveTemplate': z.object({ id: z.string().min(1).max(64), template: publishTemplateSchema }).strict(),
  'profiles.deleteTemplate': z.object({ id: z.string().min(1).max(64), name: templateNameSchema }).strict(),
} as const;

export interface ProfileResults {
  'profiles.list': { profiles: ProfileSummary[]; problems: ProfileProblem[] };
  'profiles.get': Profile;
  'profiles.save': ProfileSummary;
  'profiles.rename': ProfileSummary;
  'profiles.duplicate': ProfileSummary;
  'profiles.delete': { deleted: true };
  'profiles.export': ExportedProfiles;
  'profiles.import': { imported: ProfileSummary[]; problems: string[] };
  'profiles.saveTemplate': ProfileTemplates;
  'profiles.deleteTemplate': ProfileTemplates;
}
