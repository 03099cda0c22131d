// Profiles as files owned by the engine: one JSON file per profile in the data folder,
// versioned, validated when read (a file that does not read is reported and left alone),
// written atomically. Secrets go through the host's SecretBox (the OS keychain in Electron);
// without one they live only in memory for the session, unless the person asks to keep them
// in clear.
import { randomUUID } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { ConnectOptions } from '@shared/model/connect-options';
import {
  hasSecrets,
  joinSecrets,
  PROFILE_FORMAT_VERSION,
  profileFileSchema,
  profileNameSchema,
  splitSecrets,
  type Profile,
  type ExportedProfiles,
  type ProfileFile,
  type ProfileProblem,
  type ProfileSecrets,
  type ProfileSummary,
  type ProfileTemplates,
  type SecretStorage,
} from '@shared/model/profile';
import { publishTemplateSchema, readTemplates, withoutTemplate, withTemplate, type PublishTemplate } from '@shared/model/publish-template';
import { writeFileAtomic } from './atomic-write';

/** Encryption the host offers for secrets at rest (Electron: safeStorage). */
export interface SecretBox {
  encrypt(text: string): Buffer;
  decrypt(data: Buffer): string;
}

export interface SaveRequest {
  /** Present to update a profile; absent to make a new one. */
  id?: string;
  name: string;
  options: ConnectOptions;
  /** Without a SecretBox, keep secrets on disk in clear (the person was warned). */
  keepSecretsInClear?: boolean;
  /** The publish templates as stored; absent keeps an updated profile's own. */
  templates?: readonly unknown[];
}

const FILE_SUFFIX = '.json';

function describeFailure(error: unknown): string {
  if (error instanceof SyntaxError) return `not JSON: ${error.message}`;
  const issues = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
  if (issues) return issues.map((issue) => `${issue.path.map(String).join('.') || 'file'}: ${issue.message}`).join('; ');
  return (error as Error).message;
}

export class ProfileStore {
  private readonly dir: string;
  /** Secrets kept for this session only (no SecretBox, no opt-in). */
  private readonly sessionSecrets = new Map<string, ProfileSecrets>();
  /** The change under way to each profile file, for changes to follow one another. */
  private readonly changing = new Map<string, Promise<void>>();
  /** Whether leftover temporary files were removed (once, at the first listing). */
  private tidied = false;

  constructor(dataDir: string, private readonly box?: SecretBox) {
    this.dir = path.join(dataDir, 'profiles');
  }

  private file(id: string): string {
    return path.join(this.dir, `${id}${FILE_SUFFIX}`);
  }

  private async read(file: string): Promise<ProfileFile> {
    // Only a regular file is opened: a FIFO named *.json would wait for a writer forever.
    if (!(await lstat(file)).isFile()) throw new Error('not a regular file');
    // An editor may have saved it with a byte order mark.
    const profile = profileFileSchema.parse(JSON.parse((await readFile(file, 'utf8')).replace(/^\uFEFF/, '')));
    // A copied file keeps the id of the one it was copied from: two profiles with one id would
    // make a rename act on the other file.
    if (path.basename(file) !== `${profile.id}${FILE_SUFFIX}`) throw new Error(`it holds the id ${profile.id}, which belongs to the file ${profile.id}${FILE_SUFFIX} (a copy?)`);
    return profile;
  }

  private secretStorage(profile: ProfileFile): SecretStorage {
    // A file of an earlier version may hold a key or a certificate in its options: in clear.
    if (hasSecrets(profile.options)) return 'clear';
    if (profile.secrets && 'encrypted' in profile.secrets) return this.box ? 'encrypted' : 'locked';
    if (profile.secrets && 'clear' in profile.secrets) return 'clear';
    return this.sessionSecrets.has(profile.id) ? 'session' : 'none';
  }

  private summary(profile: ProfileFile): ProfileSummary {
    return { id: profile.id, name: profile.name, updatedAt: profile.updatedAt, target: `${profile.options.host}:${profile.options.port}`, secrets: this.secretStorage(profile) };
  }

