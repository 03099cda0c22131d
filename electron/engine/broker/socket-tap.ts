// The broker side of the one trace tap: every byte a client sends and every byte the broker
// writes back, on the socket the broker was handed.
import type { Duplex } from 'node:stream';
import { ConnectionTap } from '../trace/tap';

/**
 * Taps a client connection; call before the broker reads from it. The broker writes a packet
 * in several small pieces; the pieces of one turn of the event loop are tapped together, before
 * anything else can happen on the connection, so order and timing hold.
 */
export function tapSocket(socket: Duplex, tap: ConnectionTap): void {
  let pending: Buffer[] = [];
  const flush = () => {
    const chunks = pending;
    pending = [];
    tap.bytes('s2c', chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
  };
  socket.on('data', (chunk: Buffer) => {
    if (pending.length > 0) flush();
    tap.bytes('c2s', chunk);
  });
  socket.on('close', () => {
    if (pending.length > 0) flush();
  });
  const write = socket.write.bind(socket) as (chunk: unknown, ...rest: unknown[]) => boolean;
  socket.write = ((chunk: unknown, ...rest: unknown[]) => {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk instanceof Uint8Array ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength) : undefined;
    if (bytes) {
      if (pending.length === 0) process.nextTick(flush);
      pending.push(bytes);
    }
    return write(chunk, ...rest);
  }) as typeof socket.write;
}
