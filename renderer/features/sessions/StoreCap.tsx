// The trace store's size cap, in MB or GB (of 1,024): checked as typed, saved with
// `sessions.settings`; past it the oldest closed sessions go.
import { useEffect, useId, useState } from 'react';
import { readCap, shownCap, type CapUnit } from './store-cap';

export function StoreCap({ capBytes, onSave }: { capBytes: number; onSave(bytes: number): Promise<void> }) {
  const id = useId();
  const [text, setText] = useState(() => shownCap(capBytes).text);
  const [unit, setUnit] = useState<CapUnit>(() => shownCap(capBytes).unit);
  const [saved, setSaved] = useState<string>();
  useEffect(() => {
    const next = shownCap(capBytes);
    setText(next.text);
    setUnit(next.unit);
  }, [capBytes]);
  const read = readCap(text, unit);
  const error = 'error' in read ? read.error : undefined;
  return (
    <form
      className="store-cap"
      onSubmit={(event) => {
        event.preventDefault();
        if ('bytes' in read) void onSave(read.bytes).then(() => setSaved(`Saved: at most ${text} ${unit}.`));
      }}
    >
      <div className={`field${error ? ' field-invalid' : ''}`}>
        <label htmlFor={`${id}-cap`}>Size cap</label>
        <span className="file-row">
          <input id={`${id}-cap`} inputMode="decimal" value={text} aria-invalid={!!error} aria-describedby={`${id}-note`} onChange={(event) => { setText(event.target.value); setSaved(undefined); }} />
          <select aria-label="Size cap unit" value={unit} onChange={(event) => { setUnit(event.target.value as CapUnit); setSaved(undefined); }}>
            <option value="MB">MB</option>
            <option value="GB">GB</option>
          </select>
          <button type="submit" className="small" disabled={!!error}>
            Save cap
          </button>
        </span>
        <span id={`${id}-note`} className={error ? 'field-error' : 'field-hint'} role={error ? 'alert' : saved ? 'status' : undefined}>
          {error ?? saved ?? 'Past it, the oldest closed sessions are deleted; an open one never is.'}
        </span>
      </div>
    </form>
  );
}
