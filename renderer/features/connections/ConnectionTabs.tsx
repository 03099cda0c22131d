// Every connection open in the app, as tabs grouped by whose it is: this app's clients, the
// local broker's and the proxy's. Each opens in the same packet and timeline views.
import { useStore } from '../../store';
import type { ConnectionView } from '../../store/connections-slice';
import { ORIGIN_TEXT, viewStatusText } from './connection-label';
import { useConnectionLabels } from './useConnectionLabels';

/** A group with more connections than this shows the newest (and the active one) as tabs, and
 *  all of them in a list to pick from: a broker with hundreds of clients stays readable. */
const TABS_SHOWN = 6;

export function ConnectionTabs() {
  const connections = useStore((state) => state.connections);
  const activeId = useStore((state) => state.activeId);
  const activate = useStore((state) => state.activate);
  const dismiss = useStore((state) => state.dismiss);
  const labels = useConnectionLabels();
  const all = Object.values(connections).sort((a, b) => a.openedAt - b.openedAt);
  if (all.length === 0) return null;
  // Past sessions reopened from the store or a file are a group of their own, whoever recorded them.
  const groups = (['client', 'broker', 'proxy', 'recorded'] as const)
    .map((origin) => [origin, all.filter((connection) => (connection.recorded ? 'recorded' : connection.story.origin) === origin)] as const)
    .filter(([, list]) => list.length > 0);

  return (
    <nav className="connection-tabs" aria-label="Connections">
      {groups.map(([origin, list]) => (
        <div key={origin} className="tab-group">
          <span className="tab-group-name">{ORIGIN_TEXT[origin]}</span>
          <div role="tablist" aria-label={`${ORIGIN_TEXT[origin]} connections`}>
            {shownTabs(list, activeId).map((connection) => (
              <Tab key={connection.id} connection={connection} label={labels.get(connection.id)!} active={connection.id === activeId} onActivate={() => activate(connection.id)} onDismiss={() => dismiss(connection.id)} />
            ))}
          </div>
          {list.length > TABS_SHOWN && (
            <select aria-label={`All ${list.length} ${ORIGIN_TEXT[origin].toLowerCase()} connections`} value="" onChange={(event) => event.target.value && activate(event.target.value)}>
              <option value="">All {list.length}…</option>
              {list.map((connection) => (
                <option key={connection.id} value={connection.id}>
                  {labels.get(connection.id)} — {viewStatusText(connection)}
                </option>
              ))}
            </select>
          )}
        </div>
      ))}
    </nav>
  );
}

function shownTabs(list: ConnectionView[], activeId: string | undefined): ConnectionView[] {
  if (list.length <= TABS_SHOWN) return list;
  const newest = list.slice(-TABS_SHOWN);
  const active = list.find((connection) => connection.id === activeId);
  return active && !newest.includes(active) ? [active, ...newest.slice(1)] : newest;
}

function Tab({ connection, label, active, onActivate, onDismiss }: { connection: ConnectionView; label: string; active: boolean; onActivate(): void; onDismiss(): void }) {
  const open = connection.status === 'connecting' || connection.status === 'connected';
  return (
    <span className={`tab${active ? ' active' : ''}`}>
      <button type="button" role="tab" aria-selected={active} title={`${label} — ${viewStatusText(connection)}`} onClick={onActivate}>
        <span className={`dot status-${connection.status}`} aria-hidden="true">●</span> {label}
      </button>
      {!open && (
        <button type="button" className="tab-close" aria-label={`Close tab ${label}`} onClick={onDismiss}>
          ×
        </button>
      )}
    </span>
  );
}
