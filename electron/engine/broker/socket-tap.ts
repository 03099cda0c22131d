// The broker side of the one trace tap: every byte a client sends and every byte the broker
// writes back, on the socket the broker was handed.
import type { Duplex } from 'node:stream';
import { ConnectionTap } from '../trace/tap';

/** Taps a client connection; call before the broker reads from it. */
export function tapSocket(socket: Duplex, tap: ConnectionTap): void {
  socket.on('data', (chunk: Buffer) => tap.bytes('c2s', chunk));
  const write = socket.write.bind(socket) as (chunk: unknown, ...rest: unknown[]) => boolean;
  socket.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (chunk instanceof Uint8Array) tap.bytes('s2c', chunk);
    else if (typeof chunk === 'string') tap.bytes('s2c', Buffer.from(chunk));
    return write(chunk, ...rest);
  }) as typeof socket.write;
}
