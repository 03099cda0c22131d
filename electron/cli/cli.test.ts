// The command line as a person runs it: the built program, real stdin and stdout.
import { execFile, spawn } from 'node:child_process';
import net from 'node:net';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodePacket } from '@shared/mqtt/encode';
import { loadCapture } from '../../testdata/mosquitto-capture/load';
import { freePort } from '../../testing/free-port';
import { startMosquitto } from '../../testing/mosquitto';
import { startAnsweringBroker } from '../../testing/answering-broker';
import { makeCertificates } from '../../testing/certificates';
import { until } from '../../testing/wait';
import { RawClient } from '../../testing/raw-client';
import { parseConnectCommand } from './connect-options';
import { buildCliProgram, runProgram } from '../../testing/cli-program';

const run = promisify(execFile);
let program: string;

beforeAll(async () => {
  program = await buildCliProgram();
}, 60_000);

const withStdin = (args: string[], input: string) => runProgram(program, args, input);

/** `mqttscope proxy|broker …` running: its port once it prints where it listens, what it printed so far, and a stop. */
async function startServer(args: string[], listening: RegExp, env: NodeJS.ProcessEnv = process.env) {
  const child = spawn(process.execPath, [program, ...args], { env });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = listening.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.on('exit', () => reject(new Error(`${args[0]} exited: ${output}`)));
  });
  return { port, output: () => output, stop: () => child.kill('SIGINT') };
}

const lines = (text: string) => text.trim().split('\n').map((line) => JSON.parse(line));

describe('mqttscope decode', () => {
  it('prints one JSON object per packet given as hex, several packets in one argument included', async () => {
    const { stdout } = await run(process.execPath, [program, 'decode', '20020002c000', 'd000']);
    const packets = lines(stdout);
    expect(packets.map((packet) => packet.typeName)).toEqual(['CONNACK', 'PINGREQ', 'PINGRESP']);
    expect(packets[0].fields[2].children[1]).toEqual({ key: 'mqtt.conack.flags.sp', label: 'Session Present: Not set', value: false, offset: 2, length: 1 });
    expect(packets[0].fields[3]).toMatchObject({ key: 'mqtt.conack.val', value: 2, label: 'Return Code: Connection refused, identifier rejected (2)' });
  });

  it('decodes a truncated packet with its problem instead of dropping it', async () => {
    const { stdout } = await run(process.execPath, [program, 'decode', '3012000c73656e']);
    const [packet] = lines(stdout);
    expect(packet.problems[0].message).toMatch(/Packet ends before the topic/);
  });

  it('refuses what is not hex, with a message and exit code 2', async () => {
    await expect(run(process.execPath, [program, 'decode', 'zz'])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('argument 1 is not hex') });
  });

  it('--stream follows one connection: the version from the CONNECT, packets split over lines', async () => {
    const capture = loadCapture().filter((packet) => packet.stream === 10);
    const input = capture
      .flatMap((packet) => [
        { dir: packet.dir, hex: packet.hex.slice(0, 4) },
        { dir: packet.dir, hex: packet.hex.slice(4) },
      ])
      .map((line) => JSON.stringify(line))
      .join('\n');
    const { code, stdout } = await withStdin(['decode', '--stream'], `${input}\nnot json\n`);
    const packets = lines(stdout);
    expect(code).toBe(2);
    expect(packets.map((packet) => `${packet.dir}:${packet.typeName}:${packet.protocolLevel}`)).toEqual(
      capture.map((packet) => `${packet.dir}:${['', 'CONNECT', 'CONNACK', 'PUBLISH', 'PUBACK'][parseInt(packet.hex[0], 16)] ?? 'DISCONNECT'}:5`),
    );
    expect(packets.find((packet) => packet.typeName === 'CONNACK').fields.map((field: { key: string }) => field.key)).toContain('mqtt.connack.reason_code');
  });
});

