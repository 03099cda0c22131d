// Where the active connection stands: its state, each step with its duration and how it ended.
import { endSentence, statusText } from '@shared/model/outcome';
import { useActiveConnection } from '../../store';
import { formatDuration } from '../../ui/format';
import { useConnectionLabels } from './useConnectionLabels';

export function ConnectionStatusBar() {
  const connection = useActiveConnection();
  const labels = useConnectionLabels();
  if (!connection) return <p className="status-bar muted">Fill in the broker's address and press Connect, or start the local broker.</p>;
  const { story } = connection;
  const ending = endSentence(story);
  return (
    <div className="status-bar" aria-label="Connection status" role="status">
      <span className={`status status-${connection.status}`}>{statusText(story)}</span> <span>{labels.get(connection.id)}</span>
      <span className="muted"> {story.phases.map((phase) => `${phase.name} ${formatDuration(phase.durationMs)}`).join(' · ')}</span>
      {ending && <span className="muted"> · {ending}</span>}
    </div>
  );
}
