// One line on where the active connection stands, and why it ended when it failed.
import type { TraceEntry } from '@shared/model/trace';
import { useActiveConnection } from '../../store';
import { formatDuration } from '../../ui/format';

const STATUS_TEXT = { connecting: 'Connecting…', connected: 'Connected', refused: 'Refused by the broker', closed: 'Closed' } as const;

function steps(entries: TraceEntry[]): string[] {
  const out: string[] = [];
  let connectSent: number | undefined;
  for (const entry of entries) {
    if (entry.kind === 'lifecycle' && entry.event.phase === 'dns') out.push(`DNS ${formatDuration(entry.event.durationMs)}`);
    if (entry.kind === 'lifecycle' && entry.event.phase === 'tcp') out.push(`TCP ${formatDuration(entry.event.durationMs)}`);
    if (entry.kind === 'packet' && entry.typeName === 'CONNECT' && connectSent === undefined) connectSent = entry.time;
    if (entry.kind === 'packet' && entry.typeName === 'CONNACK' && connectSent !== undefined) {
      out.push(`CONNECT → CONNACK ${formatDuration(entry.time - connectSent)}`);
      connectSent = Number.NaN;
    }
  }
  return out;
}

const CLOSED_BY = { client: 'by this client', broker: 'by the broker', error: 'by an error' } as const;

export function ConnectionStatusBar() {
  const connection = useActiveConnection();
  if (!connection) return <p className="status-bar muted">Fill in the broker's address and press Connect.</p>;
  const target = connection.options ? `${connection.options.host}:${connection.options.port}` : '';
  const closed = connection.closed;
  return (
    <div className="status-bar" aria-label="Connection status" role="status">
      <span className={`status status-${connection.status}`}>{STATUS_TEXT[connection.status]}</span> <span>{target}</span>
      <span className="muted"> {steps(connection.entries).join(' · ')}</span>
      {closed && <span className="muted"> · closed {CLOSED_BY[closed.by]}</span>}
      {closed?.error && (
        <p className="banner banner-error" role="alert">
          {closed.error.message}
        </p>
      )}
    </div>
  );
}
