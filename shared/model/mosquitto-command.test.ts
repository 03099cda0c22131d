import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadCapture } from '../../testdata/mosquitto-capture/load';
import type { ConnectOptions } from './connect-options';
import { mosquittoCommand, parseAddress, shellQuote, sourceFromConnectHex, sourceFromOptions } from './mosquitto-command';

const capture = loadCapture();
const connectOf = (clientId: string) => capture.find((packet) => packet.layer['mqtt.clientid'] === clientId)!;
const broker = { host: '127.0.0.1', port: 18883 };
const fromCapture = (clientId: string) => {
  const packet = connectOf(clientId);
  return sourceFromConnectHex(packet.hex, Number(packet.layer['mqtt.ver']), broker)!;
};

/** What a POSIX shell makes of a line: its words, one per line, as printf prints them. */
function shellWords(line: string): string[] {
  const out = execFileSync('/bin/sh', ['-c', `printf '%s\\0' ${line}`], { encoding: 'utf8', env: { PATH: process.env.PATH, MQTT_PASSWORD: 'from-env' } });
  return out.split('\0').slice(0, -1);
}

const base: ConnectOptions = { host: 'broker.example', port: 1883, protocolVersion: '3.1.1', clientId: 'scope-1', clean: true, keepAlive: 60 };

describe('shellQuote', () => {
  it.each([
    ['plain/topic-1', 'plain/topic-1'],
    ['', "''"],
    ['two words', "'two words'"],
    ["it's", "'it'\\''s'"],
    ['$HOME and `cmd`', "'$HOME and `cmd`'"],
    ['#', "'#'"],
    ['a"b', `'a"b'`],
    ['x\ny', "'x\ny'"],
  ])('%j → %s', (argument, quoted) => {
    expect(shellQuote(argument)).toBe(quoted);
    // The shell reads it back as the one argument it was.
    expect(shellWords(quoted)).toEqual([argument]);
  });
});

