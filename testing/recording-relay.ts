// A TCP relay on loopback that records the bytes of the one connection it passes on, each
// direction's chunks in the order they came: a connection as a capture would see it.
import net from 'node:net';

export interface RecordedChunk {
  from: 'client' | 'server';
  bytes: Buffer;
}

export interface RecordingRelay {
  port: number;
  chunks: RecordedChunk[];
  /** Both ends of the relayed connection have closed. */
  closed: Promise<void>;
  close(): Promise<void>;
}

export async function startRecordingRelay(targetPort: number): Promise<RecordingRelay> {
  const chunks: RecordedChunk[] = [];
  let ended!: () => void;
  const closed = new Promise<void>((resolve) => (ended = resolve));
  const server = net.createServer((client) => {
    server.close();
    const upstream = net.connect(targetPort, '127.0.0.1');
    const relay = (from: RecordedChunk['from'], source: net.Socket, target: net.Socket) => {
      source.on('data', (bytes) => {
        chunks.push({ from, bytes });
        target.write(bytes);
      });
      source.on('end', () => target.end());
      // A reset on one side is a reset on the other, as a capture would show it.
      source.on('error', () => target.destroy());
      source.on('close', () => target.destroy());
    };
    relay('client', client, upstream);
    relay('server', upstream, client);
    let open = 2;
    for (const socket of [client, upstream]) socket.on('close', () => --open === 0 && ended());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    chunks,
    closed,
    close: () => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve())),
  };
}
