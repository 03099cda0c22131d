import { describe, expect, it } from 'vitest';
import { sessionsPastCap } from './session-summary';

const MB = 1024 * 1024;
const session = (id: string, startTime: number, bytes: number, open = false) => ({ id, startTime, bytes, open });

describe('sessionsPastCap', () => {
  it('names the oldest closed sessions until the rest fit, never an open one', () => {
    const sessions = [session('newest', 40, 3 * MB), session('open-old', 5, 4 * MB, true), session('oldest', 10, 2 * MB), session('middle', 20, 2 * MB)];
    expect(sessionsPastCap(sessions, 20 * MB)).toEqual([]);
    expect(sessionsPastCap(sessions, 10 * MB).map((going) => going.id)).toEqual(['oldest']);
    expect(sessionsPastCap(sessions, 7 * MB).map((going) => going.id)).toEqual(['oldest', 'middle']);
    // Open sessions alone are over the cap: every closed one goes, the open one stays.
    expect(sessionsPastCap(sessions, 1 * MB).map((going) => going.id)).toEqual(['oldest', 'middle', 'newest']);
  });
});
