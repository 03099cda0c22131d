// Connections grouped by whose they are: this app's own, one group per lab run (folded: a run
// opens dozens), the local broker's, the proxy's, and past sessions reopened from the store or a
// file. The lab's never share a group with the person's own, so they never push them out of view.
import type { ConnectionView } from '../../store/connections-slice';
import { formatWallClock } from '../../ui/format';
import { ORIGIN_TEXT } from './connection-label';

export type GroupKind = 'client' | 'lab' | 'broker' | 'proxy' | 'recorded';

type Grouped = Pick<ConnectionView, 'id' | 'openedAt' | 'story' | 'recorded' | 'trace'>;

export interface ConnectionGroup<T extends Grouped = ConnectionView> {
  /** Stable across updates: the kind, and for a lab run its run id. */
  key: string;
  kind: GroupKind;
  /** `This app`, `Lab run 10:15:03`, … */
  name: string;
  /** Oldest first. */
  connections: T[];
  /** Shown folded until unfolded. */
  folded: boolean;
}

const ORDER: readonly GroupKind[] = ['client', 'lab', 'broker', 'proxy', 'recorded'];

function groupOf(connection: Grouped): { kind: GroupKind; key: string } {
  if (connection.recorded) return { kind: 'recorded', key: 'recorded' };
  const lab = connection.trace?.lab;
  if (lab) return { kind: 'lab', key: `lab:${lab.run}` };
  const origin = connection.story.origin;
  // A capture file's connections are opened read-only, so they are recorded ones already.
  if (origin === 'file') return { kind: 'recorded', key: 'recorded' };
  return { kind: origin, key: origin };
}

/** A lab run as tabs and the Sessions list name it: by when it began. */
export const labRunTitle = (start: number): string => `Lab run ${formatWallClock(start).slice(11, 19)}`;

/** A run is named by when it began: the start of its first connection. */
function labRunName(connections: readonly Grouped[]): string {
  return labRunTitle(Math.min(...connections.map((connection) => connection.trace?.startTime ?? connection.openedAt)));
}

export function connectionGroups<T extends Grouped>(connections: Iterable<T>): ConnectionGroup<T>[] {
  const all = [...connections].sort((a, b) => a.openedAt - b.openedAt);
  const groups = new Map<string, { kind: GroupKind; key: string; connections: T[] }>();
  for (const connection of all) {
    const { kind, key } = groupOf(connection);
    const group = groups.get(key) ?? { kind, key, connections: [] };
    group.connections.push(connection);
    groups.set(key, group);
  }
  // By kind, and lab runs in the order they ran (their first connection's); two runs begun in
  // the same second are told apart as labels are, `#2`.
  const named = new Map<string, number>();
  return [...groups.values()]
    .sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || a.connections[0].openedAt - b.connections[0].openedAt)
    .map((group) => {
      const name = group.kind === 'lab' ? labRunName(group.connections) : ORIGIN_TEXT[group.kind];
      const count = (named.get(name) ?? 0) + 1;
      named.set(name, count);
      return { ...group, name: count === 1 ? name : `${name} #${count}`, folded: group.kind === 'lab' };
    });
}

/** A group with more connections than this shows the newest (and the active one) as tabs, and
 *  all of them in a list to pick from: a broker with hundreds of clients stays readable. */
export const TABS_SHOWN = 6;

/** The connections a group shows as tabs: folded, the active one only (where the person is);
 *  unfolded, the newest few with the active one kept among them. */
export function shownTabs<T extends Pick<ConnectionView, 'id'>>(list: readonly T[], activeId: string | undefined, folded: boolean): T[] {
  const active = list.find((connection) => connection.id === activeId);
  if (folded) return active ? [active] : [];
  if (list.length <= TABS_SHOWN) return [...list];
  const newest = list.slice(-TABS_SHOWN);
  return active && !newest.includes(active) ? [active, ...newest.slice(1)] : newest;
}
