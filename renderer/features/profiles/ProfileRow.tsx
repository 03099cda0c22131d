// One saved profile in the list: open it, or rename, duplicate or delete it in place.
import { useState } from 'react';
import type { ProfileSummary } from '@shared/model/profile';

const SECRETS_TEXT = { encrypted: 'password encrypted', locked: 'password encrypted by a keychain not reachable now', session: 'password kept until the app stops', clear: 'password in clear text', none: '' } as const;

interface ProfileRowProps {
  profile: ProfileSummary;
  current: boolean;
  onOpen(): void;
  onRename(name: string): Promise<void>;
  onDuplicate(): Promise<void>;
  onDelete(): Promise<void>;
}

export function ProfileRow({ profile, current, onOpen, onRename, onDuplicate, onDelete }: ProfileRowProps) {
  const [mode, setMode] = useState<'view' | 'rename' | 'delete'>('view');
  const [name, setName] = useState(profile.name);

  if (mode === 'rename') {
    return (
      <li className="profile-row">
        <input
          aria-label={`New name for ${profile.name}`}
          value={name}
          autoFocus
          onChange={(event) => setName(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') void onRename(name).then(() => setMode('view'));
            if (event.key === 'Escape') setMode('view');
          }}
        />
        <button type="button" className="small" onClick={() => void onRename(name).then(() => setMode('view'))}>
          OK
        </button>
      </li>
    );
  }
  if (mode === 'delete') {
    return (
      <li className="profile-row" role="group" aria-label={`Delete ${profile.name}?`}>
        <span>Delete “{profile.name}”?</span>
        <button type="button" className="small danger" onClick={() => void onDelete()}>
          Delete
        </button>
        <button type="button" className="small" onClick={() => setMode('view')}>
          Keep
        </button>
      </li>
    );
  }
  return (
    <li className={`profile-row${current ? ' current' : ''}`}>
      <button type="button" className="profile-open" aria-current={current || undefined} onClick={onOpen}>
        {profile.name}
      </button>
      <span className="muted profile-target">
        {profile.target}
        {SECRETS_TEXT[profile.secrets] && ` · ${SECRETS_TEXT[profile.secrets]}`}
      </span>
      <span className="profile-actions">
        <button type="button" className="small" aria-label={`Rename ${profile.name}`} onClick={() => { setName(profile.name); setMode('rename'); }}>
          Rename
        </button>
        <button type="button" className="small" aria-label={`Duplicate ${profile.name}`} onClick={() => void onDuplicate()}>
          Duplicate
        </button>
        <button type="button" className="small" aria-label={`Delete ${profile.name}`} onClick={() => setMode('delete')}>
          Delete
        </button>
      </span>
    </li>
  );
}
