import { describe, expect, it } from 'vitest';
import { DEFAULT_CONNECT_FORM, parseConnectForm } from './connect-options';

describe('parseConnectForm', () => {
  it('turns the form into typed options, leaving empty credentials out', () => {
    expect(parseConnectForm({ ...DEFAULT_CONNECT_FORM, host: ' broker.local ', port: '8883', keepAlive: '0', clientId: 'dev-1' })).toEqual({
      ok: true,
      options: { host: 'broker.local', port: 8883, protocolVersion: '3.1.1', clientId: 'dev-1', clean: true, keepAlive: 0 },
    });
  });

  it('gives each wrong field its own message', () => {
    const result = parseConnectForm({ ...DEFAULT_CONNECT_FORM, host: '', port: '99999', keepAlive: 'sixty' });
    expect(result).toEqual({
      ok: false,
      errors: {
        host: 'Host is required: a host name or an IP address',
        port: 'Port must be a whole number from 1 to 65535',
        keepAlive: 'Keep alive must be a whole number of seconds from 0 to 65535',
      },
    });
  });

  it.each(['0', '-1', '1.5', '1e3', '', '65536'])('refuses port %j', (port) => {
    expect(parseConnectForm({ ...DEFAULT_CONNECT_FORM, port })).toMatchObject({ ok: false, errors: { port: expect.any(String) } });
  });

  it.each(['mqtt://broker', 'two words', 'a/b'])('refuses host %j', (host) => {
    expect(parseConnectForm({ ...DEFAULT_CONNECT_FORM, host })).toMatchObject({ ok: false, errors: { host: expect.any(String) } });
  });

  it('accepts IPv6 and host names', () => {
    for (const host of ['::1', 'fe80::1%eth0', 'test.mosquitto.org', 'localhost']) {
      expect(parseConnectForm({ ...DEFAULT_CONNECT_FORM, host }).ok).toBe(true);
    }
  });
});
