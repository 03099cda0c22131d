import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConnectOptions } from '@shared/model/connect-options';
import type { PublishTemplate } from '@shared/model/publish-template';
import { ProfileStore, type SecretBox } from './profile-store';

/** A real cipher standing in for the OS keychain: AES-256-GCM with a key held in memory. */
function keychain(): SecretBox {
  const key = randomBytes(32);
  return {
    encrypt(text) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt(data) {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

const options: ConnectOptions = {
  host: 'broker.local', port: 8883, protocolVersion: '5', clientId: 'dev-7', clean: false, keepAlive: 30,
  username: 'alice', password: 'hunter2-secret',
  tls: { caPem: '-----BEGIN CERTIFICATE-----', certPem: '-----BEGIN CERTIFICATE-----client-cert-body', keyPem: '-----BEGIN PRIVATE KEY-----client-key-body', passphrase: 'key-passphrase', verify: true },
  properties: { authenticationMethod: 'SCRAM-SHA-1', authenticationData: 'c0ffee5ec7e7' },
};
/** Every secret of `options`: none may be on disk or in an export made without secrets. */
const SECRETS = ['hunter2-secret', 'key-passphrase', 'client-cert-body', 'client-key-body', 'c0ffee5ec7e7'];
const dataDir = () => mkdtempSync(path.join(tmpdir(), 'mqttscope-profiles-'));
const filesIn = (dir: string) => readdirSync(path.join(dir, 'profiles'));

describe('ProfileStore', () => {
  it('saves a profile as one file that a new store (an app restart) reads back, secrets encrypted at rest', async () => {
    const dir = dataDir();
    const box = keychain();
    const saved = await new ProfileStore(dir, box).save({ name: 'Lab broker', options });
    expect(saved).toMatchObject({ name: 'Lab broker', target: 'broker.local:8883', secrets: 'encrypted' });
    const text = readFileSync(path.join(dir, 'profiles', `${saved.id}.json`), 'utf8');
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(JSON.parse(text)).toMatchObject({ format: 'mqttscope-profile', version: 1, name: 'Lab broker' });

    const restarted = new ProfileStore(dir, box);
    expect((await restarted.list()).profiles.map((profile) => profile.name)).toEqual(['Lab broker']);
    expect((await restarted.get(saved.id)).options).toEqual(options);
    expect(filesIn(dir)).toEqual([`${saved.id}.json`]);
  });

  it('without encryption keeps secrets for this session only, or in clear when asked', async () => {
    const dir = dataDir();
    const store = new ProfileStore(dir);
    const session = await store.save({ name: 'Session only', options });
    expect(session.secrets).toBe('session');
    const onDisk = readFileSync(path.join(dir, 'profiles', `${session.id}.json`), 'utf8');
    for (const secret of SECRETS) expect(onDisk).not.toContain(secret);
    expect((await store.get(session.id)).options).toEqual(options);
    const afterRestart = await new ProfileStore(dir).get(session.id);
    expect(afterRestart.options.password).toBeUndefined();
    expect(afterRestart.options.tls).toEqual({ caPem: '-----BEGIN CERTIFICATE-----', verify: true });
    expect(afterRestart.options.properties).toEqual({ authenticationMethod: 'SCRAM-SHA-1' });
    expect(afterRestart.secrets).toBe('none');

    const clear = await store.save({ name: 'Kept in clear', options, keepSecretsInClear: true });
    expect(clear.secrets).toBe('clear');
    expect((await new ProfileStore(dir).get(clear.id)).options).toEqual(options);
  });

  it('reports a corrupt profile file, leaves it untouched, and still lists the others', async () => {
    const dir = dataDir();
    const store = new ProfileStore(dir);
    await store.save({ name: 'Good', options });
    const broken = path.join(dir, 'profiles', '00000000-0000-4000-8000-000000000000.json');
    writeFileSync(broken, '{"format": "mqttscope-profile", "version": 1, "name": ');
    const wrongShape = path.join(dir, 'profiles', '11111111-1111-4111-8111-111111111111.json');
    writeFileSync(wrongShape, JSON.stringify({ format: 'mqttscope-profile', version: 1, id: '11111111-1111-4111-8111-111111111111', name: 'x', createdAt: '', updatedAt: '', options: { ...options, port: 99999 } }));
    const { profiles, problems } = await store.list();
    expect(profiles.map((profile) => profile.name)).toEqual(['Good']);
    expect(problems).toEqual([
      { file: broken, message: expect.stringMatching(/could not be read and was left as it is: not JSON/) },
      { file: wrongShape, message: expect.stringMatching(/options\.port: Port must be a whole number/) },
    ]);
    expect(readFileSync(broken, 'utf8')).toBe('{"format": "mqttscope-profile", "version": 1, "name": ');
  });

  it('reports a copied file that repeats another’s id, reads a file with a byte order mark, skips a FIFO without waiting, and clears leftover temporary files', async () => {
    const dir = dataDir();
    const store = new ProfileStore(dir);
    const original = await store.save({ name: 'Original', options });
    const folder = path.join(dir, 'profiles');
    const originalFile = path.join(folder, `${original.id}.json`);
    const copy = path.join(folder, 'copy of profile.json');
    copyFileSync(originalFile, copy);
    writeFileSync(originalFile, `\uFEFF${readFileSync(originalFile, 'utf8')}`);
    const fifo = path.join(folder, 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    const leftover = path.join(folder, `${original.id}.json.123.456.tmp`);
    writeFileSync(leftover, 'half a profile');

    const { profiles, problems } = await new ProfileStore(dir).list();
    expect(profiles.map((profile) => [profile.id, profile.name])).toEqual([[original.id, 'Original']]);
    expect(problems).toEqual([
      { file: copy, message: expect.stringContaining(`it holds the id ${original.id}, which belongs to the file ${original.id}.json (a copy?)`) },
      { file: fifo, message: expect.stringContaining('not a regular file') },
    ]);
    expect(existsSync(leftover)).toBe(false);
    expect(existsSync(copy)).toBe(true);
  });

  it('keeps secrets it cannot decrypt now (no keychain) through a rename, and says they are locked', async () => {
    const dir = dataDir();
    const box = keychain();
    const saved = await new ProfileStore(dir, box).save({ name: 'Encrypted', options });
    const withoutKeychain = new ProfileStore(dir);
    expect((await withoutKeychain.list()).profiles[0]).toMatchObject({ id: saved.id, secrets: 'locked' });
    await withoutKeychain.rename(saved.id, 'Renamed without a keychain');
    const back = await new ProfileStore(dir, box).get(saved.id);
    expect(back).toMatchObject({ name: 'Renamed without a keychain', secrets: 'encrypted' });
    expect(back.options).toEqual(options);
  });

  it('says a file of an earlier version that holds a key in its options has it in clear, and moves it out when saved', async () => {
    const dir = dataDir();
    const store = new ProfileStore(dir, keychain());
    const saved = await store.save({ name: 'Old', options: { ...options, password: undefined, tls: undefined, properties: undefined } });
    const file = path.join(dir, 'profiles', `${saved.id}.json`);
    const old = JSON.parse(readFileSync(file, 'utf8'));
    old.options.tls = { keyPem: '-----BEGIN PRIVATE KEY-----old-key-body', verify: true };
    writeFileSync(file, JSON.stringify(old));
    expect((await store.list()).profiles[0].secrets).toBe('clear');
    await store.rename(saved.id, 'Old, saved again');
    expect(readFileSync(file, 'utf8')).not.toContain('old-key-body');
    expect((await store.get(saved.id)).options.tls?.keyPem).toBe('-----BEGIN PRIVATE KEY-----old-key-body');
  });

  it('renames, duplicates and deletes', async () => {
    const dir = dataDir();
    const store = new ProfileStore(dir, keychain());
    const original = await store.save({ name: 'Device', options });
    await store.rename(original.id, 'Device 7');
    const copy = await store.duplicate(original.id);
    expect((await store.list()).profiles.map((profile) => profile.name)).toEqual(['Device 7', 'Device 7 (copy)']);
    expect((await store.get(copy.id)).options).toEqual(options);
    await store.delete(original.id);
    expect((await store.list()).profiles.map((profile) => profile.name)).toEqual(['Device 7 (copy)']);
    await expect(store.get('../../etc/passwd')).rejects.toThrow('No profile has the id');
  });

  it('exports without secrets unless asked, and imports what it exported', async () => {
    const store = new ProfileStore(dataDir(), keychain());
    const saved = await store.save({ name: 'Shared', options });
    const plain = await store.export([saved.id]);
    for (const secret of SECRETS) expect(JSON.stringify(plain)).not.toContain(secret);
    const withSecrets = JSON.stringify(await store.export([saved.id], true));
    for (const secret of SECRETS) expect(withSecrets).toContain(secret);

    const other = new ProfileStore(dataDir());
    const result = await other.import(JSON.parse(JSON.stringify(plain)));
    expect(result.problems).toEqual([]);
    expect((await other.get(result.imported[0].id)).options).toMatchObject({ host: 'broker.local', username: 'alice' });
    expect(await other.import({ profiles: [] })).toMatchObject({ imported: [], problems: [expect.stringMatching(/not an MQTT Scope profiles export/)] });
    expect((await other.import({ format: 'mqttscope-profiles', version: 1, profiles: [{ name: 'bad', options: { host: '' } }] })).problems[0]).toMatch(/^Profile 1: /);
  });

  it('loses no change made at once: two templates saved together, and a rename beside them', async () => {
    const store = new ProfileStore(dataDir());
    const saved = await store.save({ name: 'Busy', options });
    const more = Array.from({ length: 5 }, (_, n) => ({ ...greeting, name: `template ${n}` }));
    await Promise.all([...more.map((template) => store.saveTemplate(saved.id, template)), store.rename(saved.id, 'Renamed while saving')]);
    const profile = await store.get(saved.id);
    expect(profile.name).toBe('Renamed while saving');
    expect(profile.templates.map((template) => template.name).sort()).toEqual(more.map((template) => template.name));
  });

  it('keeps publish templates with the profile through a restart, a save over it, a rename, a duplicate, an export and an import', async () => {
    const dir = dataDir();
    const box = keychain();
    const store = new ProfileStore(dir, box);
    const saved = await store.save({ name: 'With templates', options });
    expect(await store.saveTemplate(saved.id, greeting)).toEqual({ templates: [greeting], templateProblems: [] });
    const changed = { ...greeting, publication: { ...greeting.publication, qos: 2 as const } };
    await store.saveTemplate(saved.id, reading);
    expect((await store.saveTemplate(saved.id, changed)).templates).toEqual([changed, reading]);
    // The secrets stay as they were: the file is rewritten without decrypting them.
    expect((await new ProfileStore(dir, box).get(saved.id)).options).toEqual(options);

    const restarted = new ProfileStore(dir, box);
    expect((await restarted.get(saved.id)).templates).toEqual([changed, reading]);
    await restarted.save({ id: saved.id, name: 'With templates', options: { ...options, keepAlive: 10 } });
    await restarted.rename(saved.id, 'Renamed');
    expect((await restarted.get(saved.id)).templates).toEqual([changed, reading]);
    const copy = await restarted.duplicate(saved.id);
    expect((await restarted.get(copy.id)).templates).toEqual([changed, reading]);
    expect((await restarted.deleteTemplate(saved.id, 'Greeting')).templates).toEqual([reading]);
    expect((await restarted.get(copy.id)).templates).toHaveLength(2);

    const exported = await restarted.export([copy.id]);
    expect(exported.profiles[0].templates).toEqual([changed, reading]);
    const other = new ProfileStore(dataDir());
    const result = await other.import(JSON.parse(JSON.stringify(exported)));
    expect(result.problems).toEqual([]);
    expect((await other.get(result.imported[0].id)).templates).toEqual([changed, reading]);
    await expect(restarted.saveTemplate(saved.id, { ...greeting, name: ' ' })).rejects.toThrow('A template needs a name');
  });

  it('reports a corrupt template and still loads the profile and its other templates; the corrupt one stays in the file', async () => {
    const dir = dataDir();
    const store = new ProfileStore(dir);
    const saved = await store.save({ name: 'Hand edited', options: { ...options, password: undefined, tls: undefined, properties: undefined } });
    const file = path.join(dir, 'profiles', `${saved.id}.json`);
    const corrupt = { name: 'Broken', publication: { topic: 't', payloadHex: 'not hex', qos: 7, retain: false }, payloadFormat: 'text' };
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), templates: [greeting, corrupt] }));

    const profile = await store.get(saved.id);
    expect(profile.templates).toEqual([greeting]);
    expect(profile.templateProblems).toHaveLength(1);
    expect(profile.templateProblems[0]).toMatch(/^Template 2 \(“Broken”\) could not be read: publication\.payloadHex: .*publication\.qos: .*; it stays in the profile file as it is$/);
    expect((await store.list()).problems).toEqual([]);
    await store.saveTemplate(saved.id, reading);
    expect(JSON.parse(readFileSync(file, 'utf8')).templates).toEqual([greeting, corrupt, reading]);

    const imported = await new ProfileStore(dataDir()).import({ format: 'mqttscope-profiles', version: 1, profiles: [{ name: 'In', options: profile.options, templates: [corrupt, reading] }, { name: 'Odd', options: profile.options, templates: 'x' }] });
    expect(imported.imported).toHaveLength(2);
    expect(imported.problems).toEqual([expect.stringMatching(/^Profile 1: Template 1 \(“Broken”\) could not be read: .*; it was left out$/), 'Profile 2: its templates are not a list and were left out']);
  });
});

const greeting: PublishTemplate = { name: 'Greeting', publication: { topic: 'hello/world', payloadHex: '6869', qos: 1, retain: true, properties: { contentType: 'text/plain', userProperties: [['k', 'v']] } }, payloadFormat: 'text' };
const reading: PublishTemplate = { name: 'Reading', publication: { topic: 'sensors/1', payloadHex: '7b7d', qos: 0, retain: false }, payloadFormat: 'json' };
