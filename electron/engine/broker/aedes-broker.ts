// The embedded broker: Aedes on a local port, strict where the specification is strict, every
// client connection traced through the same tap as the client's, and events for what the
// broker does on its own (refusals, wills, takeovers, timeouts).
import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { Duplex } from 'node:stream';
import { PROTOCOL_LEVELS } from '@shared/mqtt';
import { encodePacket } from '@shared/mqtt/encode';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import { createWebSocketStream, WebSocketServer } from 'ws';
import { describeAclErrors, parseAcl, type Acl, type AclParse } from '@shared/model/acl';
import { DEFAULT_CONNECT_TIMEOUT_SECONDS, type BrokerEvent, type BrokerSession, type MessagePreview } from '@shared/model/broker';
import { traceNow } from '../trace/clock';
import { ConnectionTap, type ChunkListener, type TraceSink } from '../trace/tap';
import { AckAfterStore } from './ack-after-store';
import { aclHooks } from './acl-hooks';
import { admit, type AdmissionContext, type Admitted, type Candidate, type Refusal, type ReturnCode } from './admission';
import { fixSessionPresent } from './connack-session-present';
import { JournalPersistence } from './journal-persistence';
import { guardPacketSize } from './packet-size-guard';
import { MemorySessionRegister, type SessionRegister } from './session-register';
import { readRetained, readSession, type SessionStore } from './sessions';
import { tapSocket } from './socket-tap';
import { gatherWrites } from './write-gather';
import { UserList, type BrokerUser, type UserListOptions } from './users';
import { DEFAULT_MAX_PACKET_SIZE, MAX_HELD_SESSIONS, WEBSOCKET_SLACK } from '../limits';

export type { BrokerUser };

export interface AedesBrokerOptions {
  /** 127.0.0.1 unless the person asks for another address. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  users?: BrokerUser[];
  /** The login checks' clock and hash (tests hold and count the hashes). */
  loginChecks?: UserListOptions;
  /** Anonymous clients are let in when no user list is given, unless this says otherwise. */
  allowAnonymous?: boolean;
  /** Seconds a socket may stay open without sending a CONNECT (DEFAULT_CONNECT_TIMEOUT_SECONDS unless given). */
  connectTimeoutSeconds?: number;
  /** The largest packet a client may send, in bytes; a connection announcing more is closed. */
  maxPacketSize?: number;
  /** Persistent sessions held at most (tests lower it); past it a new one is refused with code 3. */
  maxHeldSessions?: number;
  /** Also serve MQTT over WebSocket on this port (0 picks one), at this path. */
  websocket?: { port?: number; path?: string; tls?: { certPem: string; keyPem: string } };
  /** Access control in mosquitto's acl_file format (its text, or already read); a text that does not read is refused at start. */
  acl?: string | Acl;
  /** Keep sessions, queued and retained messages in this folder, across restarts and crashes. */
  persistDir?: string;
  /** Where each client connection's packets go; no tracing without it. */
  sink?: TraceSink;
  /** Every chunk as the tap records it (the trace store's). */
  onChunk?: ChunkListener;
  onEvent?: (event: BrokerEvent) => void;
}

export interface RunningBroker {
  host: string;
  port: number;
  /** The WebSocket listener's port, when one was asked for. */
  websocketPort?: number;
  /** Sessions of connected clients and of clients that asked to persist. */
  sessions(): Promise<BrokerSession[]>;
  retained(): Promise<MessagePreview[]>;
  /** Ends a stored session as a clean-session connect would (the client is disconnected first). */
  purgeSession(clientId: string): Promise<void>;
  /** Clears a retained message, as an empty retained publish does. */
  purgeRetained(topic: string): Promise<void>;
  /** Lets one more user in while it runs (anonymous clients stay as they were); the function returned takes it out. */
  addUser(user: BrokerUser): Promise<() => void>;
  close(): Promise<void>;
}

/** Two in-memory stream ends: what is written to one is read from the other. */
function duplexPair(): [Duplex, Duplex] {
  const ends: Duplex[] = [];
  const end = (other: () => Duplex) =>
    new Duplex({
      read() {},
      write(chunk, _encoding, callback) {
        if (!other().readableEnded) other().push(chunk);
        callback();
      },
      final(callback) {
        other().push(null);
        callback();
      },
    });
  ends.push(end(() => ends[1]), end(() => ends[0]));
  return [ends[0], ends[1]];
}

