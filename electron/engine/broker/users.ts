// The local broker's user list: passwords kept only as salted scrypt hashes, compared in
// constant time. A check never blocks the event loop (scrypt runs on libuv's pool) and a few run
// at once. Failures are counted per address and user name: a pair that keeps failing is
// throttled — its checks run one at a time, taking turns with every other pair's, and its wrong
// passwords are answered as a throttle — but a right password is always checked and let in,
// whoever else is guessing wrong from the same address (all local clients share 127.0.0.1).
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
export const CONCURRENT_CHECKS = 2;
/** Failures of one address and user name within the window after which its failures are a
 *  flood, not a person trying passwords by hand. */
export const FAILURES_BEFORE_THROTTLE = 20;
export const THROTTLE_WINDOW_MS = 10_000;
const KEY_LENGTH = 32;
/** Checks waiting for a turn at most; past that the pair with the most waiting gives one up. */
export const MAX_WAITING_CHECKS = 256;
/** Address and user name pairs whose failures are remembered at most. */
const MAX_TRACKED_PAIRS = 10_000;

export interface UserListOptions {
  /** The clock of the throttle window (tests inject one). */
  now?: () => number;
  /** scrypt unless a test counts the work. */
  hash?: (password: Buffer, salt: Buffer) => Promise<Buffer>;
}

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

export function hashPassword(password: Buffer, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(keyMaterial(password), salt, KEY_LENGTH, (error, key) => (error ? reject(error) : resolve(key))));
}

/** A waiting check is told true when its turn comes, false when it gave way to another pair. */
type Waiter = (turn: boolean) => void;

export class UserList {
  private readonly users = new Map<string, StoredUser>();
  private readonly failures = new Map<string, { count: number; since: number }>();
  /** Checks waiting, by pair, in the order the pairs' turns come round. */
  private readonly waiting = new Map<string, Waiter[]>();
  private waitingCount = 0;
  /** Pairs with a check hashing now: one each at a time. */
  private readonly hashing = new Set<string>();
  private readonly now: () => number;
  private readonly hash: (password: Buffer, salt: Buffer) => Promise<Buffer>;

  constructor(users: readonly BrokerUser[] = [], options: UserListOptions = {}) {
    this.now = options.now ?? (() => Date.now());
    this.hash = options.hash ?? hashPassword;
    for (const { username, password } of users) {
      const salt = randomBytes(16);
      // At start, once per user: the list is ready before the broker listens.
      this.users.set(username, { salt, hash: scryptSync(keyMaterial(Buffer.from(password)), salt, KEY_LENGTH) });
    }
  }

  get size(): number {
    return this.users.size;
  }

  /** A user added while the broker runs (the lab's own, for one run); the function returned takes it out again. */
  async add({ username, password }: BrokerUser): Promise<() => void> {
    if (this.users.has(username)) throw new Error(`The broker already has a user named ${username}`);
    const salt = randomBytes(16);
    const stored = { salt, hash: await hashPassword(Buffer.from(password), salt) };
    this.users.set(username, stored);
    return () => {
      if (this.users.get(username) === stored) this.users.delete(username);
    };
  }

  /** Whether the user exists and the password matches (the same work either way); a wrong one
   *  of a pair that keeps failing is 'throttled', as is a check that gave way under a flood. */
  async check(username: string, password: Buffer | undefined, address = ''): Promise<LoginVerdict> {
    // The user name goes last: an address holds no NUL, so no two pairs read the same.
    const pair = `${address}\0${username}`;
    if (!(await this.turn(pair))) return 'throttled';
    const stored = this.users.get(username);
    let given: Buffer;
    try {
      given = await this.hash(password ?? Buffer.alloc(0), stored?.salt ?? Buffer.alloc(16));
    } finally {
      this.done(pair);
    }
    if (stored !== undefined && timingSafeEqual(given, stored.hash)) return 'accepted';
    return this.failed(pair) > FAILURES_BEFORE_THROTTLE ? 'throttled' : 'refused';
  }

  /** Counts a failure of the pair in its window; how many there were. */
  private failed(pair: string): number {
    const now = this.now();
    let record = this.failures.get(pair);
    if (!record || now - record.since > THROTTLE_WINDOW_MS) {
      this.failures.delete(pair);
      record = { count: 0, since: now };
    }
    record.count++;
    this.failures.set(pair, record);
    if (this.failures.size > MAX_TRACKED_PAIRS) this.forgetOldFailures(now);
    return record.count;
  }

  private forgetOldFailures(now: number): void {
    for (const [pair, record] of this.failures) if (now - record.since > THROTTLE_WINDOW_MS) this.failures.delete(pair);
    // Still too many: many pairs failing at once; the oldest records go first.
    for (const pair of this.failures.keys()) {
      if (this.failures.size <= MAX_TRACKED_PAIRS) break;
      this.failures.delete(pair);
    }
  }

  private turn(pair: string): Promise<boolean> {
    if (this.hashing.size < CONCURRENT_CHECKS && !this.hashing.has(pair)) {
      this.hashing.add(pair);
      return Promise.resolve(true);
    }
    if (this.waitingCount >= MAX_WAITING_CHECKS && !this.giveWay(pair)) return Promise.resolve(false);
    return new Promise((resolve) => {
      const queue = this.waiting.get(pair) ?? [];
      queue.push(resolve);
      this.waiting.set(pair, queue);
      this.waitingCount++;
    });
  }

  /** The list is full: the pair with the most checks waiting, if it has more than `pair`, gives
   *  up its newest, so that a flood crowds out only itself. */
  private giveWay(pair: string): boolean {
    let largest: Waiter[] | undefined;
    for (const queue of this.waiting.values()) if (!largest || queue.length > largest.length) largest = queue;
    if (!largest || largest.length <= (this.waiting.get(pair)?.length ?? 0) + 1) return false;
    largest.pop()!(false);
    this.waitingCount--;
    return true;
  }

  private done(pair: string): void {
    this.hashing.delete(pair);
    for (const [next, queue] of this.waiting) {
      if (this.hashing.size >= CONCURRENT_CHECKS) break;
      if (this.hashing.has(next)) continue;
      const resolve = queue.shift()!;
      this.waitingCount--;
      // Taken out and put back last: the pairs' turns come round in order.
      this.waiting.delete(next);
      if (queue.length > 0) this.waiting.set(next, queue);
      this.hashing.add(next);
      resolve(true);
    }
  }
}
