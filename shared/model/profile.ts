// Saved connections: what a profile file holds (versioned, validated on load), and what the UI
// sees. Secrets (passwords, TLS client keys and certificates, their passphrases, MQTT 5
// authentication data) are never in `options` on disk.
import { z } from 'zod';
import { connectOptionsSchema, type ConnectOptions } from './connect-options';
import type { PublishTemplate } from './publish-template';

export const PROFILE_FORMAT_VERSION = 1;

/**
 * Every option that is a secret, by the name it is stored under: kept out of a profile's
 * options on disk (the OS keychain, the session's memory, or in clear only when asked) and out
 * of an export made without secrets. One table, so a new secret option cannot be missed.
 */
export const SECRET_OPTIONS = {
  password: ['password'],
  passphrase: ['tls', 'passphrase'],
  keyPem: ['tls', 'keyPem'],
  certPem: ['tls', 'certPem'],
  authenticationData: ['properties', 'authenticationData'],
} as const satisfies Record<string, readonly [string] | readonly [string, string]>;

export type SecretName = keyof typeof SECRET_OPTIONS;
export type ProfileSecrets = Partial<Record<SecretName, string>>;

/** How a profile's secrets are kept. */
/** `locked`: encrypted by an OS keychain this app cannot reach now; kept in the file, unused. */
export type SecretStorage = 'encrypted' | 'locked' | 'session' | 'clear' | 'none';

export const profileNameSchema = z.string().trim().min(1, 'A profile needs a name').max(200, 'At most 200 characters');

/** The file on disk. */
export const profileFileSchema = z.object({
  format: z.literal('mqttscope-profile'),
  version: z.literal(PROFILE_FORMAT_VERSION),
  id: z.string().uuid(),
  name: profileNameSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  options: connectOptionsSchema,
  /** Secrets encrypted by the OS keychain (base64), or in clear when the person chose that. */
  secrets: z.union([z.object({ encrypted: z.string() }).strict(), z.object({ clear: z.partialRecord(z.enum(Object.keys(SECRET_OPTIONS) as [SecretName, ...SecretName[]]), z.string()) }).strict()]).optional(),
  /** Publish templates, each checked on its own when read (see publish-template.ts): one that
   *  does not read is reported and kept as it is, never the reason the profile does not load. */
  templates: z.array(z.unknown()).optional(),
}).strict();

export type ProfileFile = z.infer<typeof profileFileSchema>;

export interface ProfileSummary {
  id: string;
  name: string;
  updatedAt: string;
  target: string;
  secrets: SecretStorage;
}

/** A profile's publish templates that read, and a sentence for each that does not. */
export interface ProfileTemplates {
  templates: PublishTemplate[];
  templateProblems: string[];
}

export interface Profile extends ProfileSummary, ProfileTemplates {
  /** The options with the secrets put back where they are known. */
  options: ConnectOptions;
}

/** What an export holds: names and options, secrets only when asked for. */
export interface ExportedProfiles {
  format: 'mqttscope-profiles';
  version: number;
  profiles: { name: string; options: ConnectOptions; templates?: PublishTemplate[] }[];
}

/** A profile file that could not be read; it is left as it is. */
export interface ProfileProblem {
  file: string;
  message: string;
}

type Branch = Record<string, unknown>;

/** Whether the options hold a secret, without copying them. */
export function hasSecrets(options: ConnectOptions): boolean {
  return Object.values(SECRET_OPTIONS).some(([first, second]: readonly string[]) => {
    const holder = second === undefined ? (options as unknown as Branch) : ((options as unknown as Branch)[first] as Branch | undefined);
    return typeof holder?.[second ?? first] === 'string';
  });
}

export function splitSecrets(options: ConnectOptions): { options: ConnectOptions; secrets: ProfileSecrets } {
  const rest = structuredClone(options) as unknown as Branch;
  const secrets: ProfileSecrets = {};
  for (const [name, [first, second]] of Object.entries(SECRET_OPTIONS) as [SecretName, readonly string[]][]) {
    const holder = second === undefined ? rest : (rest[first] as Branch | undefined);
    const key = second ?? first;
    if (typeof holder?.[key] !== 'string') continue;
    secrets[name] = holder[key] as string;
    delete holder[key];
  }
  return { options: rest as unknown as ConnectOptions, secrets };
}

export function joinSecrets(options: ConnectOptions, secrets: ProfileSecrets | undefined): ConnectOptions {
  if (!secrets) return options;
  const joined = structuredClone(options) as unknown as Branch;
  for (const [name, [first, second]] of Object.entries(SECRET_OPTIONS) as [SecretName, readonly string[]][]) {
    const value = secrets[name];
    if (value === undefined) continue;
    if (second === undefined) joined[first] = value;
    // A secret of a section the options no longer have (TLS turned off) stays out.
    else if (joined[first]) (joined[first] as Branch)[second] = value;
  }
  return joined as unknown as ConnectOptions;
}
