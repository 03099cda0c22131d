// The navigator's tree as the rows it shows: every connection the page holds and every session
// the trace store lists, grouped by whose it is — this app's, the local broker's, the proxy's,
// each lab run (folded: a run opens dozens), files opened, past sessions — then the saved
// profiles. One flat list, so the navigator can draw only the rows in view of 10,000.
import type { ConnectionStatus } from '@shared/model/outcome';
import type { ProfileSummary } from '@shared/model/profile';
import type { SessionSummary } from '@shared/model/session-summary';
import type { ConnectionView } from '../../store/connections-slice';
import { formatWallClock } from '../../ui/format';
import { viewStatusText } from '../connections/connection-label';

export type GroupKey = 'client' | 'broker' | 'proxy' | 'capture' | 'lab' | 'file' | 'past' | 'profiles';

export const GROUP_NAMES: Record<GroupKey, string> = {
  client: 'This app',
  broker: 'Local broker',
  proxy: 'Proxy',
  capture: 'Captured',
  lab: 'Lab runs',
  file: 'Opened files',
  past: 'Past sessions',
  profiles: 'Profiles',
};

/** A lab run is named by when it began: the start of its first connection. */
export const labRunTitle = (start: number): string => `Lab run ${formatWallClock(start).slice(11, 19)}`;

const GROUP_ORDER: readonly GroupKey[] = ['client', 'broker', 'proxy', 'capture', 'lab', 'file', 'past', 'profiles'];

/** A connection or a recorded session, as one row says it. */
export interface NavigatorItem {
  id: string;
  label: string;
  status: ConnectionStatus;
  statusText: string;
  broker?: string;
  packets: number;
  startTime: number;
  /** Still recording: it cannot be deleted. */
  open: boolean;
  /** Held by the page as a connection view (it can be closed from the navigator). */
  inView: boolean;
  /** In the trace store (it can be saved or deleted). */
  stored: boolean;
}

export type NavigatorRow =
  | { kind: 'group'; key: string; name: string; level: 1 | 2; count: number; expanded: boolean; recording: number }
  | { kind: 'item'; key: string; level: 2 | 3; item: NavigatorItem }
  | { kind: 'profile'; key: string; level: 2; profile: ProfileSummary };

export interface NavigatorInput {
  views: Readonly<Record<string, ConnectionView>>;
  labels: ReadonlyMap<string, string>;
  sessions: readonly SessionSummary[];
  profiles: readonly ProfileSummary[];
  filter: string;
  /** Group keys folded or unfolded against their default (lab runs start folded, others open). */
  toggled: ReadonlySet<string>;
  /** The connection shown in the main view: it stays in its folded group's place, as a tab would. */
  activeId?: string;
}

const foldedByDefault = (key: string) => key.startsWith('lab:');

function statusOfSession(session: SessionSummary): ConnectionStatus {
  if (session.open) return /^connected/i.test(session.outcome) ? 'connected' : 'connecting';
  if (/refused/i.test(session.outcome)) return 'refused';
  if (/failed/i.test(session.outcome)) return 'failed';
  return 'closed';
}

function itemOf(id: string, view: ConnectionView | undefined, session: SessionSummary | undefined, labels: ReadonlyMap<string, string>): NavigatorItem {
  if (view) {
    return {
      id,
      label: labels.get(id) ?? session?.label ?? id,
      status: view.status,
      statusText: viewStatusText(view),
      broker: session?.broker,
      packets: view.trace?.rows ?? session?.packets ?? 0,
      startTime: view.trace?.startTime ?? session?.startTime ?? view.openedAt,
      open: view.trace?.open ?? session?.open ?? false,
      inView: true,
      stored: session !== undefined,
    };
  }
  const known = session!;
  const label = known.clientId === '' ? '(empty client id)' : known.label;
  return {
    id,
    label: known.broker ? `${label} · ${known.broker}` : label,
    status: statusOfSession(known),
    statusText: known.outcome,
    broker: known.broker,
    packets: known.packets,
    startTime: known.startTime,
    open: known.open,
    inView: false,
    stored: true,
  };
}

/** Where an item belongs: a lab run's, a file's, its origin's while live or held in a view, else
 *  past. */
