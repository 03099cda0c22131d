// What was sent on this connection from this page, newest first: send one again with one click,
// or put it back in the form to change it.
import type { SentPublication } from '../../store/live-slice';
import { formatCount } from '../../ui/format';
import { payloadPreview } from './payload-preview';

interface PublishHistoryProps {
  history: readonly SentPublication[];
  canSend: boolean;
  onSendAgain(entry: SentPublication): void;
  onEdit(entry: SentPublication): void;
}

export function PublishHistory({ history, canSend, onSendAgain, onEdit }: PublishHistoryProps) {
  return (
    <details className="publish-history">
      <summary>History ({history.length})</summary>
      {history.length === 0 ? (
        <p className="muted">Nothing sent on this connection from this page yet (the history is kept until the page reloads).</p>
      ) : (
        <ol className="live-list" aria-label="Publish history">
          {history.map((entry, index) => (
            <li key={`${entry.at}-${index}`}>
              <span className="live-list-main">
                <code>{entry.publication.topic}</code> <span className="muted">QoS {entry.publication.qos}{entry.publication.retain ? ' · retained' : ''}{entry.repeat ? ` · ${formatCount(entry.repeat.count)} × every ${formatCount(entry.repeat.intervalMs)} ms` : ''} · {new Date(entry.at).toLocaleTimeString()}</span>
                <span className="live-list-payload">{payloadPreview(entry.publication.payloadHex, entry.payloadFormat)}</span>
              </span>
              <button type="button" className="small" disabled={!canSend} aria-label={`Send again to ${entry.publication.topic}`} onClick={() => onSendAgain(entry)}>
                Send again
              </button>
              <button type="button" className="small" aria-label={`Edit ${entry.publication.topic} in the form`} onClick={() => onEdit(entry)}>
                Edit
              </button>
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
