// The inspecting client: dials a broker, sends a CONNECT, runs the session plan, and passes
// every byte in and out through the connection's tap. Network trouble ends the connection with
// a recorded cause; it never throws out of the engine.
import { lookup } from 'node:dns/promises';
import net from 'node:net';
import tls from 'node:tls';
import WebSocket from 'ws';
import { findField, PACKET_TYPE_IDS, PROTOCOL_LEVELS, type DecodedPacket, type Direction } from '@shared/mqtt';
import { summarizeConnack } from '@shared/model/connack';
import { encodePacket, type CraftPacket } from '@shared/mqtt/encode';
import type { ConnectOptions } from '@shared/model/connect-options';
import type { LivePublication, LiveSubscription, SubscriptionState } from '@shared/model/live-actions';
import { propertyValues } from '@shared/mqtt/property-values';
import type { CloseCause } from '@shared/model/trace';
import { ConnectionTap, type ChunkListener, type TraceSink } from '../trace/tap';
import { certificateChain } from './certificates';
import { connectPacketBytes } from './connect-packet';
import { ProtocolDriver } from './protocol-driver';
import { FIELD_KEYS } from '@shared/mqtt/field-keys';
import { packetTypeOf, publishQos } from '@shared/mqtt/fixed-header';
import { noTlsAnswer } from './no-tls-answer';
import { connectGatheringReads } from './gathered-reads';
import { connackTimeout, STEP_TIMEOUT_MS, tcpBytesRead, tcpTimeout, tlsTimeout, upgradeTimeout, type StepFailure } from './step-timeouts';
import { DEFAULT_MAX_PACKET_SIZE, WRITE_BACKLOG_BYTES } from '../limits';

const WRITES_PER_BATCH = 1024;
/** After its DISCONNECT the client waits this long for the broker to close, then closes itself. */
export const DISCONNECT_GRACE_MS = 2_000;

/** `dialing`: opening TCP; `securing`: TCP is up, the TLS handshake runs; `secured`: the TLS
 *  handshake is done, its certificate being checked; `upgrading`: the WebSocket upgrade runs. */
type Stage = 'idle' | 'resolving' | 'dialing' | 'securing' | 'secured' | 'upgrading' | 'handshake' | 'connected' | 'closed';

export interface CloseRequest {
  /** `abort` ends the connection without DISCONNECT, as a crash would: the will fires. */
  mode?: 'disconnect' | 'abort';
  /** MQTT 5 DISCONNECT reason code (0x04 asks the broker to publish the will anyway). */
  reasonCode?: number;
}

export class InspectingClient {
  private readonly tap: ConnectionTap;
  private readonly protocolLevel: number;
  private readonly driver: ProtocolDriver;
  private socket: net.Socket | undefined;
  /** Set for ws:// and wss://: packets travel in its binary messages, over `socket`. */
  private websocket: WebSocket | undefined;
  private stage: Stage = 'idle';
  private closeRequested = false;
  private failure: { code?: string; message: string } | undefined;
  private connectDelay: NodeJS.Timeout | undefined;
  /** Bounds the step waiting on the broker now: TCP, TLS, the WebSocket upgrade or the CONNACK. */
  private stepTimer: NodeJS.Timeout | undefined;
  private readonly stepTimeoutMs: number;
  private corkedWrites = 0;
  private resolveClosed!: () => void;
  /** Settles when the connection has ended, however it ended. */
  readonly closed: Promise<void> = new Promise((resolve) => (this.resolveClosed = resolve));

  constructor(
    readonly id: string,
    readonly options: ConnectOptions,
    sink: TraceSink,
    /** Every chunk as the tap records it (the trace store's). */
    onChunk?: ChunkListener,
  ) {
    this.protocolLevel = PROTOCOL_LEVELS[options.protocolVersion];
    this.stepTimeoutMs = options.plan?.stepTimeoutMs ?? STEP_TIMEOUT_MS;
    this.tap = new ConnectionTap(id, sink, (dir, packet) => this.onPacket(dir, packet), {
      maxPacketSize: options.plan?.maxPacketSize ?? options.properties?.maximumPacketSize ?? DEFAULT_MAX_PACKET_SIZE,
      onChunk,
      listensTo: answered,
      // A stream from the broker that cannot be framed is closed [MQTT-4.8.0-1]: nothing after it can be read.
      onUnframeable: (dir, message) => {
        if (dir !== 's2c' || this.stage === 'closed') return;
        this.failure ??= { code: 'ERR_MALFORMED', message: `The broker's stream could not be read as MQTT: ${message}` };
        queueMicrotask(() => this.socket?.destroy());
      },
    });
    this.driver = new ProtocolDriver({
      protocolLevel: this.protocolLevel,
      keepAliveSeconds: options.keepAlive,
      plan: options.plan ?? {},
      send: (packet) => this.sendPacket(packet),
    });
  }