function placeOf(view: ConnectionView | undefined, session: SessionSummary | undefined): { group: GroupKey; run?: string } {
  const lab = view?.trace?.lab ?? session?.lab;
  if (lab) return { group: 'lab', run: lab.run };
  const origin = view && !view.recorded ? view.story.origin : (session?.origin ?? view?.story.origin ?? 'client');
  if (origin === 'file') return { group: 'file' };
  const live = (view && !view.recorded) || session?.open === true;
  return live ? { group: origin } : { group: 'past' };
}

function matches(item: NavigatorItem, filter: string): boolean {
  return filter === '' || `${item.label} ${item.broker ?? ''} ${item.statusText}`.toLowerCase().includes(filter);
}

function pushTo<K>(map: Map<K, NavigatorItem[]>, key: K, item: NavigatorItem): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

export function navigatorRows(input: NavigatorInput): NavigatorRow[] {
  const filter = input.filter.trim().toLowerCase();
  const sessions = new Map(input.sessions.map((session) => [session.id, session]));
  const ids = new Set([...Object.keys(input.views), ...sessions.keys()]);
  const groups = new Map<GroupKey, NavigatorItem[]>();
  const runs = new Map<string, NavigatorItem[]>();
  for (const id of ids) {
    const view = input.views[id];
    const session = sessions.get(id);
    const item = itemOf(id, view, session, input.labels);
    if (!matches(item, filter)) continue;
    const place = placeOf(view, session);
    if (place.run !== undefined) pushTo(runs, place.run, item);
    else pushTo(groups, place.group, item);
  }

  const expanded = (key: string) => filter !== '' || foldedByDefault(key) === input.toggled.has(key);
  const rows: NavigatorRow[] = [];
  const recording = (items: readonly NavigatorItem[]) => items.filter((item) => item.open).length;
  for (const key of GROUP_ORDER) {
    if (key === 'profiles') {
      const profiles = input.profiles.filter((profile) => filter === '' || `${profile.name} ${profile.target}`.toLowerCase().includes(filter));
      if (profiles.length === 0 && filter !== '') continue;
      rows.push({ kind: 'group', key, name: GROUP_NAMES[key], level: 1, count: profiles.length, expanded: expanded(key), recording: 0 });
      if (expanded(key)) for (const profile of profiles) rows.push({ kind: 'profile', key: `profile:${profile.id}`, level: 2, profile });
      continue;
    }
    if (key === 'lab') {
      if (runs.size === 0) continue;
      const ordered = [...runs.entries()].map(([run, items]) => ({ run, items: items.sort((a, b) => a.startTime - b.startTime) })).sort((a, b) => a.items[0].startTime - b.items[0].startTime);
      const all = ordered.flatMap((run) => run.items);
      rows.push({ kind: 'group', key, name: GROUP_NAMES.lab, level: 1, count: all.length, expanded: expanded(key), recording: recording(all) });
      if (!expanded(key)) {
        pushActive(rows, all, 2);
        continue;
      }
      // Two runs begun in the same second are told apart as `#2`.
      const named = new Map<string, number>();
      for (const { run, items } of ordered) {
        const title = labRunTitle(items[0].startTime);
        const seen = (named.get(title) ?? 0) + 1;
        named.set(title, seen);
        const runKey = `lab:${run}`;
        const open = expanded(runKey);
        rows.push({ kind: 'group', key: runKey, name: seen === 1 ? title : `${title} #${seen}`, level: 2, count: items.length, expanded: open, recording: recording(items) });
        if (open) for (const item of items) rows.push({ kind: 'item', key: item.id, level: 3, item });
        else pushActive(rows, items, 3);
      }
      continue;
    }
    const items = groups.get(key);
    if (!items) continue;
    // Live groups in the order opened (like tabs); past sessions newest first (like a history).
    items.sort((a, b) => (key === 'past' || key === 'file' ? b.startTime - a.startTime : a.startTime - b.startTime));
    rows.push({ kind: 'group', key, name: GROUP_NAMES[key], level: 1, count: items.length, expanded: expanded(key), recording: recording(items) });
    if (expanded(key)) for (const item of items) rows.push({ kind: 'item', key: item.id, level: 2, item });
    else pushActive(rows, items, 2);
  }
  return rows;

  /** A folded group still shows the connection the person is on, so where they are stays in sight. */
  function pushActive(into: NavigatorRow[], items: readonly NavigatorItem[], level: 2 | 3): void {
    const active = input.activeId === undefined ? undefined : items.find((item) => item.id === input.activeId);
    if (active) into.push({ kind: 'item', key: active.id, level, item: active });
  }
}
