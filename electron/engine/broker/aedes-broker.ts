// An embedded Aedes broker on a local TCP port, with an optional user list.
import { createServer, type AddressInfo, type Server } from 'node:net';
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
}

export interface RunningBroker {
  host: string;
  port: number;
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
  return {
    host,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        broker.close();
      }),
  };
}
