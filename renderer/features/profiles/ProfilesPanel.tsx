// Saved connections: pick one to fill the form, or save the form as one. Files the engine could
// not read are listed, not hidden.
import { useCallback, useEffect, useState } from 'react';
import type { ProfileProblem, ProfileSummary } from '@shared/model/profile';
import { parseConnectForm } from '@shared/model/connect-options';
import { useStore } from '../../store';

export function ProfilesPanel() {
  const api = useStore((state) => state.api);
  const form = useStore((state) => state.form);
  const loadOptions = useStore((state) => state.loadOptions);
  const [profiles, setProfiles] = useState<ProfileSummary[]>([]);
  const [problems, setProblems] = useState<ProfileProblem[]>([]);
  const [encrypted, setEncrypted] = useState(true);
  const [name, setName] = useState('');
  const [message, setMessage] = useState<string>();

  const refresh = useCallback(async () => {
    if (!api) return;
    try {
      const listed = await api.request('profiles.list', {});
      setProfiles(listed.profiles);
      setProblems(listed.problems);
    } catch (error) {
      setMessage((error as Error).message);
    }
  }, [api]);

  useEffect(() => {
    void refresh();
    void api?.request('app.info', {}).then((info) => setEncrypted(info.secretsEncrypted), () => {});
  }, [api, refresh]);

  async function save() {
    if (!api) return;
    const parsed = parseConnectForm(form);
    if (!parsed.ok) {
      setMessage('Fix the connection form before saving it.');
      return;
    }
    try {
      await api.request('profiles.save', { name, options: parsed.options });
      setName('');
      setMessage(undefined);
      await refresh();
    } catch (error) {
      setMessage((error as Error).message);
    }
  }

  async function open(id: string) {
    if (!api) return;
    try {
      loadOptions((await api.request('profiles.get', { id })).options);
    } catch (error) {
      setMessage((error as Error).message);
    }
  }

  return (
    <section className="card profiles" aria-labelledby="profiles-title">
      <h2 id="profiles-title">Profiles</h2>
      {profiles.length === 0 ? (
        <p className="muted">No saved profiles.</p>
      ) : (
        <ul className="profile-list">
          {profiles.map((profile) => (
            <li key={profile.id}>
              <button type="button" onClick={() => void open(profile.id)}>
                {profile.name}
              </button>{' '}
              <span className="muted">{profile.target}</span>
            </li>
          ))}
        </ul>
      )}
      <div className="field">
        <label htmlFor="profile-name">Profile name</label>
        <input id="profile-name" value={name} onChange={(event) => setName(event.target.value)} />
      </div>
      <button type="button" onClick={() => void save()} disabled={!api}>
        Save profile
      </button>
      {!encrypted && <p className="field-hint">This browser-mode session has no OS keychain: saved passwords are kept only until the app stops.</p>}
      {message && (
        <p className="field-error" role="alert">
          {message}
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