describe('mqttscope decode --stream with a packet whose decode is huge', () => {
  it('prints a 1 MB SUBSCRIBE of 200,000 filters as one bounded line and goes on', async () => {
    const subscriptions = Array.from({ length: 200_000 }, (_, index) => ({ topic: `t/${index % 10}`, qos: 0 as const }));
    const big = Buffer.from(encodePacket({ protocolLevel: 4, type: 'SUBSCRIBE', packetId: 1, subscriptions })).toString('hex');
    const input = `${JSON.stringify({ dir: 'c2s', hex: big })}\n${JSON.stringify({ dir: 'c2s', hex: 'c000' })}\n`;
    const { code, stdout, stderr } = await withStdin(['decode', '--stream'], input);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const [first, second] = stdout.trim().split('\n');
    expect(first.length).toBeLessThan(1.1 * 1024 * 1024);
    expect(JSON.parse(first)).toMatchObject({ dir: 'c2s', typeName: 'SUBSCRIBE' });
    expect(JSON.parse(second)).toMatchObject({ typeName: 'PINGREQ' });
  }, 60_000);
});

describe('mqttscope connect', () => {
  it('reads the URL and the options into connection options', () => {
    const command = parseConnectCommand(['mqtt://alice:s%40cret@broker.local', '--protocol', '5', '--client-id', '', '--no-clean', '--subscribe', 'a/#:1', '--publish', 'a/b=x=1:2', '--will-topic', 'w', '--hold', '2']);
    expect(command.options).toMatchObject({
      host: 'broker.local', port: 1883, protocolVersion: '5', clientId: '', clean: false, username: 'alice', password: 's@cret',
      will: { topic: 'w', payload: '', qos: 0, retain: false },
      plan: { subscriptions: [{ topic: 'a/#', qos: 1 }], publications: [{ topic: 'a/b', payload: 'x=1', qos: 2 }] },
    });
    expect(command.holdSeconds).toBe(2);
    expect(parseConnectCommand(['mqtts://h']).options).toMatchObject({ port: 8883, tls: { verify: true } });
    expect(parseConnectCommand(['mqtt://h', '--protocol', '5', '--session-expiry', '60', '--user-property', 'a=b=c', '--auth-method', 'SCRAM', '--auth-data', '0102', '--will-topic', 'w', '--will-delay', '9', '--unsubscribe', 'x/#', '--disconnect-reason', '4']))
      .toMatchObject({
        options: { properties: { sessionExpiryInterval: 60, userProperties: [['a', 'b=c']], authenticationMethod: 'SCRAM', authenticationData: '0102' }, will: { properties: { willDelayInterval: 9 } }, plan: { unsubscriptions: ['x/#'] } },
        disconnectReason: 4,
      });
    expect(parseConnectCommand(['wss://h:9001/mqtt']).options).toMatchObject({ port: 9001, tls: { verify: true }, websocket: { path: '/mqtt' } });
  });

  it.each([
    [['http://h'], /not supported/],
    [['mqtt://h', '--will-qos', '1', '--will-topic', 't', '--will-qos', '7'], /QoS must be 0, 1 or 2/],
    [['mqtt://h', '--keepalive', 'soon'], /keepAlive: Keep alive must be a whole number/],
    [['mqtt://h:99999'], /is not a URL|Port must be/],
    [['mqtt://h', '--ca', 'x.pem'], /--ca needs an mqtts:\/\/ or wss:\/\/ URL/],
    [[], /give one broker URL/],
    [['mqtt://h', '--session-expiry', '5'], /MQTT 5 property: add --protocol 5/],
  ])('refuses %j with a clear message', (args, message) => {
    expect(() => parseConnectCommand(args)).toThrow(message);
  });

  it('does the handshake and prints it; exit 0 when accepted, 1 with the reason when refused', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mqttscope-cli-broker-'));
    const broker = await startMosquitto(dir, [{ username: 'alice', password: 'right' }]);
    try {
      const accepted = await run(process.execPath, [program, 'connect', `mqtt://alice:right@127.0.0.1:${broker.port}`, '--client-id', 'cli-1']);
      expect(accepted.stdout).toMatch(/→\s+CONNECT MQTT v3\.1\.1 \(4\) client id "cli-1" clean session 1 keep alive 60 s user "alice" password ••••/);
      expect(accepted.stdout).toMatch(/←\s+CONNACK session present 0, return code Connection accepted \(0\)/);
      expect(accepted.stdout).toMatch(/Accepted: session present 0\.\n$/);

      const refused = await run(process.execPath, [program, 'connect', `mqtt://127.0.0.1:${broker.port}`, '--username', 'alice', '--password', 'wrong']).catch((error) => error);
      expect(refused.code).toBe(1);
      expect(refused.stdout).toContain('Failed at MQTT: The broker refused the connection: Connection refused, not authorized (5).');

      const json = await run(process.execPath, [program, 'connect', `mqtt://alice:right@127.0.0.1:${broker.port}`, '--json', '--protocol', '5']);
      const events = lines(json.stdout);
      const packets = events.filter((event) => event.event === 'packet');
      expect(packets.map((event) => `${event.dir}:${event.packet.typeName}`)).toEqual(['c2s:CONNECT', 's2c:CONNACK', 'c2s:DISCONNECT']);
      expect(packets[1].hex.startsWith('20')).toBe(true);
      expect(packets[1].packet.fields.map((field: { key: string }) => field.key)).toContain('mqtt.connack.reason_code');
      expect(events.at(-1)).toMatchObject({ event: 'result', accepted: true });
    } finally {
      await broker.stop();
    }
  });
});