/** Connects and disconnects as `clientId` with clean session on, inside the broker: Aedes then drops the session by its own rules. */
function cleanConnect(broker: Aedes, clientId: string, internal: WeakSet<object>): Promise<void> {
  return new Promise((resolve) => {
    const [inside, outside] = duplexPair();
    // The broker's own connection: let in whoever the broker admits, with no password.
    internal.add(inside);
    // The CONNACK is the only answer we wait for; anything after it is of no interest.
    outside.once('data', () => outside.end(encodePacket({ type: 'DISCONNECT' })));
    outside.on('data', () => {});
    for (const end of [inside, outside]) end.on('error', () => end.destroy());
    inside.on('close', () => resolve());
    broker.handle(inside);
    outside.write(encodePacket({ type: 'CONNECT', clientId, clean: true, keepAlive: 0 }));
  });
}

const SESSIONS_CHANGED_MS = 250;

/** Aedes sends the code of a refusal from 2 to 5 (another is sent as 5). */
function refusal(returnCode: ReturnCode, message: string): AuthenticateError {
  return Object.assign(new Error(message), { returnCode }) as AuthenticateError;
}

/** A connection's admission: what its CONNECT asked, what the steps learned, what they refused. */
interface Admission {
  candidate: Candidate;
  admitted: Admitted;
  refused?: Refusal;
}

