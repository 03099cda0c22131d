// The broker side of the one trace tap: every byte a client sends and every byte the broker
// writes back, on the socket the broker was handed.
import type { Duplex } from 'node:stream';
import type { ConnectionTap } from '../trace/tap';
import type { GatheredWrites } from './write-gather';

/**
 * Taps a client connection; call before the broker reads from it. What the broker writes is
 * tapped as it goes to the socket, gathered (see write-gather); what it gathered goes out before
 * the client's next bytes are tapped, so order and timing hold.
 */
export function tapSocket(socket: Duplex, writes: GatheredWrites, tap: ConnectionTap): void {
  writes.observe((bytes) => tap.bytes('s2c', bytes));
  socket.on('data', (chunk: Buffer) => {
    writes.flush();
    tap.bytes('c2s', chunk);
  });
}
