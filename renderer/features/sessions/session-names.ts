// How a recorded session is named where one is chosen by its words (the command palette): its
// client id, its broker and when it began.
import type { SessionSummary } from '@shared/model/session-summary';
import { formatWallClock } from '../../ui/format';

/** The client id as the CONNECT gave it, or the addresses before one was seen. */
export function sessionClientText(session: Pick<SessionSummary, 'clientId' | 'label'>): string {
  return session.clientId === '' ? '(empty client id)' : session.label;
}

/** The broker's `host:port`; a session read from a file says so. */
export function sessionBrokerText(session: Pick<SessionSummary, 'broker' | 'origin'>): string {
  return session.broker ?? (session.origin === 'file' ? 'from a file' : '');
}

/** Today's sessions by the time of day; older ones with their date. */
export function sessionShortTime(startTime: number, now = Date.now()): string {
  const when = formatWallClock(startTime);
  return new Date(startTime).toDateString() === new Date(now).toDateString() ? when.slice(11, 19) : when.slice(0, 16);
}
