// Where the active connection stands: each step with its duration, how it ended, and — when it
// went wrong — the diagnosis by layer with what to try, where the person is looking.
import { useActiveConnection } from '../../store';
import { formatDuration } from '../../ui/format';

const STATUS_TEXT = { connecting: 'Connecting…', connected: 'Connected', refused: 'Refused by the broker', closed: 'Closed' } as const;
const CLOSED_BY = { client: 'by this client', broker: 'by the broker', error: 'by an error' } as const;

export function ConnectionStatusBar() {
  const connection = useActiveConnection();
  const story = connection?.story;
  if (!connection) return <p className="status-bar muted">Fill in the broker's address and press Connect.</p>;
  const target = connection.options ? `${connection.options.host}:${connection.options.port}` : '';
  const diagnosis = story?.diagnosis;
  const end = story?.end;
  return (
    <div className="status-bar" aria-label="Connection status" role="status">
      <span className={`status status-${connection.status}`}>{STATUS_TEXT[connection.status]}</span> <span>{target}</span>
      <span className="muted"> {(story?.phases ?? []).map((phase) => `${phase.name} ${formatDuration(phase.durationMs)}`).join(' · ')}</span>
      {end && <span className="muted"> · closed {CLOSED_BY[end.by]}</span>}
      {diagnosis && (
        <div className="banner banner-error diagnosis" role="alert" aria-label="Diagnosis">
          <strong>
            {diagnosis.layer}: {diagnosis.title}
          </strong>
          <p>{diagnosis.detail}</p>
          <p className="diagnosis-hint">{diagnosis.hint}</p>
        </div>
      )}
    </div>
  );
}
