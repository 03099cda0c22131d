// Password checks of the local broker: right answers, no event-loop stalls, no flood.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CONCURRENT_CHECKS, FAILURES_BEFORE_THROTTLE, hashPassword, THROTTLE_WINDOW_MS, UserList, type BrokerUser } from './users';
import { TurnCounter } from '../../../testing/turns';
import { MAX_TRACKED_PAIRS, MAX_WAITING_CHECKS, MAX_WAITING_PER_PAIR } from '../limits';

describe('UserList', () => {
  it('accepts the right password only: not with a trailing NUL, and not the SHA-256 of a long one', async () => {
    const long = 'x'.repeat(100);
    const users = new UserList([{ username: 'alice', password: 'secret' }, { username: 'bob', password: long }]);
    expect(await users.check('alice', Buffer.from('secret'))).toBe('accepted');
    expect(await users.check('alice', Buffer.from('secret\0'))).toBe('refused');
    expect(await users.check('alice', Buffer.from('secre'))).toBe('refused');
    expect(await users.check('bob', Buffer.from(long))).toBe('accepted');
    expect(await users.check('bob', createHash('sha256').update(long).digest())).toBe('refused');
    expect(await users.check('nobody', Buffer.from('secret'))).toBe('refused');
  });

  it('checks 32 wrong passwords at once without stalling the event loop: at most CONCURRENT_CHECKS verdicts a turn', async () => {
    const users = new UserList([{ username: 'alice', password: 'secret' }]);
    // Counted, not timed: with scrypt on libuv's pool a turn of the loop can only finish the
    // hashes that were running (CONCURRENT_CHECKS); scryptSync on the loop would give all 32
    // verdicts in the turn that asked, however fast or slow the machine.
    const turns = new TurnCounter();
    const verdicts = await Promise.all(
      Array.from({ length: 32 }, (_, index) =>
        users.check('alice', Buffer.from(`guess-${index}`), `10.0.0.${index}`).then((verdict) => {
          turns.note();
          return verdict;
        }),
      ),
    );
    expect(verdicts.every((verdict) => verdict === 'refused')).toBe(true);
    expect(turns.perTurn.reduce((sum, count) => sum + count, 0)).toBe(32);
    expect(turns.most).toBeLessThanOrEqual(CONCURRENT_CHECKS);
  });

  it('throttles the wrong passwords of a pair that keeps failing, within its window; its right password, other users and addresses go on', async () => {
    let now = 0;
    const users = new UserList([{ username: 'alice', password: 'secret' }, { username: 'bob', password: 'hunter2' }], { now: () => now });
    for (let attempt = 0; attempt < FAILURES_BEFORE_THROTTLE; attempt++) expect(await users.check('alice', Buffer.from('wrong'), '127.0.0.9')).toBe('refused');
    expect(await users.check('alice', Buffer.from('wrong'), '127.0.0.9')).toBe('throttled');
    // Someone else guessing wrong never keeps the right password out.
    expect(await users.check('alice', Buffer.from('secret'), '127.0.0.9')).toBe('accepted');
    expect(await users.check('bob', Buffer.from('wrong'), '127.0.0.9')).toBe('refused');
    expect(await users.check('bob', Buffer.from('hunter2'), '127.0.0.9')).toBe('accepted');
    expect(await users.check('alice', Buffer.from('wrong'), '127.0.0.10')).toBe('refused');
    now += THROTTLE_WINDOW_MS;
    expect(await users.check('alice', Buffer.from('wrong'), '127.0.0.9')).toBe('throttled');
    now += 1;
    expect(await users.check('alice', Buffer.from('wrong'), '127.0.0.9')).toBe('refused');
  });
});

/**
 * A UserList whose hashes are counted, each password in the order its hash starts. A guess costs
 * no scrypt here (its verdict is the same: it matches no user's hash), so a burst is quick and its
 * window never ends: the clock stands still.
 */
function counted(list: BrokerUser[]) {
  const started: string[] = [];
  const users = new UserList(list, {
    now: () => 0,
    hash: (password, salt) => {
      started.push(password.toString());
      return password.toString().startsWith('guess-') ? Promise.resolve(Buffer.alloc(32)) : hashPassword(password, salt);
    },
  });
  return { users, started };
}

const guesses = (users: UserList, username: string, count: number) => Array.from({ length: count }, (_, index) => users.check(username, Buffer.from(`guess-${index}`), '127.0.0.1'));

