// The sessions chosen in the navigator saved as one file: a saved trace (.mqtrace) or pcapng
// for Wireshark; passwords and authentication data blanked unless the person asks otherwise.
import { useId, useState } from 'react';
import { useSaveSessions } from './useSaveSessions';

export function SaveSessions({ ids }: { ids: string[] }) {
  const { busy, status, save, ready } = useSaveSessions();
  const [includeSecrets, setIncludeSecrets] = useState(false);
  const warningId = useId();
  const none = ids.length === 0;
  const disabled = !ready || busy || none;
  return (
    <div className="save-sessions" role="group" aria-label="Save sessions">
      <div className="button-row">
        <span className="muted">{none ? 'Choose sessions to save them.' : `${ids.length} chosen`}</span>
        <button type="button" className="small" disabled={disabled} onClick={() => void save(ids, 'trace', includeSecrets)}>
          Save…
        </button>
        <button type="button" className="small" disabled={disabled} onClick={() => void save(ids, 'pcapng', includeSecrets)}>
          Export for Wireshark (pcapng)
        </button>
      </div>
      <label className="inline-label">
        <input type="checkbox" checked={includeSecrets} aria-describedby={includeSecrets ? warningId : undefined} onChange={(event) => setIncludeSecrets(event.target.checked)} />
        Include passwords and authentication data
      </label>
      {includeSecrets && (
        <p id={warningId} className="save-warning">
          The file will hold the passwords as they were sent: share it only with people who may know them.
        </p>
      )}
      {(busy || status?.ok) && (
        <p className="muted" role="status" aria-label="Save outcome">
          {busy ? 'Saving…' : status?.text}
        </p>
      )}
      {status && !status.ok && <p className="save-error" role="alert">{status.text}</p>}
    </div>
  );
}
