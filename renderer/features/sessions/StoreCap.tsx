// The trace store's size cap, in MB or GB (of 1,024): checked as typed, saved with
// `sessions.settings`; past it the oldest closed sessions go. A cap that would delete sessions
// names them first and saves only once confirmed, sending the ids shown: when the store would
// delete another by then (one closed or grew), it refuses and the new list is shown to confirm.
import { useEffect, useId, useState } from 'react';
import { sessionsPastCap, type SessionSummary } from '@shared/model/session-summary';
import { formatBytes, formatCount, formatWallClock } from '../../ui/format';
import { readCap, shownCap, type CapUnit } from './store-cap';
import { MAX_CONFIRMED_DELETES } from '@shared/limits';

interface StoreCapProps {
  capBytes: number;
  /** The store's sessions as they are now, for what a lower cap would delete. */
  listSessions(): Promise<readonly SessionSummary[]>;
  /** Saves the cap; `deleting`: the sessions the person confirmed it deletes. Rejects, nothing
   *  deleted, when the store would delete any other. */
  onSave(bytes: number, deleting: readonly string[]): Promise<void>;
}

export function StoreCap({ capBytes, listSessions, onSave }: StoreCapProps) {
  const id = useId();
  const [text, setText] = useState(() => shownCap(capBytes).text);
  const [unit, setUnit] = useState<CapUnit>(() => shownCap(capBytes).unit);
  const [saved, setSaved] = useState<string>();
  /** A cap that deletes sessions, waiting to be confirmed. */
  const [pending, setPending] = useState<{ bytes: number; going: readonly SessionSummary[] }>();
  useEffect(() => {
    const next = shownCap(capBytes);
    setText(next.text);
    setUnit(next.unit);
  }, [capBytes]);
  const read = readCap(text, unit);
  const error = 'error' in read ? read.error : undefined;
  const edited = () => {
    setSaved(undefined);
    setPending(undefined);
  };
  const savedText = `Saved: at most ${text} ${unit}.`;
  /** What this cap deletes now: asked for confirmation, or saved when nothing goes. */
  const check = async (bytes: number) => {
    const going = sessionsPastCap(await listSessions(), bytes);
    if (going.length > MAX_CONFIRMED_DELETES) throw new Error(`this cap deletes ${formatCount(going.length)} sessions, more than ${formatCount(MAX_CONFIRMED_DELETES)} at once: lower it in steps`);
    if (going.length > 0) return setPending({ bytes, going });
    await onSave(bytes, []);
    setSaved(savedText);
  };
  const confirmed = async (bytes: number, going: readonly SessionSummary[]) => {
    setPending(undefined);
    try {
      await onSave(bytes, going.map((session) => session.id));
      setSaved(savedText);
    } catch (failure) {
      // Refused (the store would delete more by now) or failed: what goes now, asked again.
      setSaved(`Not saved: ${(failure as Error).message}`);
      const now = sessionsPastCap(await listSessions(), bytes);
      if (now.length > 0 && now.length <= MAX_CONFIRMED_DELETES) setPending({ bytes, going: now });
    }
  };
  /** Kept: the field shows the saved cap again, and says so. */
  const keep = () => {
    const kept = shownCap(capBytes);
    setPending(undefined);
    setText(kept.text);
    setUnit(kept.unit);
    setSaved(`The cap stays ${kept.text} ${kept.unit}.`);
  };
  return (
    <form
      className="store-cap"
      onSubmit={(event) => {
        event.preventDefault();
        if (!('bytes' in read)) return;
        const { bytes } = read;
        void check(bytes).catch((failure: Error) => setSaved(`Not saved: ${failure.message}`));
      }}
    >
      <div className={`field${error ? ' field-invalid' : ''}`}>
        <label htmlFor={`${id}-cap`}>Size cap</label>
        <span className="file-row">
          <input id={`${id}-cap`} inputMode="decimal" value={text} aria-invalid={!!error} aria-describedby={`${id}-note`} onChange={(event) => { setText(event.target.value); edited(); }} />
          <select aria-label="Size cap unit" value={unit} onChange={(event) => { setUnit(event.target.value as CapUnit); edited(); }}>
            <option value="MB">MB</option>
            <option value="GB">GB</option>
          </select>
          <button type="submit" className="small" disabled={!!error || !!pending}>
            Save cap
          </button>
        </span>
        <span id={`${id}-note`} className={error ? 'field-error' : 'field-hint'} role={error ? 'alert' : saved ? 'status' : undefined}>
          {error ?? saved ?? 'Past it, the oldest closed sessions are deleted; an open one never is.'}
        </span>
      </div>
      {pending && <ConfirmDeleting going={pending.going} onDelete={() => void confirmed(pending.bytes, pending.going).catch((failure: Error) => setSaved(`Not saved: ${failure.message}`))} onKeep={keep} />}
    </form>
  );
}

function ConfirmDeleting({ going, onDelete, onKeep }: { going: readonly SessionSummary[]; onDelete(): void; onKeep(): void }) {
  const id = useId();
  const count = `${going.length} session${going.length === 1 ? '' : 's'}`;
  return (
    <div className="banner banner-warning" role="alertdialog" aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`}>
        This cap deletes {count} ({formatBytes(going.reduce((sum, session) => sum + session.bytes, 0))}), the oldest first:
      </p>
      <ul aria-label="Sessions the cap deletes">
        {going.map((session) => (
          <li key={session.id}>
            {session.clientId === '' ? '(empty client id)' : session.label} <span className="muted">{session.broker ?? ''} {formatWallClock(session.startTime).slice(0, 19)} · {formatBytes(session.bytes)}</span>
          </li>
        ))}
      </ul>
      <div className="button-row">
        <button type="button" className="small danger" onClick={onDelete}>
          Delete {count} and save the cap
        </button>
        <button type="button" className="small" autoFocus onClick={onKeep}>
          Keep them
        </button>
      </div>
    </div>
  );
}
