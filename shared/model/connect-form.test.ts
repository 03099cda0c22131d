import { describe, expect, it } from 'vitest';
import { connectOptionsSchema } from './connect-options';
import { DEFAULT_CONNECT_FORM, defaultProfileName, formValuesOf, formValuesOfUrl, formWarnings, isLoopbackHost, needsConfirmation, parseConnectForm, withFormValue, type ConnectFormValues } from './connect-form';

const form = (values: Partial<ConnectFormValues>): ConnectFormValues => ({ ...DEFAULT_CONNECT_FORM, ...values });

describe('a new form', () => {
  it('holds what it held before its defaults were read from the options table', () => {
    expect(DEFAULT_CONNECT_FORM).toEqual({
      transport: 'mqtt', host: '127.0.0.1', port: '1883', wsPath: '/mqtt', protocolVersion: '3.1.1', clientId: '', clean: true, keepAlive: '60',
      username: '', password: '', caPem: '', certPem: '', keyPem: '', passphrase: '', verify: true, serverName: '',
      willTopic: '', willPayload: '', willQos: '0', willRetain: false, willDelay: '', willMessageExpiry: '', willContentType: '', willResponseTopic: '', willPayloadIsText: false,
      sessionExpiry: '', receiveMaximum: '', maximumPacketSize: '', topicAliasMaximum: '', requestResponseInformation: false, requestProblemInformation: true,
      userProperties: '', authenticationMethod: '', subscriptions: '', publishTopic: '', publishPayload: '', publishQos: '0', publishRetain: false,
      connectDelay: '', connackTimeout: '', ackDelay: '', noPings: false,
    });
  });
});

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

  it('the timeout for each step: the form field connackTimeout is plan.stepTimeoutMs; connackTimeoutMs (its old name, in saved profiles and scripts) is read as it', () => {
    const parsed = parseConnectForm(form({ connackTimeout: '2500' }));
    expect(parsed).toMatchObject({ ok: true, options: { plan: { stepTimeoutMs: 2500 } } });
    const base = { host: 'h', port: 1883, protocolVersion: '3.1.1', clientId: 'c', clean: true, keepAlive: 60 };
    const saved = connectOptionsSchema.parse({ ...base, plan: { connackTimeoutMs: 700, noPings: true } });
    expect(saved.plan).toEqual({ stepTimeoutMs: 700, noPings: true });
    expect(formValuesOf(saved).connackTimeout).toBe('700');
    // Both given: the new name wins. The old one is held to the same bounds.
    expect(connectOptionsSchema.parse({ ...base, plan: { connackTimeoutMs: 700, stepTimeoutMs: 900 } }).plan).toEqual({ stepTimeoutMs: 900 });
    expect(connectOptionsSchema.safeParse({ ...base, plan: { connackTimeoutMs: 0 } }).success).toBe(false);
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

describe('formValuesOfUrl', () => {
  it.each([
    ['mqtt://alice:s%40cret@broker.local:1884', { transport: 'mqtt', host: 'broker.local', port: '1884', username: 'alice', password: 's@cret' }],
    ['mqtts://broker.local', { transport: 'mqtts', host: 'broker.local', port: '8883', username: '', password: '' }],
    ['tcp://broker.local:1999', { transport: 'mqtt', port: '1999' }],
    ['ws://[::1]:9001', { transport: 'ws', host: '::1', port: '9001', wsPath: '/mqtt' }],
    ['wss://broker.local/ws?clientId=dev-9', { transport: 'wss', port: '443', wsPath: '/ws', clientId: 'dev-9' }],
  ])('reads %s', (url, expected) => {
    expect(formValuesOfUrl(url)).toMatchObject({ ok: true, values: expected });
  });

  it('leaves the client id alone when the URL does not name one', () => {
    const result = formValuesOfUrl('mqtt://h:1');
    expect(result.ok && result.values).not.toHaveProperty('clientId');
  });

  it.each(['broker.local', 'http://broker.local', 'mqtt://', 'not a url'])('refuses %j with a message', (text) => {
    expect(formValuesOfUrl(text)).toMatchObject({ ok: false, message: expect.any(String) });
  });
});

describe('withFormValue', () => {
  it('clears the rest of the will with its topic', () => {
    const willed = form({ protocolVersion: '5', willTopic: 'w', willPayload: 'gone', willQos: '2', willRetain: true, willDelay: '5', willPayloadIsText: true });
    const cleared = withFormValue(willed, 'willTopic', '');
    expect(cleared).toEqual({ ...willed, willTopic: '', willPayload: '', willQos: '0', willRetain: false, willDelay: '', willPayloadIsText: false });
    expect(formWarnings(cleared)).toEqual([]);
  });

  it('changes only the field otherwise', () => {
    const willed = form({ willTopic: 'w', willQos: '1' });
    expect(withFormValue(willed, 'willTopic', 'x')).toEqual({ ...willed, willTopic: 'x' });
    expect(withFormValue(willed, 'willQos', '2')).toEqual({ ...willed, willQos: '2' });
  });
});

describe('defaultProfileName', () => {
  it('names a profile client-id@host:port, or host:port without a client id', () => {
    expect(defaultProfileName(form({ clientId: 'dev', host: 'broker.local', port: '1884' }))).toBe('dev@broker.local:1884');
    expect(defaultProfileName(form({ clientId: '', host: 'broker.local', port: '1883' }))).toBe('broker.local:1883');
    expect(defaultProfileName(form({ clientId: 'dev', host: '::1', port: '1883' }))).toBe('dev@[::1]:1883');
  });
});

describe('isLoopbackHost', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]', '::ffff:127.0.0.1', 'app.localhost'])('%s is loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });
  it.each(['10.0.0.1', '128.0.0.1', 'broker.local', '127.example.com', 'localhost.example.com', '::2', ''])('%s is not', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});

