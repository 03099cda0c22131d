// What closing the app does to its open connections: DISCONNECT (no will), or drop them as a
// crash would (the brokers publish the wills). Kept by the engine in the data folder.
import { useEffect, useId, useState } from 'react';
import { useStore } from '../../store';

type OnQuit = 'disconnect' | 'drop';

export function QuitMode() {
  const api = useStore((state) => state.api);
  const id = useId();
  const [onQuit, setOnQuit] = useState<OnQuit>();
  const [note, setNote] = useState<string>();
  useEffect(() => {
    api?.request('app.settings', {}).then(({ onQuit: current }) => setOnQuit(current), () => {});
  }, [api]);
  if (!api || !onQuit) return null;
  return (
    <div className="field">
      <label htmlFor={`${id}-quit`}>When the app closes</label>
      <select
        id={`${id}-quit`}
        value={onQuit}
        aria-describedby={`${id}-quit-note`}
        onChange={(event) => {
          const chosen = event.target.value as OnQuit;
          api.request('app.settings', { onQuit: chosen }).then(
            (saved) => {
              setOnQuit(saved.onQuit);
              setNote('Saved.');
            },
            (error: Error) => setNote(`Not saved: ${error.message}`),
          );
        }}
      >
        <option value="disconnect">End each connection with DISCONNECT</option>
        <option value="drop">Drop them without DISCONNECT (the wills are published)</option>
      </select>
      <span id={`${id}-quit-note`} className="field-hint" role={note ? 'status' : undefined}>
        {note ?? 'Connections this app has open when it closes.'}
      </span>
    </div>
  );
}
