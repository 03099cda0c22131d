import { mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decode, fromHex, findField } from '@shared/mqtt';
import type { ConnectOptions } from '@shared/model/connect-options';
import { toTraceEntry, type PacketEntry, type TraceEntry } from '@shared/model/trace';
import { startMosquitto } from '../../../testing/mosquitto';
import { until } from '../../../testing/wait';
import { startAedesBroker, type RunningBroker } from '../broker/aedes-broker';
import { InspectingClient } from './inspecting-client';

const brokers: RunningBroker[] = [];
afterEach(async () => {
  await Promise.all(brokers.splice(0).map((broker) => broker.close()));
});

function options(port: number, overrides: Partial<ConnectOptions> = {}): ConnectOptions {
  return { host: '127.0.0.1', port, protocolVersion: '3.1.1', clientId: 'inspector-test', clean: true, keepAlive: 30, ...overrides };
}

async function run(connect: ConnectOptions, stayOpen = false): Promise<TraceEntry[]> {
  const entries: TraceEntry[] = [];
  const client = new InspectingClient('c1', connect, (entry) => entries.push(toTraceEntry(entry)));
  client.start();
  if (stayOpen) {
    await until(() => entries.some((entry) => entry.kind === 'packet' && entry.typeName === 'CONNACK'));
    await client.close();
  }
  await client.closed;
  return entries;
}

const packets = (entries: TraceEntry[]) => entries.filter((entry): entry is PacketEntry => entry.kind === 'packet');

describe('InspectingClient against the embedded Aedes broker', () => {
  it('records DNS, TCP, CONNECT, CONNACK and DISCONNECT in order, then a close by the client', async () => {
    const broker = await startAedesBroker();
    brokers.push(broker);
    const entries = await run(options(broker.port), true);
    const phases = entries.map((entry) => (entry.kind === 'packet' ? `${entry.dir}:${entry.typeName}` : entry.kind === 'lifecycle' ? entry.event.phase : entry.kind));
    expect(phases).toEqual(['dns', 'tcp', 'c2s:CONNECT', 's2c:CONNACK', 'c2s:DISCONNECT', 'closed']);
    expect(entries.at(-1)).toMatchObject({ event: { phase: 'closed', by: 'client' } });
    const connack = decode(fromHex(packets(entries)[1].hex)!);
    expect(findField(connack.fields, 'mqtt.conack.val')?.value).toBe(0);
    expect(entries.map((entry) => entry.seq)).toEqual(entries.map((_, index) => index));
  });

  it('sees the broker refuse bad credentials with return code 4 and close the connection', async () => {
    const broker = await startAedesBroker({ users: [{ username: 'alice', password: 'right' }] });
    brokers.push(broker);
    const entries = await run(options(broker.port, { username: 'alice', password: 'wrong' }));
    const connack = packets(entries).find((entry) => entry.typeName === 'CONNACK');
    expect(findField(decode(fromHex(connack!.hex)!).fields, 'mqtt.conack.val')?.value).toBe(4);
    expect(entries.at(-1)).toMatchObject({ event: { phase: 'closed', by: 'broker' } });
  });

  it('reports nothing listening as a TCP-layer error', async () => {
    const broker = await startAedesBroker();
    const port = broker.port;
    await broker.close();
    const entries = await run(options(port));
    expect(entries.at(-1)).toMatchObject({ event: { phase: 'closed', by: 'error', error: { code: 'ECONNREFUSED' } } });
  });

  it('reports a host that does not resolve as a DNS error', async () => {
    const entries = await run(options(1883, { host: 'no-such-host.invalid' }));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ event: { phase: 'closed', by: 'error', error: { code: 'ENOTFOUND' } } });
  });

  it('sends PINGREQ after keep-alive seconds of silence and records the PINGRESP', async () => {
    const broker = await startAedesBroker();
    brokers.push(broker);
    const entries: TraceEntry[] = [];
    const client = new InspectingClient('c1', options(broker.port, { keepAlive: 1 }), (entry) => entries.push(toTraceEntry(entry)));
    client.start();
    await until(() => packets(entries).some((entry) => entry.typeName === 'PINGRESP'), 3000);
    await client.close();
    const [connect, ping] = ['CONNECT', 'PINGREQ'].map((type) => packets(entries).find((entry) => entry.typeName === type)!);
    expect(ping.time - connect.time).toBeGreaterThanOrEqual(990);
  });
});

describe('InspectingClient against a hostile peer', () => {
  it('survives a server that answers with HTTP instead of MQTT and records what it sent', async () => {
    const server = createServer((socket) => socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const entries = await run(options((server.address() as AddressInfo).port));
      expect(entries.at(-1)).toMatchObject({ event: { phase: 'closed', by: 'broker' } });
      const received = entries.filter((entry) => entry.kind !== 'lifecycle' && entry.dir === 's2c');
      const bytes = received.map((entry) => ('hex' in entry ? entry.hex : '')).join('');
      expect(Buffer.from(bytes, 'hex').toString()).toBe('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n');
    } finally {
      server.close();
    }
  });
});

describe('InspectingClient against mosquitto', () => {
  it('sends an empty client id with clean session off as asked, and mosquitto refuses it with return code 2', async () => {
    const broker = await startMosquitto(mkdtempSync(path.join(tmpdir(), 'mqttscope-mosquitto-')));
    try {
      const entries = await run(options(broker.port, { clientId: '', clean: false }));
      const [connect, connack] = packets(entries).map((entry) => decode(fromHex(entry.hex)!));
      expect(findField(connect.fields, 'mqtt.clientid_len')?.value).toBe(0);
      expect(connect.problems.map((problem) => problem.clause)).toContain('MQTT-3.1.3-8');
      expect(findField(connack.fields, 'mqtt.conack.val')?.value).toBe(2);
    } finally {
      await broker.stop();
    }
  });
});