export async function startAedesBroker(options: AedesBrokerOptions = {}): Promise<RunningBroker> {
  const host = options.host ?? '127.0.0.1';
  const users = new UserList(options.users, options.loginChecks);
  const allowAnonymous = options.allowAnonymous ?? users.size === 0;
  const connectTimeoutSeconds = options.connectTimeoutSeconds ?? DEFAULT_CONNECT_TIMEOUT_SECONDS;
  const maxPacketSize = options.maxPacketSize ?? DEFAULT_MAX_PACKET_SIZE;
  const maxHeldSessions = options.maxHeldSessions ?? MAX_HELD_SESSIONS;
  const emit = (event: BrokerEvent) => options.onEvent?.(event);
  const connectionIds = new WeakMap<object, string>();
  const keepAliveExpired = new WeakSet<Client>();
  /** Each connection's admission (admission.ts), by its stream. */
  const admissions = new WeakMap<object, Admission>();
  const wills = new WeakMap<Client, string>();
  const liveByClientId = new Map<string, Client>();
  const idOf = (client: Client) => connectionIds.get(client.conn) ?? 'unknown';
  /** The broker's own connections (a purge), admitted without credentials. */
  const internalStreams = new WeakSet<object>();
  /** Each connection's client IP address, for the failed-login throttle. */
  const addresses = new WeakMap<object, string>();
  const acks = options.persistDir ? new AckAfterStore() : undefined;
  const aclParse: AclParse | undefined = options.acl === undefined ? undefined : typeof options.acl === 'string' ? parseAcl(options.acl) : { ok: true, acl: options.acl };
  if (aclParse && !aclParse.ok) throw new Error(`The ACL does not read:\n${describeAclErrors(aclParse.errors)}`);
  const acl = aclParse?.ok
    ? aclHooks(aclParse.acl, {
        connectionId: idOf,
        emit,
        // A refused QoS 1 PUBLISH is never published: its held PUBACK is let go here instead.
        onDropped: (packet, client) => {
          if (packet.qos === 1) acks?.release(client.conn as Duplex, packet.messageId);
        },
      })
    : undefined;
  const journal = options.persistDir ? await JournalPersistence.open(options.persistDir) : undefined;
  for (const problem of journal?.problems ?? []) emit({ type: 'journal-line-skipped', time: traceNow(), ...problem });
  /** Client ids the broker holds a session for, kept in the journal when there is one. */
  const register: SessionRegister = journal ?? new MemorySessionRegister();
  const admission: AdmissionContext = {
    allowAnonymous,
    checkLogin: (username, password, address) => users.check(username, password, address),
    register,
    maxHeldSessions,
    liveConnectionOf: (clientId) => {
      const live = liveByClientId.get(clientId);
      return live && idOf(live);
    },
  };
  const tellRefused = (client: Client, { returnCode, reason, throttled }: Refusal) =>
    emit({ type: 'refused', time: traceNow(), connectionId: idOf(client), returnCode, reason, ...(throttled ? { throttled } : {}) });

  const broker = await Aedes.createBroker({
    connectTimeout: connectTimeoutSeconds * 1000,
    ...(journal ? { persistence: journal } : {}),
    ...(acl ? { authorizeSubscribe: acl.authorizeSubscribe, authorizePublish: acl.authorizePublish, authorizeForward: acl.authorizeForward } : {}),
    published(packet, client, done) {
      if (packet.qos === 1 && client) acks?.release(client.conn as Duplex, packet.messageId);
      done(null);
    },
    preConnect(client, packet, done) {
      const candidate: Candidate = {
        clientId: packet.clientId,
        emptyClientId: !packet.clientId,
        clean: packet.clean === true,
        protocolVersion: packet.protocolVersion ?? PROTOCOL_LEVELS['3.1.1'],
        username: packet.username,
        password: packet.password,
        address: addresses.get(client.conn) ?? '',
        internal: internalStreams.has(client.conn),
      };
      const entry: Admission = { candidate, admitted: {} };
      admissions.set(client.conn, entry);
      // What these steps refuse, Aedes refuses on its own next (with the same return code).
      admit('connect', candidate, admission, entry.admitted, (outcome) => {
        if (outcome) {
          entry.refused = outcome;
          tellRefused(client, outcome);
        }
        done(null, true);
      });
    },
    authenticate(client, _username, _password, done) {
      // Aedes runs preConnect before it asks to authenticate.
      const entry = admissions.get(client.conn)!;
      // Told already; Aedes refuses such a CONNECT itself, this only makes sure.
      if (entry.refused) return done(refusal(entry.refused.returnCode, entry.refused.reason), false);
      // The session is kept under the id Aedes gave the client (its own for an empty one).
      const candidate = { ...entry.candidate, clientId: client.id };
      if (!candidate.internal) acl?.rememberUser(client, candidate.username);
      admit('authenticate', candidate, admission, entry.admitted, (outcome) => {
        if (!outcome) return done(null, true);
        tellRefused(client, outcome);
        done(refusal(outcome.returnCode, outcome.reason), false);
      });
    },
  });

  acl?.install(broker);

  // Sessions change with every subscription, disconnect and queued message; the view is told
  // at most every SESSIONS_CHANGED_MS.
  let sessionsTimer: NodeJS.Timeout | undefined;
  const sessionsChanged = () => {
    sessionsTimer ??= setTimeout(() => {
      sessionsTimer = undefined;
      emit({ type: 'sessions-changed', time: traceNow() });
    }, SESSIONS_CHANGED_MS);
  };
  broker.on('clientReady', sessionsChanged);
  broker.on('clientDisconnect', sessionsChanged);
  broker.on('subscribe', sessionsChanged);
  broker.on('unsubscribe', sessionsChanged);
  broker.on('publish', sessionsChanged);

  broker.on('clientReady', (client) => {
    const older = admissions.get(client.conn)?.admitted.takesOver;
    if (older) emit({ type: 'session-taken-over', time: traceNow(), clientId: client.id, connectionId: older });
    liveByClientId.set(client.id, client);
    const will = (client as Client & { will?: { topic: string } | null }).will;
    if (will) wills.set(client, will.topic);
    emit({ type: 'client-connected', time: traceNow(), connectionId: idOf(client), clientId: client.id, clean: client.clean });
  });
  broker.on('clientDisconnect', (client) => {
    if (liveByClientId.get(client.id) === client) liveByClientId.delete(client.id);
    emit({ type: 'client-disconnected', time: traceNow(), connectionId: idOf(client), clientId: client.id });
  });
  broker.on('keepaliveTimeout', (client) => {
    keepAliveExpired.add(client);
    emit({ type: 'keepalive-timeout', time: traceNow(), connectionId: idOf(client), clientId: client.id });
  });
  broker.on('publish', (packet, client) => {
    if (client && wills.get(client) === packet.topic && client.closed) {
      wills.delete(client);
      emit({ type: 'will-published', time: traceNow(), clientId: client.id, topic: packet.topic, reason: keepAliveExpired.has(client) ? 'keep-alive timeout' : 'abnormal close' });
    }
  });
  broker.on('connectionError', (client, error) => {
    if (/connect did not arrive in time/.test(error.message)) {
      emit({ type: 'connect-timeout', time: traceNow(), connectionId: idOf(client), seconds: connectTimeoutSeconds });
    }
  });
  // A client's failure is its own; it must never take the broker down.
  broker.on('clientError', () => {});

  /** Hands a client connection to Aedes, traced when a sink was given. */
  const accept = (stream: Duplex, remote: string, local: string) => {
    const connectionId = randomUUID();
    connectionIds.set(stream, connectionId);
    addresses.set(stream, remote.slice(0, remote.lastIndexOf(':')));
    // Before the tap and Aedes read the bytes: a packet over the limit is never buffered.
    guardPacketSize(stream, maxPacketSize, (declaredSize) => {
      emit({ type: 'packet-too-large', time: traceNow(), connectionId, declaredSize, maxPacketSize });
      stream.destroy();
    });
    // Before anything else wraps the writes: the pieces of a turn go to the socket as one chunk.
    const writes = gatherWrites(stream);
    if (options.sink) {
      const tap = new ConnectionTap(connectionId, options.sink, undefined, { maxPacketSize, onChunk: options.onChunk });
      // The client dialled: no DNS or TCP step was seen from here, only the connection accepted.
      tap.lifecycle({ phase: 'accepted', by: 'broker', clientAddress: remote, localAddress: local });
      tapSocket(stream, writes, tap);
      let clientEnded = false;
      stream.on('end', () => (clientEnded = true));
      stream.on('close', () => tap.closed(clientEnded ? 'client' : 'broker'));
    }
    // After the tap, so the trace shows a held PUBACK when it really leaves.
    acks?.guard(stream);
    fixSessionPresent(stream, () => admissions.get(stream)?.admitted.sessionPresent === true);
    stream.on('error', () => stream.destroy());
    broker.handle(stream);
  };

  const server: Server = createServer((socket) => accept(socket, `${socket.remoteAddress}:${socket.remotePort}`, `${socket.localAddress}:${socket.localPort}`));
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    // A busy port must not leave a broker running with nowhere to listen.
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    throw error;
  }
  const { port } = server.address() as AddressInfo;

  let websocketPort: number | undefined;
  let closeWebsocket = async () => {};
  if (options.websocket) {
    const web = options.websocket.tls ? createHttpsServer({ cert: options.websocket.tls.certPem, key: options.websocket.tls.keyPem }) : createHttpServer();
    // ws would buffer a message up to 100 MiB before any byte reaches the packet-size guard.
    const wss = new WebSocketServer({ server: web, path: options.websocket.path ?? '/mqtt', maxPayload: maxPacketSize + WEBSOCKET_SLACK });
    wss.on('connection', (socket, request) => accept(createWebSocketStream(socket), `${request.socket.remoteAddress}:${request.socket.remotePort}`, `ws ${request.url}`));
    await new Promise<void>((resolve) => web.listen(options.websocket!.port ?? 0, host, resolve));
    websocketPort = (web.address() as AddressInfo).port;
    closeWebsocket = () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        web.close(() => resolve());
      });
  }

  const store = (broker as unknown as { persistence: SessionStore }).persistence;
  return {
    host,
    port,
    ...(websocketPort !== undefined ? { websocketPort } : {}),
    sessions: async () => {
      const stored = (store as SessionStore & { clientIds?: () => string[] }).clientIds?.() ?? [];
      const ids = new Set([...register.held(), ...stored, ...liveByClientId.keys()]);
      const sessions = await Promise.all(
        [...ids].sort().map((clientId) => {
          const live = liveByClientId.get(clientId);
          if (!live) return readSession(store, clientId, { connected: false, clean: false });
          const { will, subscriptions } = live as Client & { will?: null | { topic: string }; subscriptions: Record<string, { qos: number }> };
          return readSession(store, clientId, { connected: true, clean: live.clean, will: will ?? null, subscriptions: Object.entries(subscriptions).map(([topic, { qos }]) => ({ topic, qos })) });
        }),
      );
      // A disconnected client the broker holds no session for, with nothing stored, has nothing to show.
      return sessions.filter((session) => session.connected || register.holds(session.clientId) || session.subscriptions.length > 0 || session.queued.length > 0 || session.will);
    },
    retained: () => readRetained(store),
    purgeSession: async (clientId) => {
      const live = liveByClientId.get(clientId);
      if (live) await new Promise<void>((resolve) => live.close(() => resolve()));
      await cleanConnect(broker, clientId, internalStreams);
      await register.drop(clientId);
    },
    addUser: (user) => users.add(user),
    purgeRetained: (topic) =>
      new Promise<void>((resolve, reject) =>
        broker.publish({ cmd: 'publish', topic, payload: Buffer.alloc(0), qos: 0, retain: true, dup: false }, (error) => (error ? reject(error) : resolve())),
      ),
    close: async () => {
      if (sessionsTimer) clearTimeout(sessionsTimer);
      sessionsTimer = undefined;
      await closeWebsocket();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        broker.close();
      });
    },
  };
}
