// One session of the trace store in the Sessions table: open it in a view, or delete it after
// saying so (not while it is recording).
import { useState } from 'react';
import type { SessionSummary } from '@shared/model/session-summary';
import { formatBytes, formatCount, formatWallClock } from '../../ui/format';
import { sessionBrokerText, sessionClientText, sessionShortTime } from './session-names';

interface SessionRowProps {
  session: SessionSummary;
  onOpen(): void;
  onDelete(): Promise<void>;
  /** Chosen to be saved. */
  chosen: boolean;
  onChoose(chosen: boolean): void;
}

export function SessionRow({ session, onOpen, onDelete, chosen, onChoose }: SessionRowProps) {
  const [confirming, setConfirming] = useState(false);
  const when = formatWallClock(session.startTime);
  const packets = `${formatCount(session.packets)} packet${session.packets === 1 ? '' : 's'}`;
  return (
    <tr className={session.open ? 'session-open' : undefined}>
      <td className="session-what">
        <label className="session-choose">
          <input type="checkbox" checked={chosen} onChange={(event) => onChoose(event.target.checked)} />
          <span className="session-label">{sessionClientText(session)}</span>
        </label>
        <span className="muted">{sessionBrokerText(session)}</span>
        <time className="muted" dateTime={new Date(session.startTime).toISOString()} title={when}>
          {sessionShortTime(session.startTime)}
        </time>
      </td>
      <td>
        {session.open ? `${session.outcome} (recording)` : session.outcome}
        {session.endedUnexpectedly && !/unexpectedly/i.test(session.outcome) && <span className="session-warning"> · ended unexpectedly</span>}
      </td>
      <td className="number">
        <span>{packets}</span>
        <span className="muted">{formatBytes(session.bytes)}</span>
      </td>
      <td className="session-actions">
        {confirming ? (
          <span className="session-buttons" role="group" aria-label={`Delete ${session.label}?`}>
            <button type="button" className="small danger" onClick={() => void onDelete().finally(() => setConfirming(false))}>
              Delete
            </button>
            <button type="button" className="small" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </span>
        ) : (
          <span className="session-buttons">
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
          </span>
        )}
      </td>
    </tr>
  );
}
