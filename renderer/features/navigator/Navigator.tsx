// The left pane: every connection and recorded session as a tree grouped by whose it is, the
// saved profiles, a filter, and what can be done with a session (open, save, delete, close).
// Only the rows in view are drawn, so 10,000 sessions scroll as smoothly as ten.
import { useVirtualizer } from '@tanstack/react-virtual';
import { FolderOpen } from 'lucide-react';
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { OPEN_FILE_ACCEPT } from '@shared/model/file-kinds';
import { useStore } from '../../store';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { labelsOf } from '../connections/connection-label';
import { SaveSessions } from '../save/SaveSessions';
import { useSaveSessions, type SaveFormat } from '../save/useSaveSessions';
import { navigatorRows, type NavigatorItem, type NavigatorRow } from './navigator-tree';
import { NavigatorRowView, rowHeight } from './NavigatorRowView';

function toggled(before: ReadonlySet<string>, key: string, on = !before.has(key)): ReadonlySet<string> {
  const after = new Set(before);
  if (on) after.add(key);
  else after.delete(key);
  return after;
}

export function Navigator() {
  const views = useStore((state) => state.connections);
  const labels = useStore((state) => labelsOf(state.connections));
  const sessionList = useStore((state) => state.sessionList);
  const listError = useStore((state) => state.sessionListError);
  const profiles = useStore((state) => state.profiles);
  const activeId = useStore((state) => state.activeId);
  const view = useStore((state) => state.view);
  const currentProfile = useStore((state) => state.currentProfile);
  const [filter, setFilter] = useState('');
  const [foldToggles, setFoldToggles] = useState<ReadonlySet<string>>(new Set());
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [deleting, setDeleting] = useState<NavigatorItem>();
  const [error, setError] = useState<string>();
  const [focusIndex, setFocusIndex] = useState(0);
  const saving = useSaveSessions();

  const rows = useMemo(
    () => navigatorRows({ views, labels, sessions: sessionList?.sessions ?? [], profiles, filter, toggled: foldToggles, activeId: view === 'connection' ? activeId : undefined }),
    [views, labels, sessionList, profiles, filter, foldToggles, activeId, view],
  );
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: (index) => rowHeight(rows[index]), overscan: 12 });
  const focused = Math.min(focusIndex, Math.max(0, rows.length - 1));

  const run = async (action: () => Promise<unknown>) => {
    try {
      setError(undefined);
      await action();
    } catch (failure) {
      setError((failure as Error).message);
    }
  };

  const act = (row: NavigatorRow) => {
    const state = useStore.getState();
    if (row.kind === 'group') return setFoldToggles((before) => toggled(before, row.key));
    if (row.kind === 'profile') {
      return void run(async () => {
        await state.loadProfile(row.profile);
        state.showView('form');
      });
    }
    if (row.item.inView) return state.activate(row.item.id);
    const session = state.sessionList?.sessions.find((candidate) => candidate.id === row.item.id);
    if (session) void run(() => state.openSession(session));
  };

  const moveFocus = (index: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, index));
    setFocusIndex(next);
    virtualizer.scrollToIndex(next);
    // The row may be drawn only after the scroll: focus it once it is there.
    requestAnimationFrame(() => scroller.current?.querySelector<HTMLElement>(`[data-index="${next}"]`)?.focus());
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const row = rows[focused];
    if (!row || event.target !== event.currentTarget.querySelector(`[data-index="${focused}"]`)) return;
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveFocus(focused + 1),
      ArrowUp: () => moveFocus(focused - 1),
      Home: () => moveFocus(0),
      End: () => moveFocus(rows.length - 1),
      ArrowRight: () => row.kind === 'group' && !row.expanded && act(row),
      ArrowLeft: () => row.kind === 'group' && row.expanded && act(row),
      Enter: () => act(row),
      ' ': () => act(row),
    };
    const handler = keys[event.key];
    if (!handler) return;
    event.preventDefault();
    handler();
  };

  const saveOne = (item: NavigatorItem, format: SaveFormat) => void saving.save([item.id], format);
  const storedIds = new Set(sessionList?.sessions.map((session) => session.id));
  const chosenIds = [...chosen].filter((id) => storedIds.has(id));

  return (
    <section className="navigator" aria-label="Navigator" data-pane="navigator">
      <div className="navigator-head">
        <h2>Connections</h2>
        <OpenFileButton />
      </div>
      <input className="navigator-filter" type="search" aria-label="Filter connections and sessions" placeholder="Filter: client id, broker, status" value={filter} onChange={(event) => setFilter(event.target.value)} />
      <ErrorAlert error={error ?? listError} />
      <div ref={scroller} className="navigator-scroller">
        {rows.length === 0 ? (
          <p className="empty-state">{filter ? 'Nothing matches the filter.' : 'No connections yet.'}</p>
        ) : (
          <div role="tree" aria-label="Connections and sessions" className={`navigator-tree${chosenIds.length > 0 ? ' choosing' : ''}`} style={{ height: virtualizer.getTotalSize() }} onKeyDown={onKeyDown}>
            {virtualizer.getVirtualItems().map((virtual) => {
              const row = rows[virtual.index];
              const active =
                (row.kind === 'item' && row.item.id === activeId && view === 'connection') || (row.kind === 'profile' && row.profile.id === currentProfile?.id && view === 'form');
              return (
                <NavigatorRowView
                  key={row.key}
                  row={row}
                  index={virtual.index}
                  top={virtual.start}
                  active={active}
                  focusable={virtual.index === focused}
                  chosen={row.kind === 'item' && chosen.has(row.item.id)}
                  onFocus={() => setFocusIndex(virtual.index)}
                  onAct={() => act(row)}
                  onChoose={(on) => row.kind === 'item' && setChosen((before) => toggled(before, row.item.id, on))}
                  onSave={(format) => row.kind === 'item' && saveOne(row.item, format)}
                  onDelete={() => row.kind === 'item' && setDeleting(row.item)}
                  onClose={() => row.kind === 'item' && useStore.getState().dismiss(row.item.id)}
                />
              );
            })}
          </div>
        )}
      </div>
      {deleting && (
        <div className="navigator-confirm" role="group" aria-label={`Delete ${deleting.label}?`}>
          <span>Delete “{deleting.label}” from the store?</span>
          <button
            type="button"
            className="small danger"
            onClick={() =>
              void run(async () => {
                const target = deleting;
                setDeleting(undefined);
                const state = useStore.getState();
                await state.api!.request('sessions.delete', { id: target.id });
                if (state.connections[target.id] && !target.open) state.dismiss(target.id);
                await state.refreshSessions();
              })
            }
          >
            Delete
          </button>
          <button type="button" className="small" onClick={() => setDeleting(undefined)}>
            Keep
          </button>
        </div>
      )}
      {chosenIds.length > 0 && <SaveSessions ids={chosenIds} />}
      {(saving.busy || saving.status) && (
        <p className={saving.status && !saving.status.ok ? 'save-error' : 'muted'} role="status" aria-label="Save outcome">
          {saving.busy ? 'Saving…' : saving.status?.text}
        </p>
      )}
    </section>
  );
}

function OpenFileButton() {
  const api = useStore((state) => state.api);
  const openFiles = useStore((state) => state.openFiles);
  const openingFile = useStore((state) => state.openingFile);
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="icon-button" disabled={!api || openingFile !== undefined} title={openingFile ? `Opening ${openingFile}…` : 'Open a saved trace, a capture or exported profiles (or drop a file anywhere on the window)'} onClick={() => input.current?.click()}>
        <FolderOpen aria-hidden="true" size={16} />
        <span className="icon-label">Open file…</span>
      </button>
      <input
        ref={input}
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
    </>
  );
}