  /** The broker accepted the connection and it has not ended: live actions may run. */
  get accepted(): boolean {
    return this.stage === 'connected';
  }

  /** Publishes on the live connection; its packet identifier when QoS > 0. */
  publish(publication: LivePublication): number | undefined {
    this.mustBeAccepted();
    if (this.protocolLevel !== 5 && publication.properties && Object.keys(publication.properties).length > 0) throw new Error('PUBLISH properties are MQTT 5: this connection speaks 3.x');
    return this.driver.publish(publication);
  }

  /** Whether a PUBLISH may go now: accepted, the socket keeping up, within the broker's quota. */
  canPublish(qos: number): boolean {
    const backlog = this.socket?.writableLength ?? 0;
    return this.accepted && backlog < WRITE_BACKLOG_BYTES && this.driver.canPublish(qos);
  }

  subscribe(subscriptions: LiveSubscription[], subscriptionIdentifier?: number, userProperties?: [string, string][]) {
    this.mustBeAccepted();
    const v5Only = subscriptionIdentifier !== undefined || userProperties !== undefined || subscriptions.some((entry) => entry.noLocal || entry.retainAsPublished || entry.retainHandling);
    if (this.protocolLevel !== 5 && v5Only) throw new Error('Subscription options and identifiers are MQTT 5: this connection speaks 3.x');
    return this.driver.subscribe(subscriptions, subscriptionIdentifier, userProperties);
  }

  unsubscribe(topics: string[]) {
    this.mustBeAccepted();
    return this.driver.unsubscribe(topics);
  }

  subscriptions(): SubscriptionState[] {
    return this.driver.subscriptions.list();
  }

  private mustBeAccepted(): void {
    if (this.stage === 'closed') throw new Error('This connection has ended');
    if (this.stage !== 'connected') throw new Error('The broker has not accepted this connection yet');
  }

  /** Starts the connection; progress and failures arrive as trace entries. */
  start(): void {
    if (this.stage !== 'idle') return;
    void this.dial();
  }

