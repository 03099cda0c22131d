import net, { type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { gatherWrites } from './write-gather';

/** A connected pair over loopback: `server` is the broker's side, `peer` reads what it sends. */
async function socketPair(): Promise<{ server: net.Socket; peer: net.Socket; received: () => Buffer; peerClosed: Promise<void> }> {
  const listener = net.createServer();
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const accepted = new Promise<net.Socket>((resolve) => listener.once('connection', resolve));
  const peer = net.connect((listener.address() as AddressInfo).port, '127.0.0.1');
  const server = await accepted;
  listener.close();
  const chunks: Buffer[] = [];
  peer.on('data', (chunk) => chunks.push(chunk));
  peer.on('error', () => {});
  server.on('error', () => {});
  const peerClosed = new Promise<void>((resolve) => peer.on('close', () => resolve()));
  opened.push(server, peer);
  return { server, peer, received: () => Buffer.concat(chunks), peerClosed };
}

const opened: net.Socket[] = [];
afterEach(() => {
  for (const socket of opened.splice(0)) socket.destroy();
});

/** Counts the writes that reach the socket itself, under the gathering. */
function countSocketWrites(socket: net.Socket): { count: number } {
  const counter = { count: 0 };
  const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
  socket.write = ((...args: unknown[]) => {
    counter.count++;
    return write(...args);
  }) as typeof socket.write;
  return counter;
}

const nextImmediate = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('gathered broker writes', () => {
  it('sends the pieces of the turns the loop had waiting as one write, bytes and order unchanged', async () => {
    const { server, received } = await socketPair();
    const writes = countSocketWrites(server);
    gatherWrites(server);
    const expected: Buffer[] = [];
    // As Aedes delivers a flood: each message written in an immediate of its own, in pieces
    // (header bytes, the topic as text, the payload).
    for (let message = 0; message < 50; message++) {
      setImmediate(() => {
        const header = Buffer.from([0x30, 2 + 3 + 4, 0, 3]);
        const payload = Buffer.from([message, message, message, message]);
        server.write(header);
        server.write(`t/${message % 10}`, 'utf8');
        server.write(payload);
        expected.push(header, Buffer.from(`t/${message % 10}`), payload);
      });
    }
    await nextImmediate();
    await nextImmediate();
    expect(writes.count).toBe(1);
    await expect.poll(() => received().length).toBe(Buffer.concat(expected).length);
    expect(received().equals(Buffer.concat(expected))).toBe(true);
  });

  it('tells the observer each chunk as it goes, and calls each write callback once it is sent', async () => {
    const { server, received } = await socketPair();
    const seen: Buffer[] = [];
    gatherWrites(server).observe((bytes) => seen.push(Buffer.from(bytes)));
    const called: string[] = [];
    server.write(Buffer.from('ab'), () => called.push('first'));
    server.write('cd', 'utf8', () => called.push('second'));
    server.write('6566', 'hex');
    expect(called).toEqual([]);
    await expect.poll(() => called).toEqual(['first', 'second']);
    expect(Buffer.concat(seen).toString()).toBe('abcdef');
    await expect.poll(() => received().toString()).toBe('abcdef');
  });

  it('sends what was gathered before an end or a destroy in the same turn, as a corked socket would', async () => {
    const ending = await socketPair();
    gatherWrites(ending.server);
    ending.server.write(Buffer.from([0x20, 2, 0, 5]));
    ending.server.end(Buffer.from([0xe0, 0]));
    await ending.peerClosed;
    expect([...ending.received()]).toEqual([0x20, 2, 0, 5, 0xe0, 0]);

    const destroyed = await socketPair();
    gatherWrites(destroyed.server);
    destroyed.server.write(Buffer.from([0x20, 2, 0, 5]));
    destroyed.server.destroy();
    await destroyed.peerClosed;
    expect([...destroyed.received()]).toEqual([0x20, 2, 0, 5]);
  });

  it("answers false only while the socket's own backlog will bring a drain, so the broker never waits for one that never comes", async () => {
    const { server, peer } = await socketPair();
    gatherWrites(server);
    // The peer reads nothing: the socket's buffer fills.
    peer.pause();
    const big = Buffer.alloc(1 << 20);
    let answer = true;
    let sent = 0;
    while (answer && sent < 256) {
      answer = server.write(big);
      sent++;
      await nextImmediate();
    }
    expect(answer).toBe(false);
    expect(server.writableNeedDrain).toBe(true);
    const drained = new Promise<void>((resolve) => server.once('drain', () => resolve()));
    peer.resume();
    await drained;
    expect(server.write(Buffer.from([0]))).toBe(true);
  });
});
