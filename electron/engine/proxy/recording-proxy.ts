// The recording proxy: listens locally and forwards each client connection to a target
// broker, bytes unchanged, recording each as its own session through the same tap as the
// inspecting client. It lets a person see the handshake of a device they cannot change.
import { randomUUID } from 'node:crypto';
import net, { type AddressInfo } from 'node:net';
import type { Direction } from '@shared/mqtt';
import { ConnectionTap, type ChunkListener, type TraceSink } from '../trace/tap';

export interface ProxyOptions {
  /** 127.0.0.1 unless the person asks for another address. */
  listenHost?: string;
  /** 0 picks a free port. */
  listenPort?: number;
  targetHost: string;
  targetPort: number;
  sink: TraceSink;
  /** Every chunk as the tap records it (the trace store's). */
  onChunk?: ChunkListener;
  /** Told of each new client connection, before any of its bytes. */
  onConnection?: (connection: { connectionId: string; clientAddress: string }) => void;
  /** Whose connections these are in the trace: the proxy's own, or the local broker's it fronts. */
  acceptedBy?: 'proxy' | 'broker';
}

export interface RunningProxy {
  host: string;
  port: number;
  /** Client connections currently open through the proxy. */
  readonly openConnections: number;
  close(): Promise<void>;
}

export async function startRecordingProxy(options: ProxyOptions): Promise<RunningProxy> {
  const host = options.listenHost ?? '127.0.0.1';
  const open = new Set<net.Socket>();

  const server = net.createServer((client) => {
    const connectionId = randomUUID();
    const clientAddress = `${client.remoteAddress}:${client.remotePort}`;
    options.onConnection?.({ connectionId, clientAddress });
    const tap = new ConnectionTap(connectionId, options.sink, undefined, { onChunk: options.onChunk });
    tap.lifecycle({ phase: 'accepted', by: options.acceptedBy ?? 'proxy', clientAddress, localAddress: `${client.localAddress}:${client.localPort}` });
    const dialStart = performance.now();
    const upstream = net.connect({ host: options.targetHost, port: options.targetPort });
    open.add(client);
    let closedBy: 'client' | 'broker' | 'error' | undefined;
    let failure: { code?: string; message: string } | undefined;

    // Bytes are recorded, then forwarded as they came; a slow side pauses the other.
    const forward = (from: net.Socket, to: net.Socket, dir: Direction) => {
      from.on('data', (chunk: Buffer) => {
        tap.bytes(dir, chunk);
        if (!to.write(chunk)) from.pause();
      });
      to.on('drain', () => from.resume());
      from.on('end', () => {
        closedBy ??= dir === 'c2s' ? 'client' : 'broker';
        to.end();
      });
    };

    client.pause();
    upstream.on('connect', () => {
      tap.lifecycle({ phase: 'tcp', localAddress: clientAddress, remoteAddress: `${upstream.remoteAddress}:${upstream.remotePort}`, durationMs: performance.now() - dialStart });
      forward(client, upstream, 'c2s');
      forward(upstream, client, 's2c');
      client.resume();
    });
    const fail = (side: string) => (error: NodeJS.ErrnoException) => {
      failure ??= { code: error.code, message: `${side}: ${error.message}` };
      closedBy ??= 'error';
      client.destroy();
      upstream.destroy();
    };
    upstream.on('error', fail(`Broker ${options.targetHost}:${options.targetPort}`));
    client.on('error', fail(`Client ${clientAddress}`));

    let sides = 2;
    const sideClosed = () => {
      if (--sides > 0) return;
      open.delete(client);
      tap.closed(failure ? 'error' : (closedBy ?? 'error'), failure);
    };
    client.on('close', () => {
      upstream.destroy();
      sideClosed();
    });
    upstream.on('close', () => {
      client.destroy();
      sideClosed();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.listenPort ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    host,
    port: (server.address() as AddressInfo).port,
    get openConnections() {
      return open.size;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
