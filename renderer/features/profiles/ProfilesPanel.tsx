// Saved connections: pick one to fill the form, save the form as one, rename, duplicate, delete,
// import and export. Files the engine could not read are listed, never hidden.
import { useCallback, useEffect, useState } from 'react';
import type { ProfileSummary } from '@shared/model/profile';
import { defaultProfileName, parseConnectForm } from '@shared/model/connect-form';
import { useStore } from '../../store';
import { importedText, importProfilesFile } from '../../api/import-profiles';
import { downloadJson } from '../../ui/download';
import { ProfileRow } from './ProfileRow';

export function ProfilesPanel() {
  const api = useStore((state) => state.api);
  const form = useStore((state) => state.form);
  const profiles = useStore((state) => state.profiles);
  const problems = useStore((state) => state.profileProblems);
  const refreshProfiles = useStore((state) => state.refreshProfiles);
  const loadProfile = useStore((state) => state.loadProfile);
  const [encrypted, setEncrypted] = useState(true);
  const [secretsNote, setSecretsNote] = useState<string>();
  const [keepInClear, setKeepInClear] = useState(false);
  const [includeSecrets, setIncludeSecrets] = useState(false);
  // The current profile lives in the store: a connection opened while it is current (and the form
  // still connects as it does) keeps its publish templates.
  const current = useStore((state) => state.currentProfile);
  const chooseProfile = useStore((state) => state.chooseProfile);
  const renameProfile = useStore((state) => state.renameProfile);
  const forgetProfile = useStore((state) => state.forgetProfile);
  const [name, setName] = useState(current?.name ?? '');
  // A profile opened elsewhere (the navigator, the palette) names what Save profile saves over.
  useEffect(() => setName(current?.name ?? ''), [current?.id, current?.name]);
  const [message, setMessage] = useState<{ text: string; error?: boolean }>();

  const run = useCallback(
    async (action: () => Promise<unknown>) => {
      try {
        await action();
      } catch (error) {
        setMessage({ text: (error as Error).message, error: true });
      }
    },
    [],
  );

  const refresh = useCallback(() => run(refreshProfiles), [run, refreshProfiles]);

  useEffect(() => {
    void api?.request('app.info', {}).then((info) => {
      setEncrypted(info.secretsEncrypted);
      setSecretsNote(info.secretsNote);
    }, () => {});
  }, [api]);

  // Without a name typed, the profile is named after its client id and broker.
  const fallbackName = defaultProfileName(form);
  const nameToSave = name.trim() || fallbackName;
  const overwrite = current && nameToSave === current.name;

  async function save() {
    const parsed = parseConnectForm(form);
    if (!parsed.ok) {
      setMessage({ text: 'Fix the connection form before saving it.', error: true });
      return;
    }
    await run(async () => {
      const saved = await api!.request('profiles.save', { ...(overwrite ? { id: current.id } : {}), name: nameToSave, options: parsed.options, ...(keepInClear ? { keepSecretsInClear: true } : {}) });
      // Saved over, it keeps its templates; saved as new, it has none yet. Connecting with this
      // form now opens a connection of this profile.
      chooseProfile(saved, undefined, form);
      setName(saved.name);
      setMessage({ text: `Saved “${saved.name}”.` });
      await refresh();
    });
  }

  async function open(profile: ProfileSummary) {
    await run(async () => {
      await loadProfile(profile);
      setMessage(undefined);
    });
  }

  async function exportProfiles() {
    await run(async () => {
      const document = await api!.request('profiles.export', { ids: profiles.map((profile) => profile.id), includeSecrets });
      downloadJson(document, 'mqtt-scope-profiles.mqttprofiles');
      setMessage({ text: `Exported ${document.profiles.length} profile(s)${includeSecrets ? ', passwords included' : ', without passwords'}.` });
    });
  }

  async function importProfiles(file: File) {
    await run(async () => {
      const result = await importProfilesFile(api!, file);
      setMessage({ text: [importedText(result.imported, file.name), ...result.problems].join(' '), error: result.problems.length > 0 });
      await refresh();
    });
  }

  return (
    <section className="card profiles" aria-labelledby="profiles-title">
      <h2 id="profiles-title">Profiles</h2>
      {profiles.length === 0 ? (
        <p className="muted">No saved profiles.</p>
      ) : (
        <ul className="profile-list" aria-label="Saved profiles">
          {profiles.map((profile) => (
            <ProfileRow
              key={profile.id}
              profile={profile}
              current={profile.id === current?.id}
              onOpen={() => void open(profile)}
              onRename={(newName) => run(async () => {
                const renamed = await api!.request('profiles.rename', { id: profile.id, name: newName });
                renameProfile(renamed);
                if (current?.id === profile.id) setName(renamed.name);
                await refresh();
              })}
              onDuplicate={() => run(async () => {
                await api!.request('profiles.duplicate', { id: profile.id });
                await refresh();
              })}
              onDelete={() => run(async () => {
                await api!.request('profiles.delete', { id: profile.id });
                forgetProfile(profile.id);
                await refresh();
              })}
            />
          ))}
        </ul>
      )}
      <div className="field">
        <label htmlFor="profile-name">Profile name</label>
        <input id="profile-name" value={name} placeholder={fallbackName} aria-describedby="profile-name-note" onChange={(event) => setName(event.target.value)} />
        <span id="profile-name-note" className="field-hint">
          {overwrite ? `Saves over “${current.name}”` : name.trim() ? 'Saves a new profile' : `Saves a new profile named “${fallbackName}”`}
        </span>
      </div>
      {!encrypted && (
        <div className="secrets-choice">
          <p className="field-hint">{secretsNote}</p>
          <label className="inline-label">
            <input type="checkbox" checked={keepInClear} onChange={(event) => setKeepInClear(event.target.checked)} /> Keep passwords on disk in clear text
          </label>
          {keepInClear && (
            <p className="banner banner-warning" role="note">
              Passwords will be written unencrypted in the profile file; anyone who can read your files can read them.
            </p>
          )}
        </div>
      )}
      <div className="button-row">
        <button type="button" onClick={() => void save()} disabled={!api}>
          Save profile
        </button>
      </div>
      <div className="button-row">
        <button type="button" className="small" onClick={() => void exportProfiles()} disabled={!api || profiles.length === 0}>
          Export
        </button>
        <label className="inline-label">
          <input type="checkbox" checked={includeSecrets} onChange={(event) => setIncludeSecrets(event.target.checked)} /> with passwords
        </label>
        <label className="button small file-button">
          Import…
          <input
            type="file"
            accept="application/json,.json,.mqttprofiles"
            aria-label="Import profiles"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void importProfiles(file);
            }}
          />
        </label>
      </div>
      {message && (
        <p className={message.error ? 'field-error' : 'field-hint'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {problems.length > 0 && (
        <ul className="problems" aria-label="Profile files that could not be read">
          {problems.map((problem) => (
            <li key={problem.file}>
              {problem.file}: {problem.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
