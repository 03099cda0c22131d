// How a connection is named in tabs and headings: whose it is, its client id, where it goes; a
// reconnect that would read the same as an earlier connection is told apart by its number.
import { statusText, type ConnectionStatus } from '@shared/model/outcome';
import type { ConnectionView } from '../../store/connections-slice';

type Labelled = Pick<ConnectionView, 'id' | 'story' | 'options' | 'openedAt' | 'recorded' | 'status'>;

const isOpen = (status: ConnectionStatus) => status === 'connecting' || status === 'connected';

function connectionLabel(connection: Labelled): string {
  const { story, options, recorded } = connection;
  const clientId = story.connack?.assignedClientId ?? story.connect?.clientId ?? options?.clientId;
  // A connection that ended before its CONNECT was read is over, not connecting (the lab's
  // connect-timeout and raw-bytes experiments end so).
  // A captured connection whose CONNECT cannot be read (inside TLS) is named by its client's address.
  const unnamed = recorded ? recorded.label : story.origin === 'capture' && story.peerAddress ? story.peerAddress : isOpen(connection.status) ? 'connecting…' : '(no CONNECT)';
  const who = clientId === undefined ? unnamed : clientId === '' ? '(empty client id)' : clientId;
  const where = options ? `${options.host}:${options.port}` : (story.brokerAddress ?? (story.peerAddress ? `from ${story.peerAddress}` : (recorded?.broker ?? '')));
  return where ? `${who} · ${where}` : who;
}

/** Where a connection stands in words; a past session the trace does not say the end of (the
 *  app stopped while it was open) says what the store knows. */
export function viewStatusText(view: Pick<ConnectionView, 'story' | 'recorded' | 'status'>): string {
  if (view.recorded && !view.story.end) return view.recorded.outcome;
  // Its trace is closed though the story has no end of its own: over, as the view's status says;
  // a recording that stopped first (a capture stopped) says so, as it will when read back.
  return view.status === 'closed' && !view.story.end && view.story.recordingEnd === undefined ? 'Closed' : statusText(view.story);
}

/** Every connection's label by id: the second connection that would read the same as an earlier
 *  one (the same client id to the same broker) is `… #2`, the third `… #3`, in the order opened. */
export function connectionLabels(connections: Iterable<Labelled>): Map<string, string> {
  const ordered = [...connections].sort((a, b) => a.openedAt - b.openedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const seen = new Map<string, number>();
  const labels = new Map<string, string>();
  for (const connection of ordered) {
    const label = connectionLabel(connection);
    const count = (seen.get(label) ?? 0) + 1;
    seen.set(label, count);
    labels.set(connection.id, count === 1 ? label : `${label} #${count}`);
  }
  return labels;
}

let last: { connections: Record<string, Labelled>; labels: Map<string, string> } | undefined;

/** The labels of the store's connections, made once per change of them, however many views ask. */
export function labelsOf(connections: Record<string, Labelled>): Map<string, string> {
  if (last?.connections !== connections) last = { connections, labels: connectionLabels(Object.values(connections)) };
  return last.labels;
}
