// A broker writes a burst packet by packet, and a client as quick as this one woke for each few
// of them: a read, an ACK and a wake-up of the broker apiece, half the client's CPU in a flood of
// 100,000 messages (55,000 reads). Here two reads closer than BURST_READ_GAP_MS mean a burst: the
// next read waits READ_GATHER_MS and takes at once what came meanwhile (about 900 reads for the
// same flood). A packet after a quiet spell is read the moment it comes.
//
// A reset that comes while reading waits is queued behind the bytes before it, and libuv, reading
// them in one go, takes the hang-up for an end of stream: the reset would pass for the broker
// closing cleanly. Our side still open at that end, the socket's state tells them apart: a peer
// that sent FIN still has its address (CLOSE_WAIT), a reset one has none (CLOSE).
import net from 'node:net';
import { constants } from 'node:os';
import { BURST_READ_GAP_MS, READ_BUFFER_BYTES, READ_GATHER_MS } from '../limits';

/** A plain TCP connection whose reads are gathered in a burst; each read is a copy of its own. */
export function connectGatheringReads(options: { host: string; port: number }, onBytes: (bytes: Uint8Array) => void): net.Socket {
  let lastRead = -Infinity;
  let waiting: NodeJS.Timeout | undefined;
  const resume = () => {
    waiting = undefined;
    if (!socket.destroyed) socket.resume();
  };
  const socket = net.connect({
    ...options,
    // One buffer read into again and again: what is read is copied out, as the trace keeps it.
    onread: {
      buffer: Buffer.allocUnsafe(READ_BUFFER_BYTES),
      callback: (size, buffer) => {
        const now = performance.now();
        const inBurst = now - lastRead < BURST_READ_GAP_MS;
        lastRead = now;
        onBytes(Uint8Array.prototype.slice.call(buffer, 0, size));
        if (!inBurst || waiting !== undefined || socket.destroyed) return true;
        waiting = setTimeout(resume, READ_GATHER_MS);
        // False pauses the socket, which in this mode stops reading from it at once.
        return false;
      },
    },
  });
  socket.on('close', () => clearTimeout(waiting));
  // Before Node's own listener, which ends our side.
  socket.prependListener('end', () => {
    if (!socket.writableEnded && wasReset(socket)) socket.destroy(connectionReset());
  });
  return socket;
}

/** Whether the connection has lost its peer: asked of the TCP handle (Node's `_handle`, not public
 *  API: without it, nothing is said). */
function wasReset(socket: net.Socket): boolean {
  const handle = (socket as unknown as { _handle?: { getpeername?: (out: object) => number } })._handle;
  const status = handle?.getpeername?.({});
  return status === -constants.errno.ENOTCONN;
}

function connectionReset(): NodeJS.ErrnoException {
  return Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', errno: -constants.errno.ECONNRESET, syscall: 'read' });
}
