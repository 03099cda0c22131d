// The local broker's user list: passwords kept only as salted scrypt hashes, compared in
// constant time. A check never blocks the event loop (scrypt runs on libuv's pool) and a few run
// at once. Checks and failures are kept per address and user name (a pair): each pair's checks
// run one at a time, pairs taking turns. What holds for alice, whoever else guesses wrong:
// - other names' failures never throttle her, and never turn away her check while it is her
//   pair's only one waiting; they delay it by at most one hash per other waiting pair for each
//   turn of hers;
// - a flood on her own name from her address is her pair's: past 20 failures in the window its
//   wrong passwords are answered as throttled, and at most MAX_WAITING_PER_PAIR of its checks wait,
//   a newer one pushing out the oldest unchecked, so her right password, sent last, is checked
//   after at most that many guesses of her name (the one hashing and the ones queued before it);
// - the broker's list holds MAX_WAITING_CHECKS; full, the pair with the most waiting (two at
//   least) gives up its oldest, and when every waiting pair has one, the new check is turned away.
import { createHash, randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import { MAX_TRACKED_PAIRS, MAX_WAITING_CHECKS, MAX_WAITING_PER_PAIR } from '../limits';

export interface BrokerUser {
  username: string;
  password: string;
}

interface StoredUser {
  salt: Buffer;
  hash: Buffer;
}

/**
 * What a login check said. 'throttled': a wrong password of a pair past its failures in the
 * window; 'superseded': not checked, newer attempts of the same pair pushed it out of the pair's
 * waiting queue; 'busy': not checked, the broker's waiting list was full of other pairs' checks.
 */
export type LoginVerdict = 'accepted' | 'refused' | 'throttled' | 'superseded' | 'busy';

/** Checks hashing at once; the rest wait their turn. */
export const CONCURRENT_CHECKS = 2;
/** Failures of one address and user name within the window after which its failures are a
 *  flood, not a person trying passwords by hand. */
export const FAILURES_BEFORE_THROTTLE = 20;
export const THROTTLE_WINDOW_MS = 10_000;
const KEY_LENGTH = 32;

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

/** A waiting check is told when its turn comes, or why it was pushed out before. */
type Waiter = (turn: 'turn' | 'superseded' | 'busy') => void;

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
   *  of a pair that keeps failing is 'throttled'; a check pushed out before its turn is
   *  'superseded' (by its own pair) or 'busy' (the broker's list was full). */
  async check(username: string, password: Buffer | undefined, address = ''): Promise<LoginVerdict> {
    const pair = pairKey(address, username);
    const turn = await this.turn(pair);
    if (turn !== 'turn') return turn;
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

  /** What the failure records hold (tests count it). */
  get remembered(): { pairs: number; keyBytes: number } {
    let keyBytes = 0;
    for (const pair of this.failures.keys()) keyBytes += pair.length;
    return { pairs: this.failures.size, keyBytes };
  }

  /** Counts a failure of the pair in its window; how many there were. Records are kept in the
   *  order their windows began, so the expired ones are the first few: each is dropped once. */
  private failed(pair: string): number {
    const now = this.now();
    for (const [oldest, record] of this.failures) {
      if (now - record.since <= THROTTLE_WINDOW_MS && this.failures.size < MAX_TRACKED_PAIRS) break;
      this.failures.delete(oldest);
    }
    let record = this.failures.get(pair);
    // Expired but not swept (a clock set back leaves records out of order): begun again, last.
    if (record && now - record.since > THROTTLE_WINDOW_MS) {
      this.failures.delete(pair);
      record = undefined;
    }
    if (!record) {
      record = { count: 0, since: now };
      this.failures.set(pair, record);
    }
    record.count++;
    return record.count;
  }

  private turn(pair: string): Promise<'turn' | 'superseded' | 'busy'> {
    if (this.hashing.size < CONCURRENT_CHECKS && !this.hashing.has(pair)) {
      this.hashing.add(pair);
      return Promise.resolve('turn');
    }
    const queue = this.waiting.get(pair) ?? [];
    if (queue.length >= MAX_WAITING_PER_PAIR) this.dropOldest(pair, queue, 'superseded');
    else if (this.waitingCount >= MAX_WAITING_CHECKS && !this.giveWay(pair, queue)) return Promise.resolve('busy');
    return new Promise((resolve) => {
      queue.push(resolve);
      this.waiting.set(pair, queue);
      this.waitingCount++;
    });
  }

  /** The list is full: the pair with the most checks waiting, counting this new one, gives up its
   *  oldest (this pair's own when it is among the largest); false when this pair has none
   *  waiting and no other pair more than one: the new check is the one turned away. */
  private giveWay(pair: string, own: Waiter[]): boolean {
    let largest: [string, Waiter[]] | undefined;
    for (const entry of this.waiting) if (entry[0] !== pair && (!largest || entry[1].length > largest[1].length)) largest = entry;
    if (largest && largest[1].length > own.length + 1) this.dropOldest(largest[0], largest[1], 'busy');
    else if (own.length > 0) this.dropOldest(pair, own, 'superseded');
    else return false;
    return true;
  }

  private dropOldest(pair: string, queue: Waiter[], why: 'superseded' | 'busy'): void {
    queue.shift()!(why);
    this.waitingCount--;
    if (queue.length === 0) this.waiting.delete(pair);
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
      resolve('turn');
    }
  }
}

/** A pair's key: the address, then a digest of the user name (a peer's name may be 65,535 bytes,
 *  its key is 44 characters plus the address). An address holds no NUL, so no two pairs read the same. */
function pairKey(address: string, username: string): string {
  return `${address}\0${createHash('sha256').update(username).digest('base64')}`;
}