describe('mosquittoCommand from options', () => {
  it('says every connection option, the password only as a variable', () => {
    const command = mosquittoCommand('mosquitto_sub', sourceFromOptions({
      ...base,
      clean: false,
      username: 'alice smith',
      password: 'hunter2 $ecret',
      will: { topic: 'status/scope 1', payload: "gone, it's over", qos: 1, retain: true },
      plan: { subscriptions: [{ topic: 'a/#', qos: 1 }, { topic: 'b/$x', qos: 0 }] },
    }));
    expect(command).not.toContain('hunter2');
    const line = command.split('\n').at(-1)!;
    expect(line).toBe(`mosquitto_sub -h broker.example -p 1883 -V mqttv311 -i scope-1 -k 60 -c -u 'alice smith' -P "$MQTT_PASSWORD" --will-topic 'status/scope 1' --will-payload 'gone, it'\\''s over' --will-qos 1 --will-retain -t 'a/#' -t 'b/$x' -q 1`);
    expect(shellWords(line)).toEqual([
      'mosquitto_sub', '-h', 'broker.example', '-p', '1883', '-V', 'mqttv311', '-i', 'scope-1', '-k', '60', '-c', '-u', 'alice smith', '-P', 'from-env',
      '--will-topic', 'status/scope 1', '--will-payload', "gone, it's over", '--will-qos', '1', '--will-retain', '-t', 'a/#', '-t', 'b/$x', '-q', '1',
    ]);
    expect(command).toContain('# Set MQTT_PASSWORD');
    expect(command).toContain('the highest is used');
  });

  it('publishes the plan’s first message; without one, says to write it', () => {
    const planned = mosquittoCommand('mosquitto_pub', sourceFromOptions({ ...base, protocolVersion: '3.1', plan: { publications: [{ topic: 'x/y', payload: 'a b', qos: 2, retain: true }] } }));
    expect(planned).toBe("mosquitto_pub -h broker.example -p 1883 -V mqttv31 -i scope-1 -k 60 -t x/y -m 'a b' -q 2 -r");
    const unplanned = mosquittoCommand('mosquitto_pub', sourceFromOptions(base));
    expect(unplanned.split('\n')[0]).toMatch(/^# No message to publish/);
    expect(unplanned).toMatch(/-t TOPIC -m MESSAGE$/);
  });

  it('subscribes to everything when the plan has no subscription, and says so', () => {
    const command = mosquittoCommand('mosquitto_sub', sourceFromOptions(base));
    expect(command).toMatch(/-t '#'$/);
    expect(command).toContain('# No subscriptions');
  });

  it('MQTT 5: -V mqttv5 and the CONNECT and will properties as -D', () => {
    const command = mosquittoCommand('mosquitto_sub', sourceFromOptions({
      ...base,
      protocolVersion: '5',
      properties: { sessionExpiryInterval: 120, requestProblemInformation: false, userProperties: [['app', 'in spector']], authenticationData: 'abcd' },
      will: { topic: 'w', payload: '', qos: 0, retain: false, properties: { willDelayInterval: 5 } },
      plan: { subscriptions: [{ topic: 't', qos: 0 }] },
    }));
    expect(command).toBe("mosquitto_sub -h broker.example -p 1883 -V mqttv5 -i scope-1 -k 60 --will-topic w --will-payload '' -D will will-delay-interval 5 -D connect session-expiry-interval 120 -D connect request-problem-information 0 -D connect user-property app 'in spector' -t t");
  });

  it('TLS: what a file path would be needed for is a comment; no verification is --insecure', () => {
    const withCa = mosquittoCommand('mosquitto_sub', sourceFromOptions({ ...base, port: 8883, tls: { caPem: '-----BEGIN…', verify: false, alpn: ['mqtt'] } }));
    expect(withCa).toContain('# TLS with its own CA certificate: save it to a file and add --cafile FILE.');
    expect(withCa).toContain('--insecure --tls-alpn mqtt');
    expect(withCa).not.toContain('--tls-use-os-certs');
    const osCerts = mosquittoCommand('mosquitto_sub', sourceFromOptions({ ...base, port: 8883, tls: { certPem: 'x', keyPem: 'y' } }));
    expect(osCerts).toContain('--tls-use-os-certs');
    expect(osCerts).toContain('--cert FILE --key FILE');
    expect(osCerts).not.toContain('--insecure');
  });

  it('an empty client id is left out and said', () => {
    const command = mosquittoCommand('mosquitto_sub', sourceFromOptions({ ...base, clientId: '' }));
    expect(command).not.toContain(' -i ');
    expect(command).toContain('# The client id was empty');
  });
});

describe('mosquittoCommand from a real CONNECT (mosquitto clients, decoded)', () => {
  it('a will with QoS 1 and retain', () => {
    expect(mosquittoCommand('mosquitto_sub', fromCapture('a-will')).split('\n').at(-1)).toBe(
      "mosquitto_sub -h 127.0.0.1 -p 18883 -V mqttv311 -i a-will -k 30 --will-topic status/a --will-payload offline --will-qos 1 --will-retain -t '#'",
    );
  });

  it('credentials: the user name, never the password', () => {
    const command = mosquittoCommand('mosquitto_pub', fromCapture('a-cred'));
    expect(command).toContain('-u alice -P "$MQTT_PASSWORD"');
    expect(command).not.toContain('secret');
  });

  it('clean session off, MQTT 3.1, MQTT 5 with properties', () => {
    expect(mosquittoCommand('mosquitto_sub', fromCapture('a-persist'))).toContain('-i a-persist -k 60 -c');
    expect(mosquittoCommand('mosquitto_sub', fromCapture('a-v31'))).toContain('-V mqttv31 -i a-v31');
    expect(mosquittoCommand('mosquitto_sub', fromCapture('a-v5'))).toContain(
      '-V mqttv5 -i a-v5 -k 60 -D connect session-expiry-interval 120 -D connect receive-maximum 20 -D connect user-property app inspector',
    );
  });

  it('a packet that is not a CONNECT gives nothing', () => {
    expect(sourceFromConnectHex('20020000', 4, broker)).toBeUndefined();
  });
});

describe('parseAddress', () => {
  it.each([
    ['127.0.0.1:1883', { host: '127.0.0.1', port: 1883 }],
    ['[::1]:8883', { host: '::1', port: 8883 }],
    ['broker.example:1', { host: 'broker.example', port: 1 }],
    ['no-port', undefined],
    [undefined, undefined],
  ])('%s', (address, expected) => expect(parseAddress(address)).toEqual(expected));
});