  /** Ends the connection: DISCONNECT first when the broker accepted us (unless aborting). */
  close(request: CloseRequest = {}): Promise<void> {
    if (this.stage === 'closed') return this.closed;
    this.closeRequested = true;
    this.driver.stop();
    if (this.connectDelay) clearTimeout(this.connectDelay);
    const socket = this.socket;
    if (!socket) {
      this.finish('client');
    } else if (this.stage === 'connected' && request.mode !== 'abort') {
      const reason = this.protocolLevel === 5 && request.reasonCode !== undefined ? { reasonCode: request.reasonCode, properties: [] } : {};
      this.send(encodePacket({ type: 'DISCONNECT', protocolLevel: this.protocolLevel, ...reason }));
      if (this.websocket) this.websocket.close(1000);
      else socket.end();
      // A broker may hold the socket long after the DISCONNECT (80 s seen): the session is over.
      setTimeout(() => socket.destroy(), DISCONNECT_GRACE_MS).unref();
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
      // Brokers listen on IPv4 far more often than on IPv6 (localhost resolves to both).
      address = (found.find((entry) => entry.family === 4) ?? found[0]).address;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      this.failure = { code, message: `DNS lookup of ${host} failed (${code ?? 'unknown error'})` };
      this.finish('error');
      return;
    }
    if (this.closeRequested) return this.finish('client');

    this.stage = 'dialing';
    const dialStart = performance.now();
    const tlsOptions = this.options.tls;
    const serverName = tlsOptions?.serverName ?? (net.isIP(host) ? undefined : host);
    // Verification is done here, after the handshake, so a refused certificate is still shown.
    const socket = tlsOptions
      ? tls.connect({
          host: address,
          port,
          servername: serverName,
          ca: tlsOptions.caPem,
          cert: tlsOptions.certPem,
          key: tlsOptions.keyPem,
          passphrase: tlsOptions.passphrase,
          ALPNProtocols: tlsOptions.alpn,
          rejectUnauthorized: false,
        })
      : this.options.websocket
        ? net.connect({ host: address, port })
        : connectGatheringReads({ host: address, port }, (bytes) => this.tap.bytes('s2c', bytes));
    this.socket = socket;
    socket.setNoDelay(true);
    this.awaitStep(() => tcpTimeout(address, port, this.stepTimeoutMs));
    let tlsStart = 0;
    /** Bytes read on the TCP connection when the broker closed it during the TLS handshake. */
    let bytesBeforeClose: number | undefined;
    socket.on('connect', () => {
      this.tap.lifecycle({
        phase: 'tcp',
        localAddress: `${socket.localAddress}:${socket.localPort}`,
        // A TLS socket reset at once has already forgotten its peer by the time this runs.
        remoteAddress: `${socket.remoteAddress ?? address}:${socket.remotePort ?? port}`,
        durationMs: performance.now() - dialStart,
      });
      tlsStart = performance.now();
      if (!tlsOptions) return this.transportReady();
      this.stage = 'securing';
      const readBefore = tcpBytesRead(socket as tls.TLSSocket);
      // Read before Node's own 'end' listener tears the TCP handle down (its count goes with it).
      socket.prependListener('end', () => (bytesBeforeClose = tcpBytesRead(socket as tls.TLSSocket)));
      this.awaitStep(() => {
        const readNow = tcpBytesRead(socket as tls.TLSSocket);
        return tlsTimeout(address, port, this.stepTimeoutMs, readNow === undefined || readBefore === undefined ? undefined : readNow - readBefore);
      });
    });
    socket.on('secureConnect', () => {
      this.stepDone();
      this.stage = 'secured';
      const secure = socket as tls.TLSSocket;
      const peer = secure.getPeerCertificate(true);
      // Node checks the host name itself and reports a mismatch as an authorization error.
      const authorizationError = secure.authorizationError ? String(secure.authorizationError) : undefined;
      this.tap.lifecycle({
        phase: 'tls',
        protocol: secure.getProtocol() ?? 'unknown',
        cipher: secure.getCipher()?.name ?? 'unknown',
        ...(secure.alpnProtocol ? { alpn: secure.alpnProtocol } : {}),
        authorized: secure.authorized,
        ...(authorizationError ? { authorizationError } : {}),
        chain: certificateChain(peer),
        durationMs: performance.now() - tlsStart,
      });
      if (authorizationError && tlsOptions?.verify !== false) {
        const named = peer.subjectaltname || `the subject ${peer.subject?.CN ?? 'without a name'}`;
        this.failure = { code: authorizationError, message: `The broker's certificate was not accepted (${authorizationError}): it names ${named}; the connection asked for ${serverName ?? address}` };
        socket.destroy();
        return;
      }
      this.transportReady();
    });
    // Plain TCP is read by connectGatheringReads; the WebSocket reads its socket itself.
    if (this.options.websocket) this.openWebsocket(socket, host, port);
    else if (tlsOptions) socket.on('data', (chunk: Buffer) => this.tap.bytes('s2c', chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      const beforeTls = this.stage === 'securing' ? noTlsAnswer(error, address, port, bytesBeforeClose) : undefined;
      this.failure ??= beforeTls ?? { code: error.code, message: describeSocketError(error, address, port) };
    });
    socket.on('close', () => this.finish(this.failure ? 'error' : this.closeRequested ? 'client' : 'broker'));
  }

  /** TCP (and TLS) are up: the WebSocket upgrade runs by itself; plain MQTT starts the handshake. */
  private transportReady(): void {
    if (!this.websocket) return this.handshake();
    this.stage = 'upgrading';
    const { url } = this.websocket;
    const socket = this.socket!;
    const readBefore = socket.bytesRead;
    this.awaitStep(() => upgradeTimeout(url, this.stepTimeoutMs, socket.bytesRead - readBefore));
  }

  /** MQTT over WebSocket: the upgrade on our socket, then packets in binary messages. */
  private openWebsocket(socket: net.Socket, host: string, port: number): void {
    const scheme = this.options.tls ? 'wss' : 'ws';
    const url = `${scheme}://${net.isIPv6(host) ? `[${host}]` : host}:${port}${this.options.websocket!.path}`;
    const upgradeStart = performance.now();
    // The upgrade is bounded by the step timer from the moment its request can go out (TCP, or TLS, up).
    const websocket = new WebSocket(url, ['mqtt'], { createConnection: () => socket, perMessageDeflate: false });
    this.websocket = websocket;
    websocket.on('upgrade', (response) => {
      this.tap.lifecycle({ phase: 'websocket', url, status: response.statusCode ?? 0, ...(response.headers['sec-websocket-protocol'] ? { protocol: String(response.headers['sec-websocket-protocol']) } : {}), durationMs: performance.now() - upgradeStart });
    });
    websocket.on('unexpected-response', (_request, response) => {
      this.tap.lifecycle({ phase: 'websocket', url, status: response.statusCode ?? 0, durationMs: performance.now() - upgradeStart });
      this.failure ??= { code: 'ERR_WS_UPGRADE', message: `The WebSocket upgrade to ${url} was answered HTTP ${response.statusCode} ${response.statusMessage ?? ''}`.trim() };
      socket.destroy();
    });
    websocket.on('open', () => this.handshake());
    websocket.on('message', (data: Buffer) => this.tap.bytes('s2c', data));
    websocket.on('error', (error: NodeJS.ErrnoException) => {
      this.failure ??= { code: error.code ?? 'ERR_WS', message: error.message };
    });
    websocket.on('close', () => socket.destroy());
  }