  /** Every profile that reads, and a problem for each file that does not. */
  async list(): Promise<{ profiles: ProfileSummary[]; problems: ProfileProblem[] }> {
    let all: string[];
    try {
      all = await readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { profiles: [], problems: [] };
      throw error;
    }
    if (!this.tidied) {
      this.tidied = true;
      // What a write cut short by a crash left behind; the file it was for is whole.
      await Promise.all(all.filter((name) => name.endsWith('.tmp')).map((name) => unlink(path.join(this.dir, name)).catch(() => {})));
    }
    const names = all.filter((name) => name.endsWith(FILE_SUFFIX));
    const profiles: ProfileSummary[] = [];
    const problems: ProfileProblem[] = [];
    for (const name of names.sort()) {
      try {
        profiles.push(this.summary(await this.read(path.join(this.dir, name))));
      } catch (error) {
        problems.push({ file: path.join(this.dir, name), message: `This profile file could not be read and was left as it is: ${describeFailure(error)}` });
      }
    }
    profiles.sort((a, b) => a.name.localeCompare(b.name));
    return { profiles, problems };
  }

  async get(id: string): Promise<Profile> {
    const profile = await this.read(this.file(this.checkId(id)));
    return { ...this.summary(profile), ...this.templatesOf(profile), options: joinSecrets(profile.options, this.secretsOf(profile)) };
  }

  private templatesOf(profile: ProfileFile): ProfileTemplates {
    const { templates, problems } = readTemplates(profile.templates);
    return { templates, templateProblems: problems.map((problem) => `${problem}; it stays in the profile file as it is`) };
  }

  /** Keeps a publish template with the profile, in place of the one of the same name. */
  async saveTemplate(id: string, template: PublishTemplate): Promise<ProfileTemplates> {
    const checked = publishTemplateSchema.parse(template);
    return this.changeTemplates(id, (raw) => withTemplate(raw, checked));
  }

  async deleteTemplate(id: string, name: string): Promise<ProfileTemplates> {
    return this.changeTemplates(id, (raw) => withoutTemplate(raw, name));
  }

  /** Rewrites the file with its templates changed and everything else as it was (its secrets
   *  are never decrypted for it). */
  private changeTemplates(id: string, change: (raw: readonly unknown[] | undefined) => unknown[]): Promise<ProfileTemplates> {
    return this.oneAtATime(this.checkId(id), async () => {
      const profile = await this.read(this.file(id));
      const changed: ProfileFile = { ...profile, updatedAt: new Date().toISOString(), templates: change(profile.templates) };
      await this.write(changed);
      return this.templatesOf(changed);
    });
  }

  /** Each profile's read-change-write runs after the one before it: two changes at once (two
   *  templates saved together, a rename while a template is saved) never lose one another. */
  private oneAtATime<T>(id: string, work: () => Promise<T>): Promise<T> {
    const before = this.changing.get(id) ?? Promise.resolve();
    const done = before.then(work, work);
    const settled = done.then(() => {}, () => {});
    this.changing.set(id, settled);
    void settled.then(() => {
      if (this.changing.get(id) === settled) this.changing.delete(id);
    });
    return done;
  }

  private async write(file: ProfileFile): Promise<void> {
    profileFileSchema.parse(file);
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writeFileAtomic(this.file(file.id), `${JSON.stringify(file, null, 2)}\n`);
  }

  private secretsOf(profile: ProfileFile): ProfileSecrets | undefined {
    const stored = profile.secrets;
    if (stored && 'clear' in stored) return stored.clear;
    if (stored && 'encrypted' in stored) {
      if (!this.box) return undefined;
      try {
        return JSON.parse(this.box.decrypt(Buffer.from(stored.encrypted, 'base64'))) as ProfileSecrets;
      } catch {
        return undefined;
      }
    }
    return this.sessionSecrets.get(profile.id);
  }

  save(request: SaveRequest): Promise<ProfileSummary> {
    if (!request.id) return this.saveNow(request);
    return this.oneAtATime(this.checkId(request.id), () => this.saveNow(request));
  }