describe('mqttscope proxy', () => {
  it('prints where it listens, then each client connection through it', async () => {
    const broker = await startMosquitto(mkdtempSync(path.join(tmpdir(), 'mqttscope-cli-proxy-')));
    const server = await startServer(['proxy', '--listen', '127.0.0.1:0', '--target', `127.0.0.1:${broker.port}`], /Recording proxy on 127\.0\.0\.1:(\d+)/);
    try {
      const { port } = server;
      await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(port), '-i', 'through-proxy', '-t', 'p/t', '-m', 'hi']);
      await until(() => server.output().includes('END'), 10_000, 'what it prints');
      expect(server.output()).toMatch(/#1 \+[\d.]+ ms\s+→\s+CONNECT MQTT v3\.1\.1 \(4\) client id "through-proxy"/);
      expect(server.output()).toMatch(/#1 .*←\s+CONNACK session present 0, return code Connection accepted \(0\)/);
      expect(server.output()).toMatch(/#1 .*→\s+PUBLISH QoS 0 "p\/t" 2 bytes: "hi"/);
      expect(server.output()).toMatch(/#1 .*END\s+closed by client/);
    } finally {
      server.stop();
      await broker.stop();
    }
  });
});

describe('mqttscope broker', () => {
  it('listens, traces a mosquitto_pub session, and says what it refused', async () => {
    const server = await startServer(['broker', '--port', '0', '--user', 'alice:secret', '--no-anonymous'], /broker on mqtt:\/\/127\.0\.0\.1:(\d+)/);
    try {
      const { port } = server;
      await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(port), '-u', 'alice', '-P', 'secret', '-i', 'good', '-t', 'a', '-m', 'hi']);
      await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(port), '-i', 'nobody', '-t', 'a', '-m', 'hi']).catch(() => undefined);
      await until(() => (server.output().match(/END/g) ?? []).length >= 2, 10_000, 'what it prints');
      expect(server.output()).toMatch(/#1 .*→\s+CONNECT MQTT v3\.1\.1 \(4\) client id "good"/);
      expect(server.output()).toMatch(/BROKER client "good" connected/);
      expect(server.output()).toMatch(/#2 .*←\s+CONNACK session present 0, return code Connection refused, not authorized \(5\)/);
      expect(server.output()).toMatch(/#2 BROKER refused with return code 5: Anonymous clients are not allowed/);
    } finally {
      server.stop();
    }
  });

  it('--json: a client that said DISCONNECT ended its own connection, not the broker', async () => {
    const server = await startServer(['broker', '--port', '0', '--json'], /"event":"listening".*"port":(\d+)/);
    try {
      const { port } = server;
      await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(port), '-i', 'polite', '-t', 'a', '-m', 'hi']);
      await until(() => server.output().includes('"phase":"closed"'), 10_000, 'what it prints');
      const records = server.output().trim().split('\n').map((line) => JSON.parse(line));
      expect(records.filter((record) => record.event === 'packet').map((record) => `${record.dir}:${record.packet.typeName}`)).toEqual(['c2s:CONNECT', 's2c:CONNACK', 'c2s:PUBLISH', 'c2s:DISCONNECT']);
      expect(records.find((record) => record.phase === 'closed')).toMatchObject({ event: 'lifecycle', phase: 'closed', by: 'client' });
    } finally {
      server.stop();
    }
  });


  it('--acl refuses a SUBSCRIBE on the wire and --json prints the decision with its line', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mqttscope-cli-acl-'));
    const aclFile = path.join(dir, 'acl');
    writeFileSync(aclFile, '# anonymous\ntopic readwrite #\ntopic deny test/nosubscribe\n');
    const server = await startServer(['broker', '--port', '0', '--acl', aclFile, '--json'], /"event":"listening".*"port":(\d+)/);
    try {
      const { port } = server;
      const refused = await run('mosquitto_sub', ['-h', '127.0.0.1', '-p', String(port), '-i', 'cli-sub', '-t', 'test/nosubscribe', '-d', '-E']).catch((error: { stdout: string }) => error);
      expect(refused.stdout).toMatch(/Subscribed \(mid: 1\): 128/);
      await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(port), '-i', 'cli-pub', '-q', '1', '-t', 'test/nosubscribe', '-m', 'x']);
      await until(() => server.output().includes('"operation":"publish"'), 10_000, 'what it prints');
      const decisions = lines(server.output()).filter((line) => line.type === 'acl');
      expect(decisions).toEqual([
        expect.objectContaining({ event: 'broker', clientId: 'cli-sub', operation: 'subscribe', topic: 'test/nosubscribe', allowed: false, line: 3 }),
        expect.objectContaining({ event: 'broker', clientId: 'cli-pub', operation: 'publish', topic: 'test/nosubscribe', allowed: false, line: 3 }),
      ]);
    } finally {
      server.stop();
    }
  });

  it('--acl refuses a file that does not read, with its line number, and exits 2', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mqttscope-cli-acl-bad-'));
    const aclFile = path.join(dir, 'acl');
    writeFileSync(aclFile, 'topic readwrite #\n\ntopic deny a/#/b\n');
    const result = await run(process.execPath, [program, 'broker', '--port', '0', '--acl', aclFile]).catch((error) => error);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`mqttscope broker: --acl ${aclFile} does not read:\nline 3: "#" must be a whole level and the last one (in "a/#/b")`);
  });

  it.each([
    [['--connect-timeout', '2147484'], '--connect-timeout must be a number of seconds from 0.1 to 3600, not "2147484"'],
    [['--connect-timeout', '0'], '--connect-timeout must be a number of seconds from 0.1 to 3600, not "0"'],
    [['--max-packet-size', '1.5'], '--max-packet-size must be a whole number of bytes from 2 to 268435460, not "1.5"'],
  ])('refuses %j before it listens (a timer past 2^31 ms would fire at once)', async (args, message) => {
    const result = await run(process.execPath, [program, 'broker', '--port', '0', ...args]).catch((error) => error);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`mqttscope broker: ${message}`);
  });

  it('takes users from a file and from MQTTSCOPE_BROKER_USERS, never from a flag a `ps` shows', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mqttscope-cli-users-'));
    const usersFile = path.join(dir, 'users');
    writeFileSync(usersFile, '# the lab\nalice:from-a-file\n');
    const server = await startServer(['broker', '--port', '0', '--no-anonymous', '--users-file', usersFile], /broker on mqtt:\/\/127\.0\.0\.1:(\d+)/, { ...process.env, MQTTSCOPE_BROKER_USERS: 'bob:from-the-environment' });
    try {
      const { port } = server;
      await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(port), '-u', 'alice', '-P', 'from-a-file', '-t', 'a', '-m', 'hi']);
      await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(port), '-u', 'bob', '-P', 'from-the-environment', '-t', 'a', '-m', 'hi']);
      // The client side too: connect reads its password from MQTTSCOPE_PASSWORD.
      const { stdout } = await run(process.execPath, [program, 'connect', `mqtt://alice@127.0.0.1:${port}`], { env: { ...process.env, MQTTSCOPE_PASSWORD: 'from-a-file' } });
      expect(stdout).toMatch(/Accepted: session present 0/);
      const wrong = await run(process.execPath, [program, 'connect', `mqtt://alice@127.0.0.1:${port}`], { env: { ...process.env, MQTTSCOPE_PASSWORD: 'nope' } }).catch((error) => error);
      expect(wrong.code).toBe(1);
    } finally {
      server.stop();
    }
    const bad = await run(process.execPath, [program, 'broker', '--port', '0'], { env: { ...process.env, MQTTSCOPE_BROKER_USERS: ':only-a-password' } }).catch((error) => error);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('user 1 is not written NAME:PASSWORD');
    expect(bad.stderr).not.toContain('only-a-password');
  });

  it('Ctrl-C ends a connection still open, and its end is printed before the program exits (exit code 0)', async () => {
    const child = spawn(process.execPath, [program, 'broker', '--port', '0']);
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    await until(() => /broker on mqtt:\/\/127\.0\.0\.1:\d+/.test(output), 10_000, 'the broker to listen');
    const client = await RawClient.connect(Number(/127\.0\.0\.1:(\d+)/.exec(output)![1]));
    client.send({ type: 'CONNECT', clientId: 'still-here', clean: true, keepAlive: 60 });
    await client.expect('20');
    await until(() => output.includes('BROKER client "still-here" connected'), 10_000, 'the connection to be printed');
    child.kill('SIGINT');
    expect(await closed).toBe(0);
    expect(output).toContain('#1 BROKER client "still-here" disconnected\n');
    expect(output).toMatch(/#1 \+[\d.]+ ms\s+END\s+closed by broker\n/);
  });

  it('says so when the port is taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const result = await run(process.execPath, [program, 'broker', '--port', String(port)]).catch((error) => error);
    blocker.close();
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('that address is already in use; choose another with --port');
  });
});

