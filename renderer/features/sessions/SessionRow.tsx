// One session of the trace store in the Sessions table: open it in a view, or delete it after
// saying so (not while it is recording).
import { useState } from 'react';
import type { SessionSummary } from '@shared/model/session-summary';
import { formatBytes, formatWallClock } from '../../ui/format';

interface SessionRowProps {
  session: SessionSummary;
  onOpen(): void;
  onDelete(): Promise<void>;
}

export function SessionRow({ session, onOpen, onDelete }: SessionRowProps) {
  const [confirming, setConfirming] = useState(false);
  const when = formatWallClock(session.startTime);
  return (
    <tr className={session.open ? 'session-open' : undefined}>
      <td title={when}>{when.slice(0, 19)}</td>
      <td className="session-label">{session.clientId === '' ? '(empty client id)' : session.label}</td>
      <td>{session.broker ?? (session.origin === 'file' ? 'from a file' : '')}</td>
      <td>
        {session.open ? `${session.outcome} (recording)` : session.outcome}
        {session.endedUnexpectedly && !/unexpectedly/i.test(session.outcome) && <span className="session-warning"> · ended unexpectedly</span>}
      </td>
      <td className="number">{session.packets.toLocaleString('en')}</td>
      <td className="number">{formatBytes(session.bytes)}</td>
      <td className="session-actions">
        {confirming ? (
          <span role="group" aria-label={`Delete ${session.label}?`}>
            <button type="button" className="small danger" onClick={() => void onDelete().finally(() => setConfirming(false))}>
              Delete
            </button>
            <button type="button" className="small" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </span>
        ) : (
          <>
            <button type="button" className="small" aria-label={`Open ${session.label}`} onClick={onOpen}>
              Open
            </button>
            <button
              type="button"
              className="small"
              aria-label={`Delete ${session.label}`}
              disabled={session.open}
              title={session.open ? 'Still recording: end its connection first' : undefined}
              onClick={() => setConfirming(true)}
            >
              Delete
            </button>
          </>
        )}
      </td>
    </tr>
  );
}