  private async saveNow(request: SaveRequest): Promise<ProfileSummary> {
    const checked = profileNameSchema.safeParse(request.name);
    if (!checked.success) throw new Error(checked.error.issues[0].message);
    const name = checked.data;
    const id = request.id ? this.checkId(request.id) : randomUUID();
    const now = new Date().toISOString();
    const previous = request.id ? await this.read(this.file(id)).catch(() => undefined) : undefined;
    const { options, secrets } = splitSecrets(request.options);
    const hasSecrets = Object.keys(secrets).length > 0;
    let stored: ProfileFile['secrets'];
    this.sessionSecrets.delete(id);
    // Secrets this app cannot decrypt now (no keychain) are kept as they are, never lost by a rename.
    if (!hasSecrets && previous?.secrets && 'encrypted' in previous.secrets && !this.box) stored = previous.secrets;
    else if (hasSecrets && this.box) stored = { encrypted: this.box.encrypt(JSON.stringify(secrets)).toString('base64') };
    else if (hasSecrets && request.keepSecretsInClear) stored = { clear: secrets };
    else if (hasSecrets) this.sessionSecrets.set(id, secrets);
    const file: ProfileFile = {
      format: 'mqttscope-profile',
      version: PROFILE_FORMAT_VERSION,
      id,
      name,
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
      options,
      ...(stored ? { secrets: stored } : {}),
    };
    const templates = request.templates ?? previous?.templates;
    if (templates && templates.length > 0) file.templates = [...templates];
    await this.write(file);
    return this.summary(file);
  }

  rename(id: string, name: string): Promise<ProfileSummary> {
    return this.oneAtATime(this.checkId(id), async () => {
      const profile = await this.get(id);
      return this.saveNow({ id, name, options: profile.options, keepSecretsInClear: profile.secrets === 'clear' });
    });
  }

  async duplicate(id: string): Promise<ProfileSummary> {
    const profile = await this.get(id);
    // The copy gets the templates as stored, those that do not read included.
    const { templates } = await this.read(this.file(id));
    return this.save({ name: `${profile.name} (copy)`, options: profile.options, keepSecretsInClear: profile.secrets === 'clear', templates });
  }

  delete(id: string): Promise<void> {
    return this.oneAtATime(this.checkId(id), async () => {
      this.sessionSecrets.delete(id);
      await unlink(this.file(id));
    });
  }

  /** The chosen profiles as one JSON document; secrets only when asked for. */
  async export(ids: string[], includeSecrets = false): Promise<ExportedProfiles> {
    const profiles = await Promise.all(ids.map((id) => this.get(id)));
    return {
      format: 'mqttscope-profiles',
      version: PROFILE_FORMAT_VERSION,
      profiles: profiles.map((profile) => ({
        name: profile.name,
        options: includeSecrets ? profile.options : splitSecrets(profile.options).options,
        ...(profile.templates.length > 0 ? { templates: profile.templates } : {}),
      })),
    };
  }

  /** Profiles from an export, each saved as a new profile; a bad entry is reported, not saved. */
  async import(document: unknown): Promise<{ imported: ProfileSummary[]; problems: string[] }> {
    const entries = (document as ExportedProfiles | undefined)?.format === 'mqttscope-profiles' && Array.isArray((document as ExportedProfiles).profiles) ? (document as ExportedProfiles).profiles : undefined;
    if (!entries) return { imported: [], problems: ['This is not an MQTT Scope profiles export (format "mqttscope-profiles")'] };
    const imported: ProfileSummary[] = [];
    const problems: string[] = [];
    for (const [index, entry] of entries.entries()) {
      try {
        const options = profileFileSchema.shape.options.parse(entry.options);
        // Templates that do not read are reported and left out; the profile comes in with the rest.
        const raw: unknown = entry.templates;
        if (raw !== undefined && !Array.isArray(raw)) problems.push(`Profile ${index + 1}: its templates are not a list and were left out`);
        const { templates, problems: templateProblems } = readTemplates(Array.isArray(raw) ? raw : undefined);
        imported.push(await this.save({ name: entry.name, options, templates }));
        problems.push(...templateProblems.map((problem) => `Profile ${index + 1}: ${problem}; it was left out`));
      } catch (error) {
        problems.push(`Profile ${index + 1}: ${describeFailure(error)}`);
      }
    }
    return { imported, problems };
  }

  private checkId(id: string): string {
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new Error(`No profile has the id "${id}"`);
    return id;
  }
}
