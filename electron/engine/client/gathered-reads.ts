// A broker writes a burst packet by packet, and a client as quick as this one woke for each few
// of them: a read, an ACK and a wake-up of the broker apiece, half the client's CPU in a flood of
// 100,000 messages (55,000 reads). Here two reads closer than BURST_READ_GAP_MS mean a burst: the
// next read waits READ_GATHER_MS and takes at once what came meanwhile (about 900 reads for the
// same flood). A packet after a quiet spell is read the moment it comes.
import net from 'node:net';
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
  return socket;
}
