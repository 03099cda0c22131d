import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toHex } from '@shared/mqtt';
import { encodePacket } from '@shared/mqtt/encode';
import { FLAGS, link, pcapFile, pcapngFile, tcpPeers, type BuiltPacket } from '../../../testing/pcap-builder';
import { tsharkReadAll } from '../../../testing/tshark';
import { readCapture } from './read-capture';

const T0 = 1_700_000_000_000;
const connect = encodePacket({ type: 'CONNECT', clientId: 'formats' });
const connack = encodePacket({ type: 'CONNACK', code: 0 });

/** A connection to port 5555 (not an MQTT port: found by its CONNECT), its IP packets. */
function conversation(client = '10.1.0.1', broker = '10.1.0.2') {
  const packet = tcpPeers({ address: client, port: 40_001 }, { address: broker, port: 5555 });
  return [
    packet('client', 0, undefined, FLAGS.syn),
    packet('broker', 0, undefined, FLAGS.syn | FLAGS.ack),
    packet('client', 1, undefined, FLAGS.ack),
    packet('client', 1, connect),
    packet('broker', 1, connack),
  ];
}
/** Its times: a millisecond and a microsecond apart, with 400 ns in each. */
const timed = (packets: Uint8Array[], wrap: (ip: Uint8Array) => Uint8Array = (ip) => ip, interfaceId = 0): BuiltPacket[] =>
  packets.map((ip, index) => ({ time: T0 + index * 1.000_001 + 0.000_4, data: wrap(ip), interfaceId }));
/** An epoch time in milliseconds holds about a quarter of a microsecond: what nanoseconds can keep. */
const QUARTER_MICROSECOND = 0.000_25;

function expectConversation(bytes: Uint8Array, client = '10.1.0.1') {
  const { sessions, problems } = readCapture(bytes);
  expect(problems).toEqual([]);
  expect(sessions).toHaveLength(1);
  const [session] = sessions;
  expect(session.client).toEqual({ address: client, port: 40_001 });
  expect(session.chunks.map((chunk) => [chunk.dir, toHex(chunk.bytes)])).toEqual([['c2s', toHex(connect)], ['s2c', toHex(connack)]]);
  return session;
}