describe('mqttscope broker --persist', () => {
  /** Starts the broker program and resolves once it listens. */
  function startBroker(port: number, dataDir: string) {
    const child = spawn(process.execPath, [program, 'broker', '--port', String(port), '--persist'], { env: { ...process.env, MQTTSCOPE_DATA_DIR: dataDir } });
    let output = '';
    const ready = new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        output += chunk;
        if (output.includes('MQTT Scope broker on')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`broker exited with ${code}: ${output}`)));
    });
    return { child, ready };
  }

  it('keeps an acknowledged queue through an abrupt kill of the broker process', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'mqttscope-crash-'));
    const port = await freePort();
    const first = startBroker(port, dataDir);
    await first.ready;
    const sub = ['-h', '127.0.0.1', '-p', String(port), '-i', 'survivor', '-c', '-q', '1', '-t', 'crash/#'];
    await run('mosquitto_sub', [...sub, '-E']);
    for (const message of ['before', 'the crash']) await run('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(port), '-q', '1', '-t', 'crash/x', '-m', message]);
    const killed = new Promise((resolve) => first.child.on('exit', resolve));
    first.child.kill('SIGKILL');
    await killed;

    const second = startBroker(port, dataDir);
    try {
      await second.ready;
      const { stdout } = await run('mosquitto_sub', [...sub, '-C', '2', '-W', '5']);
      expect(stdout.trim().split('\n')).toEqual(['before', 'the crash']);
    } finally {
      second.child.kill('SIGINT');
    }
  });

  it('delivers a QoS 2 message once when its PUBLISH is resent after a kill between PUBREC and PUBREL, and restarts since [MQTT-4.3.3-2]', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'mqttscope-qos2-crash-'));
    const port = await freePort();
    const sub = ['-h', '127.0.0.1', '-p', String(port), '-i', 'q2-reader', '-c', '-q', '2', '-t', 'q2/#'];
    const publish = { type: 'PUBLISH', topic: 'q2/once', payload: 'exactly once', qos: 2, packetId: 7 } as const;
    const stop = async (broker: ReturnType<typeof startBroker>, signal: NodeJS.Signals) => {
      const exited = new Promise((resolve) => broker.child.on('exit', resolve));
      broker.child.kill(signal);
      await exited;
    };

    const first = startBroker(port, dataDir);
    await first.ready;
    await run('mosquitto_sub', [...sub, '-E']);
    const publisher = await RawClient.connect(port);
    publisher.send({ type: 'CONNECT', clientId: 'q2-writer', clean: false, keepAlive: 60 }, publish);
    expect(await publisher.expect('5002')).toBe('50020007');
    await stop(first, 'SIGKILL');

    // Each start rewrites the journal compactly: what it drops is gone after the next one.
    const second = startBroker(port, dataDir);
    await second.ready;
    await stop(second, 'SIGINT');

    const third = startBroker(port, dataDir);
    try {
      await third.ready;
      const again = await RawClient.connect(port);
      again.send({ type: 'CONNECT', clientId: 'q2-writer', clean: false, keepAlive: 60 }, { ...publish, dup: true });
      expect(await again.expect('5002')).toBe('50020007');
      again.send({ type: 'PUBREL', packetId: 7 });
      expect(await again.expect('70')).toBe('70020007');
      await again.disconnect();
      const delivered = await run('mosquitto_sub', [...sub, '-C', '2', '-W', '3']).catch((error: { stdout: string }) => error);
      expect(delivered.stdout.trim().split('\n')).toEqual(['exactly once']);
    } finally {
      await stop(third, 'SIGINT');
    }
  }, 30_000);
});

