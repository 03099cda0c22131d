import { describe, expect, it } from 'vitest';
import type { LabTag } from '@shared/model/lab';
import type { SessionStory } from '@shared/model/session-story';
import type { SessionSummary } from '@shared/model/session-summary';
import type { SessionUpdate } from '@shared/model/session-view';
import type { ConnectionView } from '../../store/connections-slice';
import { navigatorRows, type NavigatorInput, type NavigatorRow } from './navigator-tree';

type Origin = SessionStory['origin'];
const at = (second: number) => new Date(2026, 0, 5, 10, 15, second).getTime();

function view(id: string, second: number, origin: Origin, lab?: LabTag, extra: Partial<ConnectionView> = {}): ConnectionView {
  const story = { connectionId: id, origin, phases: [], flows: [] } as SessionStory;
  const trace = { id, origin, open: true, startTime: at(second), lastTime: at(second), entries: 3, rows: 3, typeNames: [], story, ...(lab ? { lab } : {}) } as SessionUpdate;
  return { id, version: 1, status: 'connected', story, openedAt: at(second), trace, ...extra };
}

function session(id: string, second: number, fields: Partial<SessionSummary> = {}): SessionSummary {
  return { id, origin: 'client', label: id, clientId: id, broker: '127.0.0.1:1883', startTime: at(second), packets: 7, bytes: 100, outcome: 'Closed after DISCONNECT', open: false, ...fields };
}

const input = (fields: Partial<NavigatorInput>): NavigatorInput => ({ views: {}, labels: new Map(), sessions: [], profiles: [], filter: '', toggled: new Set(), ...fields });
const shown = (rows: NavigatorRow[]) => rows.map((row) => (row.kind === 'group' ? `${'>'.repeat(row.level)} ${row.name} (${row.count})${row.expanded ? '' : ' folded'}` : row.kind === 'item' ? `${'-'.repeat(row.level)} ${row.item.id}` : `-- profile ${row.profile.name}`));

describe('navigatorRows', () => {
  it('keeps the person’s connections apart from two lab runs (folded) and past sessions', () => {
    const own = Object.fromEntries(Array.from({ length: 100 }, (_, index) => [`mine-${index}`, view(`mine-${index}`, 1, 'client')]));
    const runs = [
      ...Array.from({ length: 30 }, (_, index) => view(`a${index}`, 2, 'client', { run: 'run-a', experiment: 'accepted' })),
      ...Array.from({ length: 30 }, (_, index) => view(`b${index}`, 40, 'client', { run: 'run-b', experiment: 'keep-alive' })),
    ];
    const views = { ...own, ...Object.fromEntries(runs.map((run) => [run.id, run])), seen: view('seen', 3, 'broker') };
    const rows = navigatorRows(input({ views, sessions: [session('yesterday', 0)], profiles: [{ id: 'p', name: 'Plant', target: 'mqtt://plant:1883', secrets: 'none' } as never] }));
    const text = shown(rows);
    expect(text.slice(0, 2)).toEqual(['> This app (100)', '-- mine-0']);
    expect(text.slice(101)).toEqual(['> Local broker (1)', '-- seen', '> Lab runs (60)', '>> Lab run 10:15:02 (30) folded', '>> Lab run 10:15:40 (30) folded', '> Past sessions (1)', '-- yesterday', '> Profiles (1)', '-- profile Plant']);
  });

  it('unfolds a run when asked, and tells two runs begun in the same second apart', () => {
    const views = { a: view('a', 1, 'client', { run: 'a', experiment: 'accepted' }), b: view('b', 1, 'client', { run: 'b', experiment: 'accepted' }) };
    expect(shown(navigatorRows(input({ views, toggled: new Set(['lab:b']) })))).toEqual(['> Lab runs (2)', '>> Lab run 10:15:01 (1) folded', '>> Lab run 10:15:01 #2 (1)', '--- b', '> Profiles (0)']);
  });

  it('keeps the connection the person is on in sight under a folded group', () => {
    const views = { a: view('a', 1, 'client', { run: 'r', experiment: 'accepted' }), b: view('b', 2, 'client', { run: 'r', experiment: 'accepted' }), mine: view('mine', 3, 'client') };
    expect(shown(navigatorRows(input({ views, activeId: 'b' })))).toEqual(['> This app (1)', '-- mine', '> Lab runs (2)', '>> Lab run 10:15:01 (2) folded', '--- b', '> Profiles (0)']);
    expect(shown(navigatorRows(input({ views, activeId: 'b', toggled: new Set(['lab', 'client']) })))).toEqual(['> This app (1) folded', '> Lab runs (2) folded', '-- b', '> Profiles (0)']);
    expect(shown(navigatorRows(input({ views, activeId: 'mine', toggled: new Set(['client']) })))).toEqual(['> This app (1) folded', '-- mine', '> Lab runs (2)', '>> Lab run 10:15:01 (2) folded', '> Profiles (0)']);
  });

  it('puts a reopened past session with the past ones, an open one of another window with its origin, and files apart', () => {
    const reopened = view('past', 1, 'client', undefined, { recorded: session('past', 1) });
    const rows = navigatorRows(input({ views: { past: reopened }, sessions: [session('past', 1), session('live', 2, { open: true, outcome: 'Connected', origin: 'broker' }), session('file', 3, { origin: 'file' })] }));
    expect(shown(rows)).toEqual(['> Local broker (1)', '-- live', '> Opened files (1)', '-- file', '> Past sessions (1)', '-- past', '> Profiles (0)']);
    const live = rows.find((row) => row.kind === 'item' && row.item.id === 'live');
    expect(live?.kind === 'item' && [live.item.status, live.item.open, live.item.inView, live.item.stored]).toEqual(['connected', true, false, true]);
  });

  it('filters by client id, broker and status, unfolding what matches', () => {
    const views = { a: view('a', 1, 'client', { run: 'r', experiment: 'accepted' }) };
    const labels = new Map([['a', 'sensor-7 · 127.0.0.1:1883']]);
    const sessions = [session('old-sensor-7', 0), session('other', 0, { outcome: 'Refused by the broker: not authorized' })];
    expect(shown(navigatorRows(input({ views, labels, sessions, filter: 'SENSOR-7' })))).toEqual(['> Lab runs (1)', '>> Lab run 10:15:01 (1)', '--- a', '> Past sessions (1)', '-- old-sensor-7']);
    expect(shown(navigatorRows(input({ sessions, filter: 'refused' })))).toEqual(['> Past sessions (1)', '-- other']);
  });

  it('lists 10,000 sessions in one pass, newest first', () => {
    const sessions = Array.from({ length: 10_000 }, (_, index) => session(`s${index}`, index % 60));
    const rows = navigatorRows(input({ sessions }));
    expect(rows).toHaveLength(10_002);
    const first = rows[1];
    expect(first.kind === 'item' && first.item.startTime).toBe(at(59));
  });
});