describe('formWarnings', () => {
  const warned = (values: Partial<ConnectFormValues>, open: Parameters<typeof formWarnings>[1] = []) => formWarnings(form(values), open).map(({ field, kind }) => `${kind}:${field}`);

  it('blocks what the broker will refuse', () => {
    expect(warned({ clientId: '', clean: false })).toEqual(['blocking:clientId']);
    expect(warned({ protocolVersion: '3.1', clientId: '' })).toEqual(['blocking:clientId']);
    expect(warned({ protocolVersion: '3.1', clientId: 'x'.repeat(24) })).toEqual(['blocking:clientId']);
    expect(warned({ password: 'p', transport: 'mqtts' })).toEqual(['blocking:password']);
  });

  it('advises about a password over plain TCP to another machine, and a will without a topic, without blocking', () => {
    expect(warned({ host: 'broker.example', username: 'u', password: 'p' })).toEqual(['advice:password']);
    expect(warned({ host: '10.0.0.5', transport: 'ws', username: 'u', password: 'p' })).toEqual(['advice:password']);
    expect(warned({ willQos: '1' })).toEqual(['advice:willTopic']);
    expect(needsConfirmation(formWarnings(form({ host: 'broker.example', username: 'u', password: 'p', willRetain: true })))).toBe(false);
    expect(needsConfirmation(formWarnings(form({ clientId: '', clean: false })))).toBe(true);
  });

  it('says nothing of a password that never leaves this machine', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '127.0.0.2']) expect(warned({ host, username: 'u', password: 'p' })).toEqual([]);
  });

  it('blocks taking over an open connection of this app with the same client id on the same broker', () => {
    const open = [{ label: 'dev · 127.0.0.1:1883', host: '127.0.0.1', port: 1883, clientId: 'dev' }];
    const warnings = formWarnings(form({ clientId: 'dev', host: 'localhost', port: '1883' }), open);
    expect(warnings).toEqual([{ kind: 'blocking', field: 'clientId', message: expect.stringContaining('This app’s connection “dev · 127.0.0.1:1883” is open with the client ID “dev”') }]);
    expect(needsConfirmation(warnings)).toBe(true);
    expect(warned({ clientId: 'other', port: '1883' }, open)).toEqual([]);
    expect(warned({ clientId: 'dev', port: '1884' }, open)).toEqual([]);
    expect(warned({ clientId: 'dev', host: 'broker.example', port: '1883' }, open)).toEqual([]);
  });

  it('has nothing to say about a sound combination', () => {
    expect(warned({ clientId: 'dev', clean: false, transport: 'mqtts', username: 'u', password: 'p', willTopic: 't', willQos: '1' })).toEqual([]);
    expect(warned({ protocolVersion: '5', clientId: '', clean: false })).toEqual([]);
  });
});
