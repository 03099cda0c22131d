// What the trace store holds: every recorded session, the open ones too, newest first; each
// opened in the inspector's views or deleted; the store's size cap; files opened from here or
// dropped anywhere on the window.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RequestResults } from '@shared/contract';
import type { SessionSummary } from '@shared/model/session-summary';
import { OPEN_FILE_ACCEPT } from '@shared/model/file-kinds';
import { useStore } from '../../store';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { SaveSessions } from '../save/SaveSessions';
import { SessionRow } from './SessionRow';
import { sessionListItems } from './session-list';
import { StoreCap } from './StoreCap';
import { QuitMode } from './QuitMode';

/** A change of the connections is read after this long (a burst of them is one read). */
const SETTLE_MS = 300;
/** Open sessions grow: their counts are read again this often while the page is seen. */
const OPEN_REFRESH_MS = 3_000;

/** The set with `key` in it (`on`) or out of it; by default, the other way than now. */
function toggled(before: ReadonlySet<string>, key: string, on = !before.has(key)): ReadonlySet<string> {
  const after = new Set(before);
  if (on) after.add(key);
  else after.delete(key);
  return after;
}

export function SessionsPanel() {
  const api = useStore((state) => state.api);
  const stamp = useStore((state) => state.recordingsStamp);
  const openSession = useStore((state) => state.openSession);
  const openFiles = useStore((state) => state.openFiles);
  const openingFile = useStore((state) => state.openingFile);
  const [listed, setListed] = useState<RequestResults['sessions.list']>();
  const [error, setError] = useState<string>();
  const fileInput = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  /** Lab runs unfolded here (each folded until asked). */
  const [unfolded, setUnfolded] = useState<ReadonlySet<string>>(new Set());

  const run = useCallback(async (action: () => Promise<unknown>) => {
    try {
      setError(undefined);
      await action();
    } catch (failure) {
      setError((failure as Error).message);
    }
  }, []);

  const refresh = useCallback(() => run(async () => api && setListed(await api.request('sessions.list', {}))), [api, run]);

  // A burst of changes is one read, SETTLE_MS after its first: a steady stream of them (a lab
  // run) still gets read, where putting the read off at each change would never read.
  const settling = useRef<ReturnType<typeof setTimeout>>(undefined);
  const latestRefresh = useRef(refresh);
  latestRefresh.current = refresh;
  useEffect(() => {
    settling.current ??= setTimeout(() => {
      settling.current = undefined;
      void latestRefresh.current();
    }, SETTLE_MS);
  }, [refresh, stamp]);
  useEffect(() => () => clearTimeout(settling.current), []);

  const anyOpen = listed?.sessions.some((session) => session.open) ?? false;
  useEffect(() => {
    if (!anyOpen) return;
    const timer = setInterval(() => document.hidden || void refresh(), OPEN_REFRESH_MS);
    return () => clearInterval(timer);
  }, [anyOpen, refresh]);

  const sessions = listed?.sessions ?? [];
  // Only what is still listed stays chosen (a deleted or capped session goes).
  const chosenIds = sessions.filter((session) => chosen.has(session.id)).map((session) => session.id);
  const choose = (id: string, on: boolean) => setChosen((before) => toggled(before, id, on));
  const row = (session: SessionSummary) => (
    <SessionRow
      key={session.id}
      session={session}
      chosen={chosen.has(session.id)}
      onChoose={(on) => choose(session.id, on)}
      onOpen={() => void run(() => openSession(session))}
      onDelete={() => run(async () => {
        await api!.request('sessions.delete', { id: session.id });
        await refresh();
      })}
    />
  );
  return (
    <section className="card sessions" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Sessions</h2>
      <div className="button-row">
        <button type="button" className="small" disabled={!api || openingFile !== undefined} onClick={() => fileInput.current?.click()}>
          Open file…
        </button>
        <input
          ref={fileInput}
          hidden
          type="file"
          aria-label="Open file"
          accept={OPEN_FILE_ACCEPT}
          multiple
          onChange={(event) => {
            const files = [...(event.currentTarget.files ?? [])];
            event.currentTarget.value = '';
            void openFiles(files);
          }}
        />
        <span className="muted">{openingFile ? `Opening ${openingFile}…` : 'or drop a file anywhere on the window'}</span>
      </div>
      <ErrorAlert error={error} />
      {sessions.length === 0 ? (
        <p className="muted">{listed ? 'No recorded sessions.' : 'Reading the recorded sessions…'}</p>
      ) : (
        <div className="sessions-table-frame">
          <table className="sessions-table" aria-label="Recorded sessions">
            <thead>
              <tr>
                <th scope="col">Client id, broker, time</th>
                <th scope="col">Outcome</th>
                <th scope="col">Packets, size</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {sessionListItems(sessions).flatMap((item) => {
                if (item.kind === 'session') return [row(item.session)];
                const open = unfolded.has(item.key);
                const recording = item.sessions.filter((session) => session.open).length;
                return [
                  <tr key={item.key} className="session-lab-run">
                    <td colSpan={4}>
                      <button type="button" className="small" aria-expanded={open} onClick={() => setUnfolded((before) => toggled(before, item.key))}>
                        {`${open ? '▾' : '▸'} ${item.name} · ${item.sessions.length} session${item.sessions.length === 1 ? '' : 's'}${recording > 0 ? `, ${recording} recording` : ''}`}
                      </button>
                    </td>
                  </tr>,
                  ...(open ? item.sessions.map(row) : []),
                ];
              })}
            </tbody>
          </table>
        </div>
      )}
      {sessions.length > 0 && <SaveSessions ids={chosenIds} />}
      {listed && (
        <StoreCap
          capBytes={listed.capBytes}
          listSessions={async () => (await api!.request('sessions.list', {})).sessions}
          onSave={async (capBytes, deleting) => {
            // A refusal reaches StoreCap, which shows what goes now; the list is read either way.
            try {
              await api!.request('sessions.settings', { capBytes, deleting: [...deleting] });
            } finally {
              await refresh();
            }
          }}
        />
      )}
      <QuitMode />
      {listed && listed.problems.length > 0 && (
        <ul className="problems" aria-label="Trace store problems">
          {listed.problems.map((problem, index) => (
            <li key={index}>{problem}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
