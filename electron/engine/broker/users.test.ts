// Password checks of the local broker: right answers, no event-loop stalls, no flood.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { THROTTLE_WINDOW_MS, UserList } from './users';
import { longestEventLoopGap } from '../../../testing/event-loop-gap';

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

  it('checks 32 wrong passwords at once without stalling the event loop', async () => {
    const users = new UserList([{ username: 'alice', password: 'secret' }]);
    const { result: verdicts, longestGapMs: longestGap } = await longestEventLoopGap(() =>
      Promise.all(Array.from({ length: 32 }, (_, index) => users.check('alice', Buffer.from(`guess-${index}`), `10.0.0.${index}`))),
    );
    expect(verdicts.every((verdict) => verdict === 'refused')).toBe(true);
    // scryptSync took about 34 ms each on the event loop, one after another: over a second with
    // nothing else running. What is left is the machine's own scheduling (two cores, busy with
    // other tests: gaps near 300 ms were seen).
    expect(longestGap).toBeLessThan(500);
  });

  it('refuses an address that floods failures at once, for a while; other addresses go on', async () => {
    const users = new UserList([{ username: 'alice', password: 'secret' }]);
    const start = Date.now();
    for (let attempt = 0; attempt < 20; attempt++) expect(await users.check('alice', Buffer.from('wrong'), '127.0.0.9', start)).toBe('refused');
    const asked = performance.now();
    expect(await users.check('alice', Buffer.from('secret'), '127.0.0.9', start + 1)).toBe('throttled');
    expect(performance.now() - asked).toBeLessThan(5);
    expect(await users.check('alice', Buffer.from('secret'), '127.0.0.10', start + 1)).toBe('accepted');
    expect(await users.check('alice', Buffer.from('secret'), '127.0.0.9', start + THROTTLE_WINDOW_MS + 1)).toBe('accepted');
  });
});

describe('UserList under a burst', () => {
  it('100 wrong passwords at once from one address: at most 20 are hashed, the rest refused at once', async () => {
    const users = new UserList([{ username: 'alice', password: 'secret' }]);
    const started = performance.now();
    const verdicts = await Promise.all(Array.from({ length: 100 }, (_, index) => users.check('alice', Buffer.from(`guess-${index}`), '127.0.0.7')));
    expect(verdicts.filter((verdict) => verdict === 'refused')).toHaveLength(20);
    expect(verdicts.filter((verdict) => verdict === 'throttled')).toHaveLength(80);
    // Twenty hashes, two at a time: far from the hundred (about 10 s on a busy machine) it was.
    expect(performance.now() - started).toBeLessThan(5000);
  }, 20_000);
});
