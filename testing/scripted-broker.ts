// A broker that does what a test tells it, for what real brokers will not do on request:
// odd return codes, silence, garbage, malformed and oversize packets.
import net, { type AddressInfo } from 'node:net';

/** What to do once the client's first bytes (its CONNECT) arrive. */
export type Script = (socket: net.Socket, firstBytes: Buffer) => void;

export interface ScriptedBroker {
  port: number;
  close(): Promise<void>;
}

export async function startScriptedBroker(script: Script): Promise<ScriptedBroker> {
  const sockets = new Set<net.Socket>();
  // A half-closed socket stays open on the broker's side until the script ends it, as a broker
  // that lingers after a DISCONNECT does.
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.once('data', (chunk) => script(socket, chunk));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
