// Whether the active connection can publish and subscribe from here, and why not in words: only
// a connection this app opened, accepted by its broker and still open, has a client to act with.
import type { ConnectionView } from '../../store/connections-slice';

export type LiveAvailability = { live: true; v5: boolean } | { live: false; reason: string };

const ORIGIN_NAMES = { broker: 'the local broker’s', proxy: 'the recording proxy’s', file: 'a capture’s', capture: 'a live capture’s' } as const;

export function liveAvailability(connection: ConnectionView | undefined): LiveAvailability {
  if (!connection) return { live: false, reason: 'No connection is open: connect first.' };
  if (connection.recorded) return { live: false, reason: 'This is a past session, opened read-only.' };
  const origin = connection.story.origin;
  if (!connection.options) {
    return { live: false, reason: origin === 'client' ? 'This connection was not opened by this app.' : `This is ${ORIGIN_NAMES[origin]} view of another client’s connection; publish from a connection this app opened.` };
  }
  switch (connection.status) {
    case 'connecting':
      return { live: false, reason: 'Waiting for the broker to accept the connection (CONNACK).' };
    case 'refused':
      return { live: false, reason: 'The broker refused this connection.' };
    case 'failed':
    case 'closed':
      return { live: false, reason: 'This connection is closed: connect again to publish or subscribe.' };
    case 'connected':
      return { live: true, v5: connection.options.protocolVersion === '5' };
  }
}
