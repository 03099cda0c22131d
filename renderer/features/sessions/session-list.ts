// The Sessions list as rows: the person's own sessions one by one, and each lab run's sessions
// (both sides of its connections) folded under one row, so a run of dozens never pushes the
// person's own out of view.
import type { SessionSummary } from '@shared/model/session-summary';
import { labRunTitle } from '../connections/connection-groups';

export type SessionListItem =
  | { kind: 'session'; session: SessionSummary }
  | { kind: 'lab-run'; key: string; name: string; sessions: SessionSummary[] };

/** In the list's order (newest first): a run's row stands where its newest session would. Two
 *  runs begun in the same second are told apart as connection groups are, `#2`. */
export function sessionListItems(sessions: readonly SessionSummary[]): SessionListItem[] {
  const runs = new Map<string, SessionSummary[]>();
  for (const session of sessions) {
    if (!session.lab) continue;
    const members = runs.get(session.lab.run);
    if (members) members.push(session);
    else runs.set(session.lab.run, [session]);
  }
  const items: SessionListItem[] = [];
  for (const session of sessions) {
    if (!session.lab) items.push({ kind: 'session', session });
    else if (runs.get(session.lab.run)?.[0] === session) {
      const members = runs.get(session.lab.run)!;
      items.push({ kind: 'lab-run', key: `lab:${session.lab.run}`, name: labRunTitle(Math.min(...members.map((member) => member.startTime))), sessions: members });
    }
  }
  const named = new Map<string, number>();
  for (const item of [...items].reverse()) {
    if (item.kind !== 'lab-run') continue;
    const count = (named.get(item.name) ?? 0) + 1;
    named.set(item.name, count);
    if (count > 1) item.name = `${item.name} #${count}`;
  }
  return items;
}