describe('UserList under a burst', () => {
  it('100 wrong passwords at once from one pair: the first and the last 8 hashed, one at a time, the rest pushed out unchecked; another user from the same address is checked at once', async () => {
    const { users, started } = counted([{ username: 'alice', password: 'secret' }, { username: 'bob', password: 'hunter2' }]);
    const flood = Promise.all(guesses(users, 'alice', 100));
    expect(await users.check('bob', Buffer.from('hunter2'), '127.0.0.1')).toBe('accepted');
    const verdicts = await flood;
    expect(verdicts.filter((verdict) => verdict === 'refused')).toHaveLength(1 + MAX_WAITING_PER_PAIR);
    expect(verdicts.filter((verdict) => verdict === 'superseded')).toHaveLength(100 - 1 - MAX_WAITING_PER_PAIR);
    expect(started).toEqual(['guess-0', 'hunter2', ...Array.from({ length: MAX_WAITING_PER_PAIR }, (_, index) => `guess-${100 - MAX_WAITING_PER_PAIR + index}`)]);
  });

  it('over 256 wrong passwords for alice at once, then her right one from the same address: checked after at most 8 guesses of her name, and let in', async () => {
    const { users, started } = counted([{ username: 'alice', password: 'secret' }]);
    const flood = guesses(users, 'alice', MAX_WAITING_CHECKS + 44);
    const alice = users.check('alice', Buffer.from('secret'), '127.0.0.1');
    expect(await alice).toBe('accepted');
    await Promise.all(flood);
    // Counted, not timed: the one hashing when she came, 7 guesses that waited, then hers.
    expect(started).toHaveLength(1 + MAX_WAITING_PER_PAIR);
    expect(started.at(-1)).toBe('secret');
  });

  it('a list full of other names: a pair with the most waiting gives up its oldest, her right password is let in; checks turned away are busy, not throttled', async () => {
    const { users, started } = counted([{ username: 'alice', password: 'secret' }]);
    const names = Array.from({ length: 40 }, (_, index) => `user-${index}`);
    const flood = names.flatMap((name) => guesses(users, name, MAX_WAITING_PER_PAIR + 1));
    const alice = users.check('alice', Buffer.from('secret'), '127.0.0.1');
    const verdicts = await Promise.all(flood);
    expect(await alice).toBe('accepted');
    // Each name failed at most 9 times: none of them is throttled, the ones given up are busy.
    expect(verdicts.filter((verdict) => verdict === 'throttled')).toHaveLength(0);
    expect(verdicts.filter((verdict) => verdict === 'busy').length).toBeGreaterThan(0);
    // Work stays bounded by the list: the two running and at most the list's worth that waited.
    expect(started.length).toBeLessThanOrEqual(CONCURRENT_CHECKS + MAX_WAITING_CHECKS);
  });

  it('one login each from more names than the list holds: the newest are turned away as busy, and the list holds', async () => {
    const { users, started } = counted([]);
    const count = CONCURRENT_CHECKS + MAX_WAITING_CHECKS + 3;
    const verdicts = await Promise.all(Array.from({ length: count }, (_, index) => users.check(`user-${index}`, Buffer.from('guess-x'), '127.0.0.1')));
    expect(verdicts.slice(-3)).toEqual(['busy', 'busy', 'busy']);
    expect(verdicts.filter((verdict) => verdict === 'refused')).toHaveLength(count - 3);
    expect(started).toHaveLength(count - 3);
  });
});

describe('UserList memory', () => {
  it('keys a failure record by a digest of the user name: 1,000 names of 60,000 bytes keep kilobytes, not 60 MB', async () => {
    const { users } = counted([]);
    const long = (index: number) => `${index}`.padEnd(60_000, 'x');
    for (let index = 0; index < 1000; index++) await users.check(long(index), Buffer.from('guess-0'), '127.0.0.1');
    expect(users.remembered.pairs).toBe(1000);
    expect(users.remembered.keyBytes).toBeLessThanOrEqual(1000 * 64);
  });

  it('drops expired failure records whenever a failure is counted, not only past 10,000', async () => {
    let now = 0;
    const users = new UserList([], { now: () => now, hash: () => Promise.resolve(Buffer.alloc(32)) });
    for (let index = 0; index < 500; index++) await users.check(`user-${index}`, Buffer.from('guess'), '127.0.0.1');
    expect(users.remembered.pairs).toBe(500);
    now = THROTTLE_WINDOW_MS / 2;
    await users.check('late', Buffer.from('guess'), '127.0.0.1');
    now = THROTTLE_WINDOW_MS + 1;
    await users.check('user-0', Buffer.from('guess'), '127.0.0.1');
    // The 500 first records' windows ended; 'late' and user-0's new window remain.
    expect(users.remembered.pairs).toBe(2);
  });

  it('remembers at most MAX_TRACKED_PAIRS pairs, the oldest going first', async () => {
    const users = new UserList([], { now: () => 0, hash: () => Promise.resolve(Buffer.alloc(32)) });
    for (let index = 0; index < MAX_TRACKED_PAIRS + 5; index++) await users.check(`user-${index}`, Buffer.from('guess'), '127.0.0.1');
    expect(users.remembered.pairs).toBe(MAX_TRACKED_PAIRS);
  });
});
