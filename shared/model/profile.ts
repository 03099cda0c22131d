// Saved connections: what a profile file holds (versioned, validated on load), and what the UI
// sees. Secrets (passwords, key passphrases) are never in `options` on disk.
import { z } from 'zod';
import { connectOptionsSchema, type ConnectOptions } from './connect-options';

export const PROFILE_FORMAT_VERSION = 1;

export interface ProfileSecrets {
  password?: string;
  passphrase?: string;
}

/** How a profile's secrets are kept. */
export type SecretStorage = 'encrypted' | 'session' | 'clear' | 'none';

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
  secrets: z.union([z.object({ encrypted: z.string() }).strict(), z.object({ clear: z.object({ password: z.string().optional(), passphrase: z.string().optional() }).strict() }).strict()]).optional(),
}).strict();

export type ProfileFile = z.infer<typeof profileFileSchema>;

export interface ProfileSummary {
  id: string;
  name: string;
  updatedAt: string;
  target: string;
  secrets: SecretStorage;
}

export interface Profile extends ProfileSummary {
  /** The options with the secrets put back where they are known. */
  options: ConnectOptions;
}

/** What an export holds: names and options, secrets only when asked for. */
export interface ExportedProfiles {
  format: 'mqttscope-profiles';
  version: number;
  profiles: { name: string; options: ConnectOptions }[];
}

/** A profile file that could not be read; it is left as it is. */
export interface ProfileProblem {
  file: string;
  message: string;
}

export function splitSecrets(options: ConnectOptions): { options: ConnectOptions; secrets: ProfileSecrets } {
  const { password, ...rest } = options;
  const secrets: ProfileSecrets = {};
  if (password !== undefined) secrets.password = password;
  let tls = rest.tls;
  if (tls?.passphrase !== undefined) {
    secrets.passphrase = tls.passphrase;
    const { passphrase: _passphrase, ...tlsRest } = tls;
    tls = tlsRest;
  }
  return { options: { ...rest, ...(tls ? { tls } : {}) }, secrets };
}

export function joinSecrets(options: ConnectOptions, secrets: ProfileSecrets | undefined): ConnectOptions {
  if (!secrets) return options;
  return {
    ...options,
    ...(secrets.password !== undefined ? { password: secrets.password } : {}),
    ...(secrets.passphrase !== undefined && options.tls ? { tls: { ...options.tls, passphrase: secrets.passphrase } } : {}),
  };
}
