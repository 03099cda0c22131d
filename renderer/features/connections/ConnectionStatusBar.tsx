// Where the active connection stands: its state, each step with its duration and how it ended.
import { useActiveConnection } from '../../store';
import { formatDuration } from '../../ui/format';
import { useConnectionLabels } from './useConnectionLabels';

export const STATUS_TEXT = { connecting: 'Connecting…', connected: 'Connected', refused: 'Refused by the broker', closed: 'Closed' } as const;
const CLOSED_BY = { client: 'by this client', broker: 'by the broker', error: 'by an error' } as const;

export function ConnectionStatusBar() {
  const connection = useActiveConnection();
  const labels = useConnectionLabels();
  if (!connection) return <p className="status-bar muted">Fill in the broker's address and press Connect, or start the local broker.</p>;
  const { story } = connection;
  return (
    <div className="status-bar" aria-label="Connection status" role="status">
      <span className={`status status-${connection.status}`}>{STATUS_TEXT[connection.status]}</span> <span>{labels.get(connection.id)}</span>
      <span className="muted"> {story.phases.map((phase) => `${phase.name} ${formatDuration(phase.durationMs)}`).join(' · ')}</span>
      {story.end && <span className="muted"> · closed {CLOSED_BY[story.end.by]}</span>}
    </div>
  );
}
