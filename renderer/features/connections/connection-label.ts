// How a connection is named in tabs and headings: whose it is, its client id, where it goes.
import type { ConnectionView } from '../../store/connections-slice';

export const ORIGIN_TEXT = { client: 'This app', broker: 'Local broker', proxy: 'Proxy' } as const;

export function connectionLabel(connection: ConnectionView): string {
  const { story, options } = connection;
  const clientId = story.connack?.assignedClientId ?? story.connect?.clientId ?? options?.clientId;
  const who = clientId === undefined ? 'connecting…' : clientId === '' ? '(empty client id)' : clientId;
  const where = options ? `${options.host}:${options.port}` : story.peerAddress ? `from ${story.peerAddress}` : '';
  return where ? `${who} · ${where}` : who;
}
