import { describe, expect, it } from 'vitest';
import { describeAclErrors, parseAcl, type Acl } from './acl';
import { decideAcl, filterCovers, filtersOverlap } from './acl-check';

const FILE = `# anonymous clients
topic readwrite #
topic deny test/nosubscribe

topic read sensors/+/temp
pattern readwrite clients/%c/#
pattern write users/%u/out
user alice
topic readwrite alice/#
topic deny alice/secret
topic readwrite a topic with spaces
user bob
topic write bob/out
`;

function parsed(text: string): Acl {
  const result = parseAcl(text);
  if (!result.ok) throw new Error(describeAclErrors(result.errors));
  return result.acl;
}

describe('parseAcl', () => {
  it('reads topic, user and pattern lines, comments and blank lines, with their line numbers', () => {
    const acl = parsed(FILE);
    expect(acl.anonymous).toEqual([
      { line: 2, access: 'readwrite', filter: '#' },
      { line: 3, access: 'deny', filter: 'test/nosubscribe' },
      { line: 5, access: 'read', filter: 'sensors/+/temp' },
    ]);
    expect(acl.patterns).toEqual([
      { line: 6, access: 'readwrite', filter: 'clients/%c/#' },
      { line: 7, access: 'write', filter: 'users/%u/out' },
    ]);
    expect([...acl.users.keys()]).toEqual(['alice', 'bob']);
    expect(acl.users.get('alice')).toEqual([
      { line: 9, access: 'readwrite', filter: 'alice/#' },
      { line: 10, access: 'deny', filter: 'alice/secret' },
      // As mosquitto: the access word is optional, and a filter with a space needs one.
      { line: 11, access: 'readwrite', filter: 'a topic with spaces' },
    ]);
  });

  it('takes a lone filter as readwrite, and CRLF line ends', () => {
    expect(parsed('topic a/b\r\npattern read x/%u\r\n')).toEqual({ anonymous: [{ line: 1, access: 'readwrite', filter: 'a/b' }], users: new Map(), patterns: [{ line: 2, access: 'read', filter: 'x/%u' }] });
  });

  it('returns every error with its line number, never throwing', () => {
    const result = parseAcl('topic read a/#\nsubscribe x\ntopic readonly a b\ntopic read a/#/b\nuser\ntopic\npattern read a/x%c\ntopic read a+/b\n  # indented is not a comment in mosquitto\n');
    expect(result).toEqual({
      ok: false,
      errors: [
        { line: 2, message: '"subscribe" is not an ACL line; write topic, pattern or user' },
        { line: 3, message: '"readonly" is not an access; write read, write, readwrite or deny' },
        { line: 4, message: '"#" must be a whole level and the last one (in "a/#/b")' },
        { line: 5, message: '"user" needs a user name' },
        { line: 6, message: '"topic" needs a topic filter' },
        { line: 7, message: '%c and %u must be the only text of their level (in "a/x%c")' },
        { line: 8, message: '"+" must be a whole level (in "a+/b")' },
        { line: 9, message: '"#" is not an ACL line; write topic, pattern or user' },
      ],
    });
    expect(describeAclErrors([{ line: 2, message: 'x' }, { line: 5, message: 'y' }])).toBe('line 2: x\nline 5: y');
  });

  it('takes a topic filter of 65,535 bytes and refuses one more, counted in UTF-8 bytes', () => {
    expect(parseAcl(`topic read ${'é'.repeat(32_767)}a`).ok).toBe(true);
    expect(parseAcl(`topic read ${'é'.repeat(32_768)}`)).toEqual({ ok: false, errors: [{ line: 1, message: 'the topic filter must be at most 65535 bytes of UTF-8' }] });
  });

  it('reads an empty file as no rules (then everything is denied)', () => {
    const acl = parsed('\n# nothing\n');
    expect(decideAcl(acl, { clientId: 'c' }, 'write', 'a')).toEqual({ allowed: false });
  });
});

