// The broker side of the one trace tap: every byte a client sends and every byte the broker
// writes back, on the socket the broker was handed.
import type { Duplex } from 'node:stream';
import { ConnectionTap } from '../trace/tap';
import { GATHER_KEEP_BYTES, GATHER_START_BYTES } from '../limits';

const utf8 = new TextEncoder();

/**
 * Taps a client connection; call before the broker reads from it. The broker writes a packet
 * in several small pieces; the pieces of one turn of the event loop are tapped together, before
 * anything else can happen on the connection, so order and timing hold.
 */
export function tapSocket(socket: Duplex, tap: ConnectionTap): void {
  // The pieces are copied into one buffer of the connection's, used again once the tap has read
  // them: no buffer a piece, and none joined (the tap keeps no view past its turn).
  let gathered = new Uint8Array(GATHER_START_BYTES);
  let used = 0;
  const room = (extra: number) => {
    if (used + extra <= gathered.length) return;
    const grown = new Uint8Array(Math.max(gathered.length * 2, used + extra));
    grown.set(gathered.subarray(0, used));
    gathered = grown;
  };
  const flush = () => {
    if (used === 0) return;
    const bytes = gathered.subarray(0, used);
    used = 0;
    tap.bytes('s2c', bytes);
    // A large packet's room is not kept for the life of the connection.
    if (gathered.length > GATHER_KEEP_BYTES) gathered = new Uint8Array(GATHER_START_BYTES);
  };
  socket.on('data', (chunk: Buffer) => {
    flush();
    tap.bytes('c2s', chunk);
  });
  socket.on('close', flush);
  const write = socket.write.bind(socket) as (chunk: unknown, ...rest: unknown[]) => boolean;
  socket.write = ((chunk: unknown, ...rest: unknown[]) => {
    const encoding = typeof rest[0] === 'string' ? (rest[0] as BufferEncoding) : 'utf8';
    if (typeof chunk === 'string' && (encoding === 'utf8' || encoding === 'utf-8')) {
      // Text as the broker writes its strings: encoded straight into the buffer.
      if (used === 0) process.nextTick(flush);
      room(chunk.length * 3);
      used += utf8.encodeInto(chunk, gathered.subarray(used)).written;
    } else if (typeof chunk === 'string' || chunk instanceof Uint8Array) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk;
      if (used === 0) process.nextTick(flush);
      room(bytes.length);
      gathered.set(bytes, used);
      used += bytes.length;
    }
    return write(chunk, ...rest);
  }) as typeof socket.write;
}
