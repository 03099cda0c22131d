import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decode, findField, fromHex } from '@shared/mqtt';
import { encodePacket } from '@shared/mqtt/encode';
import { buildSessionStory } from '@shared/model/session-story';
import { toTraceEntry, type TraceEntry } from '@shared/model/trace';
import { startMosquitto, type Mosquitto } from '../../../testing/mosquitto';
import { until } from '../../../testing/wait';
import { startRecordingProxy } from './recording-proxy';

const byConnection = (entries: TraceEntry[]) => {
  const map = new Map<string, TraceEntry[]>();
  for (const entry of entries) map.set(entry.connectionId, [...(map.get(entry.connectionId) ?? []), entry]);
  return map;
};
const bytesOf = (entries: TraceEntry[], dir: 'c2s' | 's2c') =>
  Buffer.concat(entries.flatMap((entry) => (entry.kind !== 'lifecycle' && entry.dir === dir ? [Buffer.from(entry.hex, 'hex')] : [])));

describe('recording proxy, byte for byte', () => {
  async function through(fromClient: Buffer, fromBroker: Buffer) {
    const received: Buffer[] = [];
    let targetEnded!: () => void;
    // The broker's side has read all the proxy forwarded once its stream ends.
    const targetDone = new Promise<void>((resolve) => (targetEnded = resolve));
    const target = net.createServer((socket) => {
      socket.on('data', (chunk) => received.push(chunk));
      socket.on('end', () => {
        socket.end();
        targetEnded();
      });
      for (let i = 0; i < fromBroker.length; i += 997) socket.write(fromBroker.subarray(i, i + 997));
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    const entries: TraceEntry[] = [];
    const proxy = await startRecordingProxy({ targetHost: '127.0.0.1', targetPort: (target.address() as AddressInfo).port, sink: (entry) => entries.push(toTraceEntry(entry)) });
    const gotBack: Buffer[] = [];
    await new Promise<void>((resolve) => {
      const client = net.connect(proxy.port, '127.0.0.1', () => {
        for (let i = 0; i < fromClient.length; i += 701) client.write(fromClient.subarray(i, i + 701));
      });
      client.on('data', (chunk) => {
        gotBack.push(chunk);
        if (Buffer.concat(gotBack).length === fromBroker.length) client.end();
      });
      client.on('close', () => resolve());
    });
    await until(() => entries.some((entry) => entry.kind === 'lifecycle' && entry.event.phase === 'closed'), undefined, 'the proxy to record the close');
    await targetDone;
    await proxy.close();
    target.close();
    return { received: Buffer.concat(received), gotBack: Buffer.concat(gotBack), entries };
  }

  it('forwards MQTT unchanged and records every byte both ways', async () => {
    const publishes = (from: string) => Buffer.concat(Array.from({ length: 300 }, (_, i) => encodePacket({ type: 'PUBLISH', topic: `${from}/${i}`, payload: `payload ${i}`.repeat(i % 7), qos: 1, packetId: i + 1 })));
    const fromClient = Buffer.concat([encodePacket({ type: 'CONNECT', clientId: 'proxied' }), publishes('up')]);
    const fromBroker = Buffer.concat([encodePacket({ type: 'CONNACK', code: 0 }), publishes('down')]);
    const { received, gotBack, entries } = await through(fromClient, fromBroker);
    expect(received).toEqual(fromClient);
    expect(gotBack).toEqual(fromBroker);
    expect(bytesOf(entries, 'c2s')).toEqual(fromClient);
    expect(bytesOf(entries, 's2c')).toEqual(fromBroker);
    expect(entries.filter((entry) => entry.kind === 'packet')).toHaveLength(602);
    expect(entries.at(-1)).toMatchObject({ kind: 'lifecycle', event: { phase: 'closed', by: 'client' } });
  });

  it('forwards a 20 MiB PUBLISH whole, and traces it from its header: no packet is held as hex past 16 MiB', async () => {
    const big = encodePacket({ type: 'PUBLISH', topic: 'firmware', payload: new Uint8Array(20 * 1024 * 1024) }) as Buffer;
    const { received, entries } = await through(Buffer.concat([encodePacket({ type: 'CONNECT', clientId: 'x' }), big]), encodePacket({ type: 'CONNACK', code: 0 }) as Buffer);
    expect(received.length).toBe(encodePacket({ type: 'CONNECT', clientId: 'x' }).length + big.length);
    expect(entries.find((entry) => entry.kind === 'frame-error')).toMatchObject({ reason: 'oversize', message: expect.stringContaining(`${big.length} bytes`) });
    expect(Math.max(...entries.map((entry) => (entry.kind === 'lifecycle' ? 0 : entry.hex.length)))).toBeLessThan(1024);
  }, 30_000);

  it('forwards bytes that are not MQTT unchanged, keeping only a sample in the trace', async () => {
    const garbage = Buffer.concat([Buffer.from('30ffffffff', 'hex'), Buffer.alloc(500_000, 0x41)]);
    const { gotBack, entries } = await through(encodePacket({ type: 'CONNECT', clientId: 'x' }) as Buffer, garbage);
    expect(gotBack).toEqual(garbage);
    expect(bytesOf(entries, 's2c').length).toBeLessThan(64 * 1024);
    expect(entries.find((entry) => entry.kind === 'frame-error')).toMatchObject({ reason: 'malformed' });
  });
});

describe('recording proxy with mosquitto_pub and mosquitto', () => {
  let broker: Mosquitto;
  beforeAll(async () => {
    broker = await startMosquitto(mkdtempSync(path.join(tmpdir(), 'mqttscope-proxy-')));
  });
  afterAll(() => broker?.stop());

  it('records 50 concurrent mosquitto_pub sessions, each its own connection, every message acknowledged', async () => {
    const entries: TraceEntry[] = [];
    const proxy = await startRecordingProxy({ targetHost: '127.0.0.1', targetPort: broker.port, sink: (entry) => entries.push(toTraceEntry(entry)) });
    const COUNT = 50;
    const exits = await Promise.all(
      Array.from({ length: COUNT }, (_, i) =>
        new Promise<number | null>((resolve) => {
          const child = spawn('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(proxy.port), '-i', `pub-${i}`, '-t', `proxy/${i}`, '-m', `message ${i}`, '-q', '1']);
          child.on('exit', (code) => resolve(code));
        }),
      ),
    );
    // Waits for the closes, however long a loaded machine takes (it used to go on after 5 s, with sessions still open).
    await until(() => proxy.openConnections === 0, undefined, 'every proxied connection to close');
    await proxy.close();
    expect(exits).toEqual(Array(COUNT).fill(0));

    const sessions = byConnection(entries);
    expect(sessions.size).toBe(COUNT);
    const seen = new Set<string>();
    for (const [id, list] of sessions) {
      const story = buildSessionStory(id, list);
      expect(story.connack?.accepted).toBe(true);
      expect(story.flows).toMatchObject([{ kind: 'PUBLISH QoS 1', complete: true }]);
      expect(story.end).toMatchObject({ by: 'client' });
      const publish = list.find((entry) => entry.kind === 'packet' && entry.typeName === 'PUBLISH');
      const fields = decode(fromHex((publish as { hex: string }).hex)!).fields;
      const clientId = story.connect!.clientId;
      expect(findField(fields, 'mqtt.msg_text')?.value).toBe(`message ${clientId.slice(4)}`);
      seen.add(clientId);
    }
    expect(seen.size).toBe(COUNT);
  });
});

describe('two recording proxies in a row, with real traffic', () => {
  let broker: Mosquitto;
  beforeAll(async () => {
    broker = await startMosquitto(mkdtempSync(path.join(tmpdir(), 'mqttscope-proxy-chain-')));
  });
  afterAll(() => broker?.stop());

  it('what left the first proxy is what the second received, byte for byte, both ways, 50 clients at once', async () => {
    const near: TraceEntry[] = [];
    const far: TraceEntry[] = [];
    const second = await startRecordingProxy({ targetHost: '127.0.0.1', targetPort: broker.port, sink: (entry) => far.push(toTraceEntry(entry)) });
    const first = await startRecordingProxy({ targetHost: '127.0.0.1', targetPort: second.port, sink: (entry) => near.push(toTraceEntry(entry)) });
    const COUNT = 50;
    const exits = await Promise.all(
      Array.from({ length: COUNT }, (_, i) =>
        new Promise<number | null>((resolve) => {
          const child = spawn('mosquitto_pub', ['-h', '127.0.0.1', '-p', String(first.port), '-i', `chain-${i}`, '-t', `chain/${i}`, '-m', 'x'.repeat(i * 37), '-q', String(i % 3)]);
          child.on('exit', (code) => resolve(code));
        }),
      ),
    );
    await until(() => first.openConnections === 0 && second.openConnections === 0, undefined, 'every connection through both proxies to close');
    await Promise.all([first.close(), second.close()]);
    expect(exits).toEqual(Array(COUNT).fill(0));

    const byClientId = (entries: TraceEntry[]) =>
      new Map([...byConnection(entries)].map(([id, list]) => [buildSessionStory(id, list).connect!.clientId, list]));
    const nearSessions = byClientId(near);
    const farSessions = byClientId(far);
    expect(nearSessions.size).toBe(COUNT);
    for (const [clientId, list] of nearSessions) {
      const other = farSessions.get(clientId)!;
      expect(bytesOf(other, 'c2s'), `${clientId} client → broker`).toEqual(bytesOf(list, 'c2s'));
      expect(bytesOf(list, 's2c'), `${clientId} broker → client`).toEqual(bytesOf(other, 's2c'));
      expect(bytesOf(list, 'c2s').length).toBeGreaterThan(20);
    }
  });
});
