import { describe, expect, it } from 'vitest';
import type { SessionSummary } from '@shared/model/session-summary';
import { sessionListItems } from './session-list';

const at = (second: number) => new Date(2026, 0, 5, 10, 15, second).getTime();
const session = (id: string, second: number, lab?: SessionSummary['lab']): SessionSummary => ({ id, origin: 'client', label: id, startTime: at(second), packets: 0, bytes: 0, outcome: 'Closed', open: false, ...(lab ? { lab } : {}) });

describe('sessionListItems', () => {
  it('folds each lab run under one row where its newest session stands; the person’s own stay rows of their own', () => {
    const runA = Array.from({ length: 23 }, (_, index) => session(`a${index}`, 40 - index, { run: 'aaaa', experiment: 'accepted' }));
    const runB = Array.from({ length: 23 }, (_, index) => session(`b${index}`, 10 - index / 10, { run: 'bbbb', experiment: 'keep-alive' }));
    // Newest first, as the store lists them.
    const listed = [session('mine-new', 50), ...runA, session('mine-mid', 12), ...runB, session('mine-old', 0)];
    const items = sessionListItems(listed);
    expect(items.map((item) => (item.kind === 'session' ? item.session.id : `${item.name} (${item.sessions.length})`))).toEqual([
      'mine-new', 'Lab run 10:15:18 (23)', 'mine-mid', 'Lab run 10:15:07 (23)', 'mine-old',
    ]);
  });

  it('tells apart two runs begun in the same second', () => {
    const items = sessionListItems([session('x', 5, { run: 'new', experiment: '' }), session('y', 5, { run: 'old', experiment: '' })]);
    expect(items.map((item) => item.kind === 'lab-run' && item.name)).toEqual(['Lab run 10:15:05 #2', 'Lab run 10:15:05']);
  });
});
