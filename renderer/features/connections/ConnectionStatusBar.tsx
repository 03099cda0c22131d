// Where the active connection stands: its state, each step with its duration and how it ended.
import { endSentence } from '@shared/model/outcome';
import { useActiveConnection } from '../../store';
import { formatDuration } from '../../ui/format';
import { viewStatusText } from './connection-label';
import { useConnectionLabels } from './useConnectionLabels';

export function ConnectionStatusBar() {
  const connection = useActiveConnection();
  const labels = useConnectionLabels();
  if (!connection) return <p className="status-bar muted">Fill in the broker's address and press Connect, or start the local broker.</p>;
  const { story } = connection;
  const ending = endSentence(story);
  return (
    <div className="status-bar" aria-label="Connection status" role="status">
      <span className={`status status-${connection.status}`}>{viewStatusText(connection)}</span> <span>{labels.get(connection.id)}</span>
      {connection.recorded && <span className="muted"> · recorded, read-only</span>}
      <span className="muted"> {story.phases.map((phase) => `${phase.name} ${formatDuration(phase.durationMs)}`).join(' · ')}</span>
      {ending && <span className="muted"> · {ending}</span>}
    </div>
  );
}
