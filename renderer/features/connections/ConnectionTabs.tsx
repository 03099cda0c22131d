// Every connection open in the app, as tabs grouped by whose it is (see connection-groups): this
// app's own, each lab run (folded), the local broker's and the proxy's. Each opens in the same
// packet and timeline views.
import { useState } from 'react';
import { useStore } from '../../store';
import type { ConnectionView } from '../../store/connections-slice';
import { connectionGroups, shownTabs, TABS_SHOWN, type ConnectionGroup } from './connection-groups';
import { viewStatusText } from './connection-label';
import { useConnectionLabels } from './useConnectionLabels';

export function ConnectionTabs() {
  const connections = useStore((state) => state.connections);
  const activeId = useStore((state) => state.activeId);
  const activate = useStore((state) => state.activate);
  const dismiss = useStore((state) => state.dismiss);
  const labels = useConnectionLabels();
  const [unfolded, setUnfolded] = useState<ReadonlySet<string>>(new Set());
  const groups = connectionGroups(Object.values(connections));
  if (groups.length === 0) return null;
  const toggle = (key: string) => setUnfolded((before) => {
    const after = new Set(before);
    if (!after.delete(key)) after.add(key);
    return after;
  });

  return (
    <nav className="connection-tabs" aria-label="Connections">
      {groups.map((group) => {
        const folded = group.folded && !unfolded.has(group.key);
        const tabs = shownTabs(group.connections, activeId, folded);
        return (
          <div key={group.key} className="tab-group">
            {group.folded ? (
              <button type="button" className="tab-group-name tab-group-toggle" aria-expanded={!folded} onClick={() => toggle(group.key)}>
                <span aria-hidden="true">{folded ? '▸' : '▾'}</span> {group.name} ({group.connections.length} connection{group.connections.length === 1 ? '' : 's'})
              </button>
            ) : (
              <span className="tab-group-name">{group.name}</span>
            )}
            {tabs.length > 0 && (
              <div role="tablist" aria-label={`${group.name} connections`}>
                {tabs.map((connection) => (
                  <Tab key={connection.id} connection={connection} label={labels.get(connection.id)!} active={connection.id === activeId} onActivate={() => activate(connection.id)} onDismiss={() => dismiss(connection.id)} />
                ))}
              </div>
            )}
            {!folded && group.connections.length > TABS_SHOWN && <Picker group={group} labels={labels} activate={activate} />}
          </div>
        );
      })}
    </nav>
  );
}

function Picker({ group, labels, activate }: { group: ConnectionGroup; labels: Map<string, string>; activate(id: string): void }) {
  const count = group.connections.length;
  return (
    <select aria-label={`All ${count} ${group.name.toLowerCase()} connections`} value="" onChange={(event) => event.target.value && activate(event.target.value)}>
      <option value="">All {count}…</option>
      {group.connections.map((connection) => (
        <option key={connection.id} value={connection.id}>
          {labels.get(connection.id)} — {viewStatusText(connection)}
        </option>
      ))}
    </select>
  );
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
