// The broker writes a packet in several small pieces, and delivers each message in a turn of its
// own (Aedes defers every delivery with setImmediate). Handed to the socket as they come, the
// pieces cost a write system call a message and a queued chunk a piece. Gathered here until the
// loop has run the turns it had waiting, they go to the socket as one chunk: for a flood, one
// write for many messages. The bytes and their order are the broker's own.
import type { Duplex } from 'node:stream';
import { GATHER_KEEP_BYTES, GATHER_START_BYTES } from '../limits';

const utf8 = new TextEncoder();
type WriteCallback = (error?: Error | null) => void;

export interface GatheredWrites {
  /** Sends what is gathered now (the tap calls this before it records what the client sent). */
  flush(): void;
  /** Told each gathered chunk as it goes to the socket. */
  observe(observer: (bytes: Uint8Array) => void): void;
}

/** Takes over the socket's writes and ends; call before anything else wraps them. */
export function gatherWrites(socket: Duplex): GatheredWrites {
  // One buffer of the connection's, used again each time.
  let gathered = new Uint8Array(GATHER_START_BYTES);
  let used = 0;
  let callbacks: WriteCallback[] = [];
  let observer: ((bytes: Uint8Array) => void) | undefined;
  const write = socket.write.bind(socket) as (chunk: unknown, ...rest: unknown[]) => boolean;
  const end = socket.end.bind(socket) as (...rest: unknown[]) => Duplex;
  const destroy = socket.destroy.bind(socket);
  const room = (extra: number) => {
    if (used + extra <= gathered.length) return;
    const grown = new Uint8Array(Math.max(gathered.length * 2, used + extra));
    grown.set(gathered.subarray(0, used));
    gathered = grown;
  };
  const flush = () => {
    if (used === 0) return;
    // The socket keeps its chunk until sent; the gathered buffer is used again at once.
    const bytes = Buffer.allocUnsafe(used);
    bytes.set(gathered.subarray(0, used));
    used = 0;
    const waiting = callbacks;
    callbacks = [];
    // A large packet's room is not kept for the life of the connection.
    if (gathered.length > GATHER_KEEP_BYTES) gathered = new Uint8Array(GATHER_START_BYTES);
    observer?.(bytes);
    if (waiting.length === 0) write(bytes);
    else write(bytes, (error?: Error | null) => waiting.forEach((done) => done(error)));
  };
  socket.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (typeof chunk !== 'string' && !(chunk instanceof Uint8Array)) return write(chunk, ...rest);
    const encoding = typeof rest[0] === 'string' ? (rest[0] as BufferEncoding) : 'utf8';
    if (used === 0) setImmediate(flush);
    if (typeof chunk === 'string' && (encoding === 'utf8' || encoding === 'utf-8')) {
      // Text as the broker writes its strings: encoded straight into the buffer.
      room(chunk.length * 3);
      used += utf8.encodeInto(chunk, gathered.subarray(used)).written;
    } else {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk;
      room(bytes.length);
      gathered.set(bytes, used);
      used += bytes.length;
    }
    const callback = rest.find((item): item is WriteCallback => typeof item === 'function');
    if (callback) callbacks.push(callback);
    // The broker waits for 'drain' when told false; only the socket's own backlog can promise one.
    return !socket.writableNeedDrain;
  }) as typeof socket.write;
  // What the broker wrote before it ended or closed the connection goes first, as it would have.
  socket.end = ((...rest: unknown[]) => {
    const [chunk] = rest;
    if (typeof chunk === 'string' || chunk instanceof Uint8Array) {
      (socket.write as (chunk: unknown, ...rest: unknown[]) => boolean)(chunk, ...rest.slice(1).filter((item) => typeof item === 'string'));
      rest = rest.filter((item) => typeof item === 'function');
    }
    flush();
    return end(...rest);
  }) as typeof socket.end;
  socket.destroy = ((error?: Error) => {
    if (!socket.destroyed) flush();
    return destroy(error);
  }) as typeof socket.destroy;
  return { flush, observe: (next) => (observer = next) };
}
