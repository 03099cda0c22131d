import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CaptureChunk, CaptureLifecycle, CapturedSession } from '@shared/model/capture';
import { toHex } from '@shared/mqtt';
import { encodePacket } from '@shared/mqtt/encode';
import { framedPackets, withTimesWithin } from '../../../testing/capture-packets';
import { TSHARK_WARNINGS, tsharkMatching, tsharkRead } from '../../../testing/tshark';
import { sessionComment, writePcapng } from './write-pcapng';

const dir = process.env.KEEP_PCAP ?? mkdtempSync(path.join(tmpdir(), 'pcapng-write-'));
afterAll(() => { if (!process.env.KEEP_PCAP) rmSync(dir, { recursive: true, force: true }); });

/** A high port tshark knows nothing of: only `-d tcp.port==` makes it MQTT. */
const PORT = 20_000 + Math.floor(Math.random() * 30_000);
const T0 = 1_795_628_863_142.855;

const connect = encodePacket({ type: 'CONNECT', clientId: 'writer-test', keepAlive: 30 });
const connack = encodePacket({ type: 'CONNACK', code: 0 });
const publish = (topic: string, payload: string | Uint8Array, qos = 0) => encodePacket({ type: 'PUBLISH', topic, payload, qos, ...(qos ? { packetId: 7 } : {}) });
const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((part) => [...part]));

function session(id: string, endpoints: Pick<CapturedSession, 'client' | 'broker'>, chunks: [CaptureChunk['dir'], number, Uint8Array][], closed?: CaptureLifecycle): CapturedSession {
  const label = id;
  return {
    id,
    origin: 'client',
    label,
    ...endpoints,
    startTime: T0 + chunks[0][1] - 0.25,
    chunks: chunks.map(([dir, offset, bytes]) => ({ dir, time: T0 + offset, bytes })),
    lifecycle: closed ? [closed] : [],
  };
}

const split = publish('split/topic', 'a payload that is cut in two by the chunking');
const large = publish('large', new Uint8Array(150_000).map((_, index) => index % 251), 1);
const sessions: CapturedSession[] = [
  session('ipv4', { client: { address: '10.0.0.1', port: 50_312 }, broker: { address: '10.0.0.2', port: PORT } }, [
    ['c2s', 0, connect],
    ['s2c', 0.412, connack],
    // Several packets in one chunk, then one packet split across two chunks.
    ['c2s', 1.001, concat(publish('a', 'one'), publish('b', 'two'), encodePacket({ type: 'PINGREQ' }))],
    ['c2s', 2.5, split.subarray(0, 9)],
    ['c2s', 3.007, split.subarray(9)],
    ['s2c', 3.5, encodePacket({ type: 'PINGRESP' })],
    // Larger than one segment can carry.
    ['c2s', 4.25, large],
    ['s2c', 5.125, encodePacket({ type: 'PUBACK', packetId: 7 })],
    ['c2s', 6, encodePacket({ type: 'DISCONNECT' })],
  ], { time: T0 + 6, event: { phase: 'closed', by: 'client' } }),
  session('ipv6', { client: { address: '2001:db8::1', port: 50_000 }, broker: { address: '2001:db8::2', port: PORT } }, [
    ['c2s', 0.5, connect],
    ['s2c', 0.75, connack],
  ]),
  session('no-endpoints-1', {}, [['c2s', 0.6, connect], ['s2c', 0.7, connack]]),
  session('no-endpoints-2', {}, [['c2s', 0.65, connect]]),
];

const file = path.join(dir, 'written.pcapng');
writeFileSync(file, Buffer.concat(writePcapng(sessions)));
const seen = tsharkRead(file, [PORT]);
const streams = new Map<string, number>();
for (const packet of seen) {
  const comment = packet.comments[0];
  const owner = sessions.find((candidate) => comment === sessionComment(candidate));
  if (owner) streams.set(owner.id, packet.stream!);
}

describe('writePcapng, read back by tshark', () => {
  it('names each session in a comment on the first packet of its stream', () => {
    expect([...streams.keys()].sort()).toEqual(sessions.map((each) => each.id).sort());
    expect(new Set(streams.values()).size).toBe(sessions.length);
    for (const packet of seen.filter((each) => each.comments.length > 0)) expect(packet.tcpFlags).toBe(0x002);
  });

  it.each(sessions.map((each) => [each.id, each] as const))('%s: the MQTT packets tshark sees are the session’s, byte for byte, to the microsecond', (_id, each) => {
    const stream = seen.filter((packet) => packet.stream === streams.get(each.id));
    const client = stream[0];
    const theirs = stream.flatMap((packet) => packet.mqtt.map((hex) => ({ dir: packet.srcPort === client.srcPort ? 'c2s' : 's2c', time: packet.timeMicros / 1000, hex })));
    // Written in whole microseconds: each time within half of one of the chunk's.
    expect(withTimesWithin(framedPackets(each), theirs, 0.0005)).toEqual(theirs);
  });

  it('opens each stream with a handshake and closes it with FINs', () => {
    const stream = seen.filter((packet) => packet.stream === streams.get('ipv4'));
    expect(stream.slice(0, 3).map((packet) => packet.tcpFlags)).toEqual([0x002, 0x012, 0x010]);
    expect(stream.slice(-3).map((packet) => packet.tcpFlags)).toEqual([0x011, 0x011, 0x010]);
  });

  it('ends a session saved while open at its last packet: no FIN or RST it never had', () => {
    for (const id of ['ipv6', 'no-endpoints-1', 'no-endpoints-2']) {
      const stream = seen.filter((packet) => packet.stream === streams.get(id));
      expect({ id, closing: stream.filter((packet) => packet.tcpFlags! & 0x005) }).toEqual({ id, closing: [] });
      expect(stream.at(-1)!.mqtt.length).toBe(1);
    }
  });

  it('writes the real ends, IPv6 ones as IPv6, and makes up distinct ones', () => {
    const first = (id: string) => seen.find((packet) => packet.stream === streams.get(id))!;
    expect(first('ipv4')).toMatchObject({ srcAddress: '10.0.0.1', srcPort: 50_312, dstPort: PORT });
    expect(first('ipv6')).toMatchObject({ srcAddress: '2001:db8::1', srcPort: 50_000, dstPort: PORT });
    expect(first('no-endpoints-1')).toMatchObject({ srcAddress: '127.0.0.1', dstPort: 1883 });
    expect(first('no-endpoints-1').srcPort).not.toBe(first('no-endpoints-2').srcPort);
  });

  it('gives tshark nothing to warn of: checksums right, no lost or repeated segment', () => {
    expect(tsharkMatching(file, TSHARK_WARNINGS, [PORT])).toEqual([]);
    // The PUBLISH larger than a segment is one MQTT packet, reassembled by tshark.
    expect(seen.some((packet) => packet.mqtt.includes(toHex(large)))).toBe(true);
  });
});
