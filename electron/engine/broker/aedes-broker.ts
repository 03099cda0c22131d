// An embedded Aedes broker on a local TCP port, with an optional user list.
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { createWebSocketStream, WebSocketServer } from 'ws';
import { scryptSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { Aedes, type AuthenticateError } from 'aedes';

export interface BrokerUser {
  username: string;
  password: string;
}

export interface AedesBrokerOptions {
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  users?: BrokerUser[];
  allowAnonymous?: boolean;
  /** Also serve MQTT over WebSocket on this port (0 picks one), at this path. */
  websocket?: { port?: number; path?: string; tls?: { certPem: string; keyPem: string } };
}

export interface RunningBroker {
  host: string;
  port: number;
  /** The WebSocket listener's port, when one was asked for. */
  websocketPort?: number;
  close(): Promise<void>;
}

interface StoredUser {
  salt: Buffer;
  hash: Buffer;
}

/** Passwords are kept only as salted scrypt hashes. */
function storeUser(password: string): StoredUser {
  const salt = randomBytes(16);
  return { salt, hash: scryptSync(password, salt, 32) };
}

function authError(returnCode: 4 | 5, message: string): AuthenticateError {
  return Object.assign(new Error(message), { returnCode }) as AuthenticateError;
}

export async function startAedesBroker(options: AedesBrokerOptions = {}): Promise<RunningBroker> {
  const host = options.host ?? '127.0.0.1';
  const users = new Map((options.users ?? []).map((user) => [user.username, storeUser(user.password)]));
  const allowAnonymous = options.allowAnonymous ?? users.size === 0;

  const broker = await Aedes.createBroker({
    authenticate(_client, username, password, done) {
      if (username === undefined) {
        return allowAnonymous ? done(null, true) : done(authError(5, 'Anonymous clients are not allowed'), false);
      }
      const stored = users.get(username);
      const given = scryptSync(password ?? Buffer.alloc(0), stored?.salt ?? Buffer.alloc(16), 32);
      if (stored && timingSafeEqual(given, stored.hash)) return done(null, true);
      return done(authError(4, 'Bad user name or password'), false);
    },
  });
  const server: Server = createServer((socket) => broker.handle(socket));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  let websocketPort: number | undefined;
  let closeWebsocket = async () => {};
  if (options.websocket) {
    const web = options.websocket.tls ? createHttpsServer({ cert: options.websocket.tls.certPem, key: options.websocket.tls.keyPem }) : createHttpServer();
    const wss = new WebSocketServer({ server: web, path: options.websocket.path ?? '/mqtt' });
    wss.on('connection', (socket) => broker.handle(createWebSocketStream(socket)));
    await new Promise<void>((resolve) => web.listen(options.websocket!.port ?? 0, host, resolve));
    websocketPort = (web.address() as AddressInfo).port;
    closeWebsocket = () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        web.close(() => resolve());
      });
  }

  return {
    host,
    port,
    ...(websocketPort !== undefined ? { websocketPort } : {}),
    close: async () => {
      await closeWebsocket();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        broker.close();
      });
    },
  };
}
