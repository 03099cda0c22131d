// The local broker's user list: passwords kept only as salted scrypt hashes, compared in
// constant time.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

export interface BrokerUser {
  username: string;
  password: string;
}

interface StoredUser {
  salt: Buffer;
  hash: Buffer;
}

export class UserList {
  private readonly users = new Map<string, StoredUser>();

  constructor(users: readonly BrokerUser[] = []) {
    for (const { username, password } of users) {
      const salt = randomBytes(16);
      this.users.set(username, { salt, hash: scryptSync(password, salt, 32) });
    }
  }

  get size(): number {
    return this.users.size;
  }

  /** True when the user exists and the password matches; the same work either way. */
  check(username: string, password: Buffer | undefined): boolean {
    const stored = this.users.get(username);
    const given = scryptSync(password ?? Buffer.alloc(0), stored?.salt ?? Buffer.alloc(16), 32);
    return stored !== undefined && timingSafeEqual(given, stored.hash);
  }
}
