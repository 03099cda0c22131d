// The local broker's user list: passwords kept only as salted scrypt hashes, compared in
// constant time. A check never blocks the event loop (scrypt runs on libuv's pool), a few run
// at once, and an address that keeps failing is refused at once for a while, before any hashing.
import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';

export interface BrokerUser {
  username: string;
  password: string;
}

interface StoredUser {
  salt: Buffer;
  hash: Buffer;
}

export type LoginVerdict = 'accepted' | 'refused' | 'throttled';

/** Checks hashing at once; the rest wait their turn. */
const CONCURRENT_CHECKS = 2;
/** Failures from one address within the window after which it is refused without a check: a
 *  flood, not a person trying passwords by hand. */
const FAILURES_BEFORE_THROTTLE = 20;
export const THROTTLE_WINDOW_MS = 10_000;
const KEY_LENGTH = 32;
/** Checks waiting for a turn at most; past that a login is refused at once. */
const MAX_WAITING_CHECKS = 256;
/** Addresses whose failures are remembered at most. */
const MAX_TRACKED_ADDRESSES = 10_000;

/**
 * The password as scrypt's input: its length, then its bytes. scrypt uses it as an HMAC key,
 * which would make `secret` and `secret\0` one key, and a key over 64 bytes the same as its
 * SHA-256; with the length in front neither can happen.
 */
function keyMaterial(password: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(password.length);
  return Buffer.concat([length, password]);
}

function hashAsync(password: Buffer, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(keyMaterial(password), salt, KEY_LENGTH, (error, key) => (error ? reject(error) : resolve(key))));
}

export class UserList {
  private readonly users = new Map<string, StoredUser>();
  private readonly failures = new Map<string, { count: number; since: number }>();
  /** Checks waiting or hashing, by address. */
  private readonly pendingChecks = new Map<string, number>();
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(users: readonly BrokerUser[] = []) {
    for (const { username, password } of users) {
      const salt = randomBytes(16);
      // At start, once per user: the list is ready before the broker listens.
      this.users.set(username, { salt, hash: scryptSync(keyMaterial(Buffer.from(password)), salt, KEY_LENGTH) });
    }
  }

  get size(): number {
    return this.users.size;
  }

  /** Whether the user exists and the password matches (the same work either way), or that the address is throttled. */
  async check(username: string, password: Buffer | undefined, address = '', now = Date.now()): Promise<LoginVerdict> {
    const failed = this.failures.get(address);
    if (failed && now - failed.since > THROTTLE_WINDOW_MS) this.failures.delete(address);
    // Checks still running count as failures to come: a burst of parallel attempts is a flood
    // before any of them has failed.
    const pending = this.pendingChecks.get(address) ?? 0;
    if ((this.failures.get(address)?.count ?? 0) + pending >= FAILURES_BEFORE_THROTTLE) return 'throttled';
    if (this.waiting.length >= MAX_WAITING_CHECKS) return 'throttled';

    const stored = this.users.get(username);
    this.pendingChecks.set(address, pending + 1);
    let given: Buffer;
    try {
      await this.turn();
      try {
        given = await hashAsync(password ?? Buffer.alloc(0), stored?.salt ?? Buffer.alloc(16));
      } finally {
        this.done();
      }
    } finally {
      const left = (this.pendingChecks.get(address) ?? 1) - 1;
      if (left > 0) this.pendingChecks.set(address, left);
      else this.pendingChecks.delete(address);
    }
    if (stored !== undefined && timingSafeEqual(given, stored.hash)) return 'accepted';
    const record = this.failures.get(address) ?? { count: 0, since: now };
    record.count++;
    this.failures.set(address, record);
    if (this.failures.size > MAX_TRACKED_ADDRESSES) this.forgetOldFailures(now);
    return 'refused';
  }

  private forgetOldFailures(now: number): void {
    for (const [address, record] of this.failures) if (now - record.since > THROTTLE_WINDOW_MS) this.failures.delete(address);
    // Still too many: many addresses failing at once; the oldest records go first.
    for (const address of this.failures.keys()) {
      if (this.failures.size <= MAX_TRACKED_ADDRESSES) break;
      this.failures.delete(address);
    }
  }

  private turn(): Promise<void> {
    if (this.running < CONCURRENT_CHECKS) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private done(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
}
