import { describe, expect, it } from 'vitest';
import { parseBrokerUrl } from './broker-url';

describe('parseBrokerUrl: the one reader of broker URLs (form and command line)', () => {
  it.each([
    ['mqtt://alice:s%40cret@broker.local:1884', { transport: 'mqtt', host: 'broker.local', port: 1884, username: 'alice', password: 's@cret' }],
    ['tcp://127.0.0.1:1999', { transport: 'mqtt', host: '127.0.0.1', port: 1999, username: '', password: '' }],
    ['tcp://broker.local', { transport: 'mqtt', port: 1883 }],
    ['mqtts://broker.local', { transport: 'mqtts', port: 8883 }],
    ['ssl://broker.local', { transport: 'mqtts', port: 8883 }],
    ['tls://broker.local:8884', { transport: 'mqtts', port: 8884 }],
    ['ws://[::1]:9001', { transport: 'ws', host: '::1', port: 9001, wsPath: '/mqtt' }],
    ['ws://broker.local:9001/', { transport: 'ws', wsPath: '/mqtt' }],
    ['ws://broker.local', { transport: 'ws', port: 80, wsPath: '/mqtt' }],
    ['wss://broker.local/ws?clientId=dev-9', { transport: 'wss', port: 443, wsPath: '/ws', clientId: 'dev-9' }],
    ['wss://broker.local/ws?token=abc&clientId=dev-9', { wsPath: '/ws?token=abc', clientId: 'dev-9' }],
    ['mqtt://broker.local?clientId=', { clientId: '' }],
  ])('reads %s', (text, expected) => {
    const result = parseBrokerUrl(text);
    expect(result).toMatchObject({ ok: true, url: expected });
  });

  it('leaves out what the URL does not say', () => {
    const result = parseBrokerUrl('mqtt://h');
    expect(result.ok && result.url).toEqual({ transport: 'mqtt', host: 'h', port: 1883, username: '', password: '' });
  });

  it.each([
    ['broker.local', /is not a URL/],
    ['http://broker.local', /http:\/\/ is not supported/],
    ['mqtt://', /no host/],
    ['not a url', /is not a URL/],
    ['mqtt://h:99999', /is not a URL/],
  ])('refuses %j with a message', (text, message) => {
    const result = parseBrokerUrl(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
  });
});

describe('parseBrokerUrl with credentials it cannot use', () => {
  it('keeps a password with a stray % as written instead of throwing', () => {
    const result = parseBrokerUrl('mqtt://alice:50%off@127.0.0.1:1883');
    expect(result).toMatchObject({ ok: true, url: { username: 'alice', password: '50%off', port: 1883 } });
  });

  it('never repeats a password in its message', () => {
    for (const text of ['mqtt://alice:secret@host:99999', 'mqtt://alice:secret@']) {
      const result = parseBrokerUrl(text);
      expect(result.ok).toBe(false);
      expect(result.ok === false && result.message).not.toContain('secret');
    }
  });
});
