import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { connectGatheringReads } from './gathered-reads';

const servers: net.Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** A server that, once connected, runs `talk` on its side of the connection. */
async function serving(talk: (socket: net.Socket) => void): Promise<number> {
  const server = net.createServer((socket) => {
    socket.setNoDelay(true);
    talk(socket);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

/** Writes `pieces` one per turn of the loop, as a broker writes a burst packet by packet. */
function writeOnePerTurn(socket: net.Socket, pieces: Buffer[], then: () => void): void {
  let next = 0;
  const step = () => {
    if (socket.destroyed) return;
    if (next === pieces.length) return then();
    socket.write(pieces[next++]);
    setImmediate(step);
  };
  step();
}

describe('gathered reads', () => {
  it('a burst written piece by piece arrives whole and in order in far fewer reads; each read is a copy of its own; the piece after it and the end still come', async () => {
    const pieces = Array.from({ length: 2_000 }, (_, index) => Buffer.from(`<${index}>`));
    const last = Buffer.from('<after the burst>');
    const port = await serving((socket) => writeOnePerTurn(socket, pieces, () => setTimeout(() => socket.end(last), 20)));
    const reads: Uint8Array[] = [];
    const copies: string[] = [];
    const socket = connectGatheringReads({ host: '127.0.0.1', port }, (bytes) => {
      reads.push(bytes);
      copies.push(Buffer.from(bytes).toString());
    });
    const errors: Error[] = [];
    socket.on('error', (error) => errors.push(error));
    await new Promise<void>((resolve) => socket.on('close', () => resolve()));
    // The server's FIN is an end, not a reset.
    expect(errors).toEqual([]);

    const expected = Buffer.concat([...pieces, last]).toString();
    expect(copies.join('')).toBe(expected);
    // Held after later reads into the same buffer, each read still has its own bytes.
    expect(reads.map((bytes) => Buffer.from(bytes).toString())).toEqual(copies);
    // Read as written, the burst took a read a piece or so; gathered, a read takes many.
    expect(reads.length).toBeLessThan(pieces.length / 4);
  });

  it('a reset at the end of a burst is a reset, not a clean end, every time', async () => {
    for (let trial = 0; trial < 5; trial++) {
      const pieces = Array.from({ length: 3_000 }, (_, index) => Buffer.from(`<${index}>`));
      const port = await serving((socket) => writeOnePerTurn(socket, pieces, () => setImmediate(() => socket.resetAndDestroy())));
      const socket = connectGatheringReads({ host: '127.0.0.1', port }, () => {});
      const ended = new Promise<string>((resolve) => {
        socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
        socket.on('close', () => resolve('closed without an error'));
      });
      expect(await ended).toBe('ECONNRESET');
    }
  });

  it('a single packet after a quiet spell is read without waiting for more', async () => {
    let serverSide: net.Socket | undefined;
    const port = await serving((socket) => (serverSide = socket));
    const received: string[] = [];
    let told: (() => void) | undefined;
    const socket = connectGatheringReads({ host: '127.0.0.1', port }, (bytes) => {
      received.push(Buffer.from(bytes).toString());
      told?.();
    });
    await new Promise<void>((resolve) => socket.on('connect', resolve));
    for (const word of ['one', 'two', 'three']) {
      const arrived = new Promise<void>((resolve) => (told = resolve));
      serverSide!.write(word);
      await arrived;
    }
    expect(received).toEqual(['one', 'two', 'three']);
    socket.destroy();
  });
});
