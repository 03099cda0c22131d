import { describe, expect, it } from 'vitest';
import { DEFAULT_CONNECT_FORM, formValuesOf, formWarnings, parseBrokerUrl, parseConnectForm, type ConnectFormValues } from './connect-form';

const form = (values: Partial<ConnectFormValues>): ConnectFormValues => ({ ...DEFAULT_CONNECT_FORM, ...values });

describe('parseConnectForm', () => {
  it('turns the form into typed options, leaving empty credentials out', () => {
    expect(parseConnectForm(form({ host: ' broker.local ', port: '8883', keepAlive: '0', clientId: 'dev-1' }))).toEqual({
      ok: true,
      options: { host: 'broker.local', port: 8883, protocolVersion: '3.1.1', clientId: 'dev-1', clean: true, keepAlive: 0 },
    });
  });

  it('gives each wrong field its own message', () => {
    const result = parseConnectForm(form({ host: '', port: '99999', keepAlive: 'sixty' }));
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
    expect(parseConnectForm(form({ port }))).toMatchObject({ ok: false, errors: { port: expect.any(String) } });
  });

  it.each(['mqtt://broker', 'two words', 'a/b'])('refuses host %j', (host) => {
    expect(parseConnectForm(form({ host }))).toMatchObject({ ok: false, errors: { host: expect.any(String) } });
  });

  it('accepts IPv6 and host names', () => {
    for (const host of ['::1', 'fe80::1%eth0', 'test.mosquitto.org', 'localhost']) {
      expect(parseConnectForm(form({ host })).ok).toBe(true);
    }
  });

  it('reads the will, MQTT 5 properties, TLS, WebSocket and the plan', () => {
    const result = parseConnectForm(form({
      transport: 'wss', port: '443', wsPath: '/mqtt', protocolVersion: '5', caPem: 'PEM', verify: false, serverName: 'broker.example',
      willTopic: 'dev/status', willPayload: 'offline', willQos: '1', willRetain: true, willDelay: '5', willPayloadIsText: true,
      sessionExpiry: '3600', receiveMaximum: '10', userProperties: 'site=north\nrack = 4', requestProblemInformation: false,
      subscriptions: 'cmd/# 1\nstatus', publishTopic: 'dev/up', publishPayload: 'on', publishQos: '2', noPings: true,
    }));
    expect(result).toEqual({ ok: true, options: {
      host: '127.0.0.1', port: 443, protocolVersion: '5', clientId: '', clean: true, keepAlive: 60,
      will: { topic: 'dev/status', payload: 'offline', qos: 1, retain: true, properties: { willDelayInterval: 5, payloadFormatIndicator: true } },
      properties: { sessionExpiryInterval: 3600, receiveMaximum: 10, requestProblemInformation: false, userProperties: [['site', 'north'], ['rack', '4']] },
      plan: { subscriptions: [{ topic: 'cmd/#', qos: 1 }, { topic: 'status', qos: 0 }], publications: [{ topic: 'dev/up', payload: 'on', qos: 2, retain: false }], noPings: true },
      tls: { caPem: 'PEM', verify: false, serverName: 'broker.example' },
      websocket: { path: '/mqtt' },
    } });
  });

  it('does not send MQTT 5 properties for 3.1.1, even when they were filled', () => {
    const result = parseConnectForm(form({ sessionExpiry: '60', willTopic: 'w', willDelay: '5' }));
    expect(result).toMatchObject({ ok: true });
    expect(result.ok && result.options).not.toHaveProperty('properties');
    expect(result.ok && result.options.will).toEqual({ topic: 'w', payload: '', qos: 0, retain: false });
  });

  it('names the field of a wrong MQTT 5 value or plan line', () => {
    expect(parseConnectForm(form({ protocolVersion: '5', receiveMaximum: '0', userProperties: 'no-equals', subscriptions: 'a b c' }))).toEqual({
      ok: false,
      errors: {
        receiveMaximum: 'Receive maximum must be a whole number from 1 to 65535',
        userProperties: 'Write each user property as key=value (“no-equals” has no key)',
        subscriptions: 'Write each subscription as “topic/filter qos”, e.g. “sensors/# 1” (“a b c” is not)',
      },
    });
  });

  it('fills the form back from the options it made', () => {
    const values = form({ transport: 'mqtts', port: '8883', protocolVersion: '5', clientId: 'x', clean: false, username: 'u', password: 'p', caPem: 'CA', willTopic: 't', willQos: '2', willMessageExpiry: '9', topicAliasMaximum: '4', userProperties: 'a=1', subscriptions: 'x/y 2', publishTopic: 'x/y', publishPayload: 'hi', publishQos: '1', publishRetain: true, connectDelay: '100' });
    const parsed = parseConnectForm(values);
    expect(parsed.ok && formValuesOf(parsed.options)).toEqual(values);
  });
});

describe('parseBrokerUrl', () => {
  it.each([
    ['mqtt://alice:s%40cret@broker.local:1884', { transport: 'mqtt', host: 'broker.local', port: '1884', username: 'alice', password: 's@cret' }],
    ['mqtts://broker.local', { transport: 'mqtts', host: 'broker.local', port: '8883', username: '', password: '' }],
    ['ws://[::1]:9001', { transport: 'ws', host: '::1', port: '9001', wsPath: '/mqtt' }],
    ['wss://broker.local/ws?clientId=dev-9', { transport: 'wss', port: '443', wsPath: '/ws', clientId: 'dev-9' }],
  ])('reads %s', (url, expected) => {
    expect(parseBrokerUrl(url)).toMatchObject(expected);
  });

  it.each(['broker.local', 'http://broker.local', 'mqtt://', 'not a url'])('leaves %j alone', (text) => {
    expect(parseBrokerUrl(text)).toBeUndefined();
  });
});

describe('formWarnings', () => {
  const fields = (values: Partial<ConnectFormValues>) => formWarnings(form(values)).map((warning) => warning.field);

  it('warns of what the broker will refuse or the seed warns about', () => {
    expect(fields({ clientId: '', clean: false })).toEqual(['clientId']);
    expect(fields({ username: 'u', password: 'p' })).toEqual(['password']);
    expect(fields({ willQos: '1' })).toEqual(['willTopic']);
    expect(fields({ protocolVersion: '3.1', clientId: '' })).toEqual(['clientId']);
    expect(fields({ password: 'p', transport: 'mqtts' })).toEqual(['password']);
  });

  it('has nothing to say about a sound combination', () => {
    expect(fields({ clientId: 'dev', clean: false, transport: 'mqtts', username: 'u', password: 'p', willTopic: 't', willQos: '1' })).toEqual([]);
    expect(fields({ protocolVersion: '5', clientId: '', clean: false })).toEqual([]);
  });
});