const dir = mkdtempSync(path.join(tmpdir(), 'pcap-formats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const files: Record<string, Uint8Array> = {};

describe('readCapture: file formats', () => {
  it('reads pcap in both byte orders, microsecond timestamps', () => {
    for (const little of [true, false]) {
      const file = pcapFile({ little, linkType: 1, packets: timed(conversation(), link.ethernet) });
      files[`pcap-${little ? 'le' : 'be'}-us.pcap`] = file;
      const session = expectConversation(file);
      // Microseconds: the 400 ns are gone.
      expect(session.chunks.map((chunk) => chunk.time)).toEqual([T0 + 3, T0 + 4]);
    }
  });

  it('reads pcap with nanosecond timestamps, keeping what is finer than a microsecond', () => {
    const file = pcapFile({ little: false, nanoseconds: true, linkType: 101, packets: timed(conversation()) });
    files['pcap-be-ns.pcap'] = file;
    const session = expectConversation(file);
    expect(Math.abs(session.startTime - (T0 + 0.000_4))).toBeLessThan(QUARTER_MICROSECOND);
    expect(Math.abs(session.chunks[0].time - (T0 + 3.000_403))).toBeLessThan(QUARTER_MICROSECOND);
    expect(Math.abs(session.chunks[1].time - (T0 + 4.000_404))).toBeLessThan(QUARTER_MICROSECOND);
  });

  it('reads pcapng in big-endian order with two interfaces of their own link type and resolution, and obsolete and simple packet blocks', () => {
    const packets = conversation();
    const file = pcapngFile({
      little: false,
      interfaces: [{ linkType: 1 }, { linkType: 113, resolution: 9 }],
      packets: [...timed(packets.slice(0, 3), link.ethernet, 0), ...timed(packets.slice(3, 4), link.sll, 1).map((packet) => ({ ...packet, time: T0 + 10 }))],
      obsoletePackets: [{ time: T0 + 20, data: link.ethernet(packets[4]), interfaceId: 0 }],
    });
    files['pcapng-be-two-interfaces.pcapng'] = file;
    const session = expectConversation(file);
    expect(session.chunks.map((chunk) => chunk.time)).toEqual([T0 + 10, T0 + 20]);

    const simple = pcapngFile({ little: true, interfaces: [{ linkType: 1 }], packets: timed(packets.slice(0, 4), link.ethernet), simplePackets: [link.ethernet(packets[4])] });
    const reading = readCapture(simple);
    expect(reading.sessions[0].chunks.map((chunk) => toHex(chunk.bytes))).toEqual([toHex(connect), toHex(connack)]);
    expect(reading.problems).toEqual([expect.objectContaining({ message: expect.stringContaining('no timestamp') })]);
  });

  it.each([
    ['Linux cooked (SLL)', 113, link.sll, '10.1.0.1'],
    ['Linux cooked v2 (SLL2)', 276, link.sll2, '10.1.0.1'],
    ['BSD loopback, little-endian family', 0, (ip: Uint8Array) => link.family(ip, 2, true), '10.1.0.1'],
    ['BSD loopback, big-endian family', 0, (ip: Uint8Array) => link.family(ip, 2, false), '10.1.0.1'],
    ['BSD loopback, IPv6 (macOS family 30)', 0, (ip: Uint8Array) => link.family(ip, 30, true), 'fe80::1'],
    ['OpenBSD loopback', 108, (ip: Uint8Array) => link.family(ip, 2, false), '10.1.0.1'],
    ['raw IPv4', 228, (ip: Uint8Array) => ip, '10.1.0.1'],
    ['raw IPv6', 229, (ip: Uint8Array) => ip, '2001:db8::1'],
    ['raw IP (IPv6)', 101, (ip: Uint8Array) => ip, '2001:db8::1'],
    ['Ethernet, IPv6', 1, link.ethernet, '2001:db8::1'],
    ['Ethernet with an 802.1Q tag', 1, (ip: Uint8Array) => link.ethernet(ip, [0x8100]), '10.1.0.1'],
    ['Ethernet with 802.1ad and 802.1Q tags', 1, (ip: Uint8Array) => link.ethernet(ip, [0x88a8, 0x8100]), '10.1.0.1'],
  ] as const)('reads link type %s', (name, linkType, wrap, client) => {
    const broker = client.includes(':') ? client.replace(/1$/, '2') : '10.1.0.2';
    const file = pcapFile({ little: true, linkType, packets: timed(conversation(client, broker), wrap) });
    files[`link-${name.replace(/\W+/g, '-')}.pcap`] = file;
    const session = expectConversation(file, client);
    expect(session.label).toBe(client.includes(':') ? `[${client}]:40001 → [${broker}]:5555` : `${client}:40001 → ${broker}:5555`);
  });

  it('skips IPv4 options and IPv6 extension headers on the way to TCP', () => {
    const withOptions = conversation().map((ip) => {
      const longer = new Uint8Array(ip.length + 4);
      longer.set(ip.subarray(0, 20));
      longer.set(Uint8Array.of(1, 1, 1, 0), 20); // NOP, NOP, NOP, end of options
      longer.set(ip.subarray(20), 24);
      longer[0] = 0x46;
      new DataView(longer.buffer).setUint16(2, longer.length);
      return longer;
    });
    expectConversation(pcapFile({ little: true, linkType: 228, packets: timed(withOptions) }));

    const withHopByHop = conversation('2001:db8::1', '2001:db8::2').map((ip) => {
      const longer = new Uint8Array(ip.length + 8);
      longer.set(ip.subarray(0, 40));
      longer[6] = 0; // next: hop-by-hop options
      longer.set(Uint8Array.of(6, 0, 1, 4, 0, 0, 0, 0), 40); // next: TCP; a PadN option
      longer.set(ip.subarray(40), 48);
      new DataView(longer.buffer).setUint16(4, longer.length - 40);
      return longer;
    });
    files['ipv6-hop-by-hop.pcap'] = pcapFile({ little: true, linkType: 229, packets: timed(withHopByHop) });
    expectConversation(files['ipv6-hop-by-hop.pcap'], '2001:db8::1');
  });

  it('drops the Ethernet padding after a short IPv4 packet', () => {
    const padded = (ip: Uint8Array) => Uint8Array.from([...link.ethernet(ip), ...new Uint8Array(Math.max(0, 60 - 14 - ip.length) + 6)]);
    expectConversation(pcapFile({ little: true, linkType: 1, packets: timed(conversation(), padded) }));
  });

  it('tshark reads the hand-built files as the same MQTT packets (the builder writes valid files)', async () => {
    const names = Object.keys(files);
    expect(names.length).toBeGreaterThanOrEqual(16);
    for (const name of names) writeFileSync(path.join(dir, name), files[name]);
    const read = await tsharkReadAll(names.map((name) => path.join(dir, name)), [5555]);
    names.forEach((name, index) => expect(read[index].flatMap((packet) => packet.mqtt), name).toEqual([toHex(connect), toHex(connack)]));
    // One tshark per file: seconds each when the two cores are busy with other tests.
  }, 90_000);
});