describe('topic filters', () => {
  it.each([
    ['#', 'a/b', true],
    ['a/#', 'a', true],
    ['a/+', 'a/b', true],
    ['a/+', 'a/b/c', false],
    ['+/+', '/x', true],
    ['#', '$SYS/x', false],
    ['+/x', '$SYS/x', false],
    ['$SYS/#', '$SYS/x', true],
    ['a/+/c', 'a/#', true],
    ['a/b', 'a/c', false],
  ])('%s and %s overlap: %s', (a, b, expected) => {
    expect(filtersOverlap(a, b)).toBe(expected);
    expect(filtersOverlap(b, a)).toBe(expected);
  });

  it.each([
    ['#', 'a/+/c', true],
    ['a/#', 'a', true],
    ['a/+', 'a/#', false],
    ['a/+', 'a/b', true],
    ['a/b', 'a/+', false],
    ['#', '$SYS/#', false],
    ['test/nosubscribe', 'test/nosubscribe', true],
  ])('%s covers %s: %s', (outer, inner, expected) => {
    expect(filterCovers(outer, inner)).toBe(expected);
  });
});

describe('decideAcl', () => {
  const acl = parsed(FILE);
  const anonymous = { clientId: 'dev-1' };
  const alice = { clientId: 'phone', username: 'alice' };

  it('lets anonymous clients do what the lines before any user line say, deny first', () => {
    expect(decideAcl(acl, anonymous, 'write', 'any/thing')).toEqual({ allowed: true, line: 2 });
    expect(decideAcl(acl, anonymous, 'write', 'test/nosubscribe')).toEqual({ allowed: false, line: 3 });
    expect(decideAcl(acl, anonymous, 'read', 'test/nosubscribe')).toEqual({ allowed: false, line: 3 });
    expect(decideAcl(acl, anonymous, 'subscribe', 'test/nosubscribe')).toEqual({ allowed: false, line: 3 });
    // A filter the deny does not cover is granted; the denied topic is then not delivered.
    expect(decideAcl(acl, anonymous, 'subscribe', 'test/+')).toEqual({ allowed: true, line: 2 });
    expect(decideAcl(acl, anonymous, 'subscribe', '#')).toEqual({ allowed: true, line: 2 });
  });

  it('gives a user only its own lines and the patterns', () => {
    expect(decideAcl(acl, alice, 'write', 'any/thing')).toEqual({ allowed: false });
    expect(decideAcl(acl, alice, 'write', 'alice/x')).toEqual({ allowed: true, line: 9 });
    expect(decideAcl(acl, alice, 'read', 'alice/secret')).toEqual({ allowed: false, line: 10 });
    expect(decideAcl(acl, alice, 'subscribe', 'alice/#')).toEqual({ allowed: true, line: 9 });
    expect(decideAcl(acl, { clientId: 'b', username: 'bob' }, 'read', 'bob/out')).toEqual({ allowed: false });
    expect(decideAcl(acl, { clientId: 'b', username: 'bob' }, 'subscribe', 'bob/out')).toEqual({ allowed: false });
    expect(decideAcl(acl, { clientId: 'b', username: 'carol' }, 'write', 'any/thing')).toEqual({ allowed: false });
  });

  it('substitutes %c and %u in patterns, for every client', () => {
    expect(decideAcl(acl, alice, 'write', 'clients/phone/state')).toEqual({ allowed: true, line: 6 });
    expect(decideAcl(acl, alice, 'write', 'clients/other/state')).toEqual({ allowed: false });
    expect(decideAcl(acl, alice, 'write', 'users/alice/out')).toEqual({ allowed: true, line: 7 });
    expect(decideAcl(acl, alice, 'read', 'users/alice/out')).toEqual({ allowed: false });
    expect(decideAcl(acl, { clientId: 'x', username: 'carol' }, 'write', 'users/carol/out')).toEqual({ allowed: true, line: 7 });
    // No user name: a %u pattern does not apply; a wildcard in the id must not widen %c.
    const patternsOnly = parsed('pattern readwrite clients/%c/#\npattern readwrite users/%u/#\n');
    expect(decideAcl(patternsOnly, { clientId: 'x' }, 'write', 'users//a')).toEqual({ allowed: false });
    expect(decideAcl(patternsOnly, { clientId: '+' }, 'write', 'clients/other/a')).toEqual({ allowed: false });
    expect(decideAcl(patternsOnly, { clientId: 'x' }, 'subscribe', 'clients/x/#')).toEqual({ allowed: true, line: 1 });
    expect(decideAcl(patternsOnly, { clientId: 'x' }, 'subscribe', 'clients/+/#')).toEqual({ allowed: true, line: 1 });
    expect(decideAcl(patternsOnly, { clientId: 'x' }, 'subscribe', 'clients/y/#')).toEqual({ allowed: false });
  });

  it('never matches $ topics with a leading wildcard', () => {
    expect(decideAcl(acl, anonymous, 'write', '$SYS/x')).toEqual({ allowed: false });
  });
});