  /** The connection is up: send the CONNECT, now or after the asked-for delay, and wait for the CONNACK. */
  private handshake(): void {
    this.stage = 'handshake';
    // The delay is asked for: no step waits on the broker until the CONNECT has gone.
    this.stepDone();
    const delay = this.options.plan?.connectDelayMs ?? 0;
    const sendConnect = () => {
      this.send(connectPacketBytes(this.options));
      this.awaitStep(() => connackTimeout(this.stepTimeoutMs));
    };
    if (delay > 0) this.connectDelay = setTimeout(sendConnect, delay);
    else sendConnect();
  }

  /** The next step waits on the broker for at most the connection's timeout; past it, `failure` ends the connection. */
  private awaitStep(failure: () => StepFailure): void {
    this.stepDone();
    const timer = setTimeout(() => {
      // A process held busy past the timeout finds the timer and the step's answer due together,
      // and the loop runs timers first: the sockets are read before the step is called late.
      setImmediate(() => {
        if (this.stepTimer !== timer) return;
        this.stepTimer = undefined;
        this.failure ??= failure();
        this.socket?.destroy();
      });
    }, this.stepTimeoutMs);
    this.stepTimer = timer;
  }

  private stepDone(): void {
    clearTimeout(this.stepTimer);
    this.stepTimer = undefined;
  }

  private sendPacket(packet: CraftPacket): void {
    this.send(encodePacket(packet));
  }

  private send(bytes: Uint8Array): void {
    const socket = this.socket;
    if (!socket || socket.destroyed || !socket.writable) return;
    if (this.websocket && this.websocket.readyState !== WebSocket.OPEN) return;
    this.tap.bytes('c2s', bytes);
    // Packets sent in one turn of the event loop leave in a few writes, not one system call
    // each; a long burst still flows out in batches so the broker can work alongside.
    if (!socket.writableCorked) {
      socket.cork();
      process.nextTick(() => {
        if (socket.writableCorked) socket.uncork();
      });
    } else if (++this.corkedWrites % WRITES_PER_BATCH === 0) {
      socket.uncork();
      socket.cork();
    }
    if (this.websocket) this.websocket.send(bytes);
    else socket.write(bytes);
    if (this.stage === 'connected') this.driver.sent();
  }

  private onPacket(dir: Direction, packet: DecodedPacket): void {
    if (dir !== 's2c') return;
    if (packet.type === PACKET_TYPE_IDS.CONNACK && this.stage === 'handshake') {
      this.stepDone();
      if (!summarizeConnack(packet)?.accepted) return;
      this.stage = 'connected';
      this.driver.accepted(serverKeepAlive(packet), receiveMaximum(packet));
      return;
    }
    if (this.stage === 'connected') this.driver.received(packet);
  }

  private finish(by: CloseCause): void {
    if (this.stage === 'closed') return;
    this.stage = 'closed';
    this.driver.stop();
    if (this.connectDelay) clearTimeout(this.connectDelay);
    this.stepDone();
    this.tap.closed(by, this.failure);
    this.resolveClosed();
  }
}

/** What the client reads: the broker's packets, but for a QoS 0 PUBLISH (nothing to answer). */
function answered(dir: Direction, firstByte: number): boolean {
  return dir === 's2c' && !(packetTypeOf(firstByte) === PACKET_TYPE_IDS.PUBLISH && publishQos(firstByte) === 0);
}

/** The v5 Server Keep Alive property of a CONNACK, which replaces the client's keep alive. */
function serverKeepAlive(connack: DecodedPacket): number | undefined {
  return numberProperty(connack, 'Server Keep Alive');
}

/** The v5 Receive Maximum of a CONNACK: how many QoS 1 and 2 PUBLISHes the broker takes at once. */
function receiveMaximum(connack: DecodedPacket): number | undefined {
  return numberProperty(connack, 'Receive Maximum');
}

function numberProperty(packet: DecodedPacket, name: string): number | undefined {
  const value = propertyValues(findField(packet.fields, FIELD_KEYS.properties))[name];
  return typeof value === 'number' ? value : undefined;
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
