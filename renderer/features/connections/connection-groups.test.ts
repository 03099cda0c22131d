import { describe, expect, it } from 'vitest';
import type { SessionStory } from '@shared/model/session-story';
import type { SessionUpdate } from '@shared/model/session-view';
import { connectionGroups, shownTabs, TABS_SHOWN } from './connection-groups';

type Origin = SessionStory['origin'];

const view = (id: string, openedAt: number, origin: Origin, lab?: SessionUpdate['lab']) => ({
  id,
  openedAt,
  story: { connectionId: id, origin, phases: [], flows: [] } as SessionStory,
  ...(lab ? { trace: { lab, startTime: new Date(2026, 0, 5, 10, 15, openedAt).getTime() } as SessionUpdate } : {}),
});

describe('connectionGroups', () => {
  it('keeps the lab’s connections apart from the person’s own, one folded group per run, in the order they ran', () => {
    const own = [view('mine-1', 1, 'client'), view('mine-2', 50, 'client')];
    const firstRun = Array.from({ length: 30 }, (_, index) => view(`a${index}`, 2 + index, 'client', { run: 'run-a', experiment: 'accepted' }));
    const secondRun = Array.from({ length: 30 }, (_, index) => view(`b${index}`, 60 + index, 'client', { run: 'run-b', experiment: 'keep-alive' }));
    const groups = connectionGroups([...secondRun, ...own, view('seen', 3, 'broker'), ...firstRun]);
    expect(groups.map((group) => [group.name, group.kind, group.connections.length, group.folded])).toEqual([
      ['This app', 'client', 2, false],
      ['Lab run 10:15:02', 'lab', 30, true],
      ['Lab run 10:16:00', 'lab', 30, true],
      ['Local broker', 'broker', 1, false],
    ]);
    expect(groups[0].connections.map((connection) => connection.id)).toEqual(['mine-1', 'mine-2']);
    expect(new Set(groups.map((group) => group.key)).size).toBe(groups.length);
  });

  it('tells two runs begun in the same second apart', () => {
    const groups = connectionGroups([view('a', 1, 'client', { run: 'a', experiment: 'accepted' }), view('b', 1, 'client', { run: 'b', experiment: 'accepted' })]);
    expect(groups.map((group) => group.name)).toEqual(['Lab run 10:15:01', 'Lab run 10:15:01 #2']);
  });

  it('puts a reopened past session with the recorded ones, whoever recorded it', () => {
    const reopened = { ...view('past', 1, 'client', { run: 'r', experiment: 'accepted' }), recorded: { id: 'past' } as never };
    expect(connectionGroups([reopened]).map((group) => group.kind)).toEqual(['recorded']);
  });
});

describe('shownTabs', () => {
  const list = Array.from({ length: TABS_SHOWN + 3 }, (_, index) => ({ id: `c${index}` }));
  it('shows the newest, keeping the active one among them', () => {
    expect(shownTabs(list, 'c8', false).map((tab) => tab.id)).toEqual(['c3', 'c4', 'c5', 'c6', 'c7', 'c8']);
    expect(shownTabs(list, 'c0', false).map((tab) => tab.id)).toEqual(['c0', 'c4', 'c5', 'c6', 'c7', 'c8']);
  });

  it('folded, shows only the active one, if the group holds it', () => {
    expect(shownTabs(list, 'c2', true)).toEqual([{ id: 'c2' }]);
    expect(shownTabs(list, 'elsewhere', true)).toEqual([]);
  });
});
