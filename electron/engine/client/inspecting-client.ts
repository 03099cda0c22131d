// The inspecting client: dials a broker, sends a CONNECT, answers keep alive, and passes every
// byte in and out through the connection's tap. Network trouble ends the connection with a
// recorded cause; it never throws out of the engine.
import { lookup } from 'node:dns/promises';
import net from 'node:net';
import { PROTOCOL_LEVELS, type DecodedPacket, type Direction } from '@shared/mqtt';
import type { ConnectOptions } from '@shared/model/connect-options';
import type { CloseCause } from '@shared/model/trace';
import { ConnectionTap, type TraceSink } from '../trace/tap';
import { connectPacketBytes, packetBytes } from './connect-packet';

const TCP_CONNECT_TIMEOUT_MS = 10_000;

type Stage = 'idle' | 'resolving' | 'dialing' | 'handshake' | 'connected' | 'closed';

export class InspectingClient {
  private readonly tap: ConnectionTap;
  private readonly protocolLevel: number;
  private socket: net.Socket | undefined;
  private stage: Stage = 'idle';
  private closeRequested = false;
  private failure: { code?: string; message: string } | undefined;
  private keepAliveTimer: NodeJS.Timeout | undefined;
  private resolveClosed!: () => void;
  /** Settles when the connection has ended, however it ended. */
  readonly closed: Promise<void> = new Promise((resolve) => (this.resolveClosed = resolve));

  constructor(
    readonly id: string,
    readonly options: ConnectOptions,
    sink: TraceSink,
  ) {
    this.protocolLevel = PROTOCOL_LEVELS[options.protocolVersion];
    this.tap = new ConnectionTap(id, sink, (dir, packet) => this.onPacket(dir, packet));
  }

  /** Starts the connection; progress and failures arrive as trace entries. */
  start(): void {
    if (this.stage !== 'idle') return;
    void this.dial();
  }

  /** Ends the connection: DISCONNECT first when the broker accepted us, then close the socket. */
  close(): Promise<void> {
    if (this.stage === 'closed') return this.closed;
    this.closeRequested = true;
    const socket = this.socket;
    if (!socket) {
      this.finish('client');
    } else if (this.stage === 'connected') {
      this.send(packetBytes({ type: 'DISCONNECT', protocolLevel: this.protocolLevel }));
      socket.end();
    } else {
      socket.destroy();
    }
    return this.closed;
  }

  private async dial(): Promise<void> {
    const { host, port } = this.options;
    this.stage = 'resolving';
    const lookupStart = performance.now();
    let address: string;
    try {
      const found = await lookup(host, { all: true });
      this.tap.lifecycle({ phase: 'dns', host, addresses: found.map((entry) => entry.address), durationMs: performance.now() - lookupStart });
      address = found[0].address;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      this.failure = { code, message: `DNS lookup of ${host} failed (${code ?? 'unknown error'})` };
      this.finish('error');
      return;
    }
    if (this.closeRequested) return this.finish('client');

    this.stage = 'dialing';
    const dialStart = performance.now();
    const socket = net.connect({ host: address, port });
    this.socket = socket;
    socket.setNoDelay(true);
    socket.setTimeout(TCP_CONNECT_TIMEOUT_MS, () => {
      if (this.stage !== 'dialing') return;
      this.failure = { code: 'ETIMEDOUT', message: `No TCP connection to ${address}:${port} within ${TCP_CONNECT_TIMEOUT_MS / 1000} s` };
      socket.destroy();
    });
    socket.on('connect', () => {
      socket.setTimeout(0);
      this.tap.lifecycle({
        phase: 'tcp',
        localAddress: `${socket.localAddress}:${socket.localPort}`,
        remoteAddress: `${socket.remoteAddress}:${socket.remotePort}`,
        durationMs: performance.now() - dialStart,
      });
      this.stage = 'handshake';
      this.send(connectPacketBytes(this.options));
    });
    socket.on('data', (chunk: Buffer) => this.tap.bytes('s2c', chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      this.failure ??= { code: error.code, message: describeSocketError(error, address, port) };
    });
    socket.on('close', () => {
      this.tap.end();
      this.finish(this.failure ? 'error' : this.closeRequested ? 'client' : 'broker');
    });
  }

  private send(bytes: Uint8Array): void {
    const socket = this.socket;
    if (!socket || socket.destroyed || !socket.writable) return;
    this.tap.bytes('c2s', bytes);
    socket.write(bytes);
    this.scheduleKeepAlive();
  }

  private onPacket(dir: Direction, packet: DecodedPacket): void {
    if (dir !== 's2c' || packet.type !== 2 || this.stage !== 'handshake') return;
    const code = packet.fields.find((field) => field.key === 'mqtt.conack.val' || field.key === 'mqtt.connack.reason_code');
    if (code?.value === 0) {
      this.stage = 'connected';
      this.scheduleKeepAlive();
    }
  }

  /** A PINGREQ after keep-alive seconds without anything sent [MQTT-3.1.2-23]. */
  private scheduleKeepAlive(): void {
    if (this.keepAliveTimer) clearTimeout(this.keepAliveTimer);
    this.keepAliveTimer = undefined;
    if (this.stage !== 'connected' || this.options.keepAlive === 0) return;
    this.keepAliveTimer = setTimeout(() => this.send(packetBytes({ type: 'PINGREQ' })), this.options.keepAlive * 1000);
  }

  private finish(by: CloseCause): void {
    if (this.stage === 'closed') return;
    this.stage = 'closed';
    if (this.keepAliveTimer) clearTimeout(this.keepAliveTimer);
    this.tap.lifecycle({ phase: 'closed', by, ...(this.failure ? { error: this.failure } : {}) });
    this.resolveClosed();
  }
}

function describeSocketError(error: NodeJS.ErrnoException, address: string, port: number): string {
  switch (error.code) {
    case 'ECONNREFUSED': return `Nothing is listening on ${address}:${port} (connection refused)`;
    case 'ECONNRESET': return `The broker reset the connection (${address}:${port})`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH': return `${address} cannot be reached from this machine (${error.code})`;
    default: return `${error.message}`;
  }
}