describe('mqttscope lab', () => {
  const lab = (args: string[]) => withStdin(['lab', ...args], '');

  it('runs experiments against the embedded broker it starts, one JSON line each, exit 0 when none failed, and writes the report', async () => {
    const report = path.join(mkdtempSync(path.join(tmpdir(), 'mqttscope-lab-cli-')), 'report.md');
    const { code, stdout } = await lab(['accepted', 'malformed-connect', '--json', '--report', report]);
    expect(code).toBe(0);
    const results = stdout.trim().split('\n').map((line) => JSON.parse(line) as { name: string; verdict: string });
    expect(results.map(({ name, verdict }) => [name, verdict])).toEqual([['accepted', 'pass'], ['malformed-connect', 'pass']]);
    const markdown = readFileSync(report, 'utf8');
    expect(markdown).toMatch(/^# MQTT conformance report: 127\.0\.0\.1:\d+\n/);
    expect(markdown).toContain('## Accepted connection — pass');
  }, 30_000);

  it('exits 1 when an experiment fails: a broker that accepts protocol level 9', async () => {
    const lenient = await startAnsweringBroker(() => ({ code: 0, sessionPresent: false }));
    try {
      const { code, stdout } = await lab(['protocol-version', '--broker', `mqtt://127.0.0.1:${lenient.port}`]);
      expect(stdout).toContain(`Handshake lab against 127.0.0.1:${lenient.port}`);
      expect(stdout).toContain('Unacceptable protocol version [protocol-version] — FAIL');
      expect(stdout).toContain('1 experiments: 0 passed, 1 failed, 0 not run.');
      expect(code).toBe(1);
    } finally {
      await lenient.close();
    }
  }, 30_000);

  it('refuses TLS flags without an mqtts:// or wss:// broker, and an experiment that does not exist', async () => {
    const noTls = await lab(['accepted', '--broker', 'mqtt://127.0.0.1:1', '--insecure']);
    expect(noTls.code).toBe(2);
    expect(noTls.stderr).toContain('mqttscope lab: --insecure needs an mqtts:// or wss:// URL');
    const noBroker = await lab(['accepted', '--ca', 'ca.pem']);
    expect(noBroker.stderr).toContain('--ca needs an mqtts:// or wss:// --broker');
    const unknown = await lab(['no-such-experiment']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('No experiment named no-such-experiment');
  }, 30_000);

  it('tests a broker over TLS with the CA given as for mqttscope connect', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mqttscope-lab-cli-tls-'));
    const certificates = makeCertificates(dir, ['DNS:localhost']);
    const broker = await startMosquitto(dir, [], { tls: certificates });
    try {
      const { code, stdout } = await lab(['accepted', '--broker', `mqtts://localhost:${broker.port}`, '--ca', certificates.caFile]);
      expect(stdout).toContain(`Handshake lab against mqtts://localhost:${broker.port}`);
      expect(stdout).toContain('Accepted connection [accepted] — pass');
      expect(code).toBe(0);
    } finally {
      await broker.stop();
    }
  }, 30_000);
});
