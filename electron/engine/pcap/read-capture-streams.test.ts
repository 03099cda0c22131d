import { describe, expect, it } from 'vitest';
import { toHex } from '@shared/mqtt';
import { encodePacket } from '@shared/mqtt/encode';
import { FLAGS, pcapFile, tcpPeers, type Peer } from '../../../testing/pcap-builder';
import { readCapture } from './read-capture';

const T0 = 1_700_000_000_000;
const connect = encodePacket({ type: 'CONNECT', clientId: 'streams' });
const connack = encodePacket({ type: 'CONNACK', code: 0 });
const publish = encodePacket({ type: 'PUBLISH', topic: 'a/b', payload: 'hello, reassembly' });
const bytes = (text: string) => new TextEncoder().encode(text);

type Step = [from: 'client' | 'broker', seq: number, payload?: Uint8Array, flags?: number];

/** One pcap of raw IPv4 packets, a millisecond apart, from the given steps of the given connections. */
function capture(...connections: [client: Peer, broker: Peer, steps: Step[]][]) {
  const packets = connections.flatMap(([client, broker, steps]) => {
    const packet = tcpPeers(client, broker);
    return steps.map(([from, seq, payload, flags]) => packet(from, seq, payload, flags));
  });
  return readCapture(pcapFile({ little: true, linkType: 228, packets: packets.map((data, index) => ({ time: T0 + index, data })) }));
}
const handshake: Step[] = [['client', 0, undefined, FLAGS.syn], ['broker', 0, undefined, FLAGS.syn | FLAGS.ack], ['client', 1, undefined, FLAGS.ack]];
const client = (port = 40_000): Peer => ({ address: '192.168.1.10', port });
const broker = (port: number): Peer => ({ address: '192.168.1.20', port });
const chunks = (reading: ReturnType<typeof readCapture>, index = 0) => reading.sessions[index].chunks.map((chunk) => [chunk.dir, toHex(chunk.bytes), chunk.time - T0]);

describe('readCapture: TCP reassembly', () => {
  it('puts out-of-order segments back in order, delivered when the gap fills', () => {
    const reading = capture([client(), broker(1883), [...handshake, ['client', 1 + 10, connect.subarray(10)], ['client', 1, connect.subarray(0, 10)], ['broker', 1, connack]]]);
    expect(reading.problems).toEqual([]);
    expect(chunks(reading)).toEqual([['c2s', toHex(connect.subarray(0, 10)), 4], ['c2s', toHex(connect.subarray(10)), 4], ['s2c', toHex(connack), 5]]);
  });

  it('keeps the first bytes seen of a retransmitted or overlapping segment, across the 2^32 wrap of the sequence numbers', () => {
    // The client's first data byte is at 0xfffffff1: the stream wraps after 15 bytes.
    const reading = capture([client(), broker(1883), [...handshake, ['client', 1, bytes('0123456789')], ['client', 1, bytes('XXXXXXXXXX')], ['client', 6, bytes('YYYYYabcdefghij')], ['client', 26, bytes('uvw')], ['client', 21, bytes('klmnopq')]]]);
    expect(reading.problems).toEqual([]);
    const text = reading.sessions[0].chunks.map((chunk) => new TextDecoder().decode(chunk.bytes)).join('');
    expect(text).toBe('0123456789abcdefghijklmnouvw');
  });

  it('starts a capture that begins mid-stream at the first segment it saw', () => {
    const reading = capture([client(), broker(1883), [['client', 500, publish], ['broker', 77, encodePacket({ type: 'PINGRESP' })], ['client', 500 + publish.length, connect]]]);
    expect(reading.problems).toEqual([]);
    expect(reading.sessions).toHaveLength(1);
    expect(reading.sessions[0].client).toEqual(client());
    expect(chunks(reading).map(([dir, hex]) => [dir, hex])).toEqual([['c2s', toHex(publish)], ['s2c', 'd000'], ['c2s', toHex(connect)]]);
    expect(reading.sessions[0].lifecycle).toEqual([]);
  });

  it('reports bytes never captured and keeps what follows the gap', () => {
    const reading = capture([client(), broker(1883), [...handshake, ['client', 1, connect], ['client', 1 + connect.length + 5, publish]]]);
    expect(reading.problems).toEqual([{ offset: expect.any(Number), message: `stream-0: 5 bytes from 192.168.1.10:40000 were never captured (after its byte ${connect.length}); what follows the gap is kept` }]);
    expect(chunks(reading).map(([, hex]) => hex)).toEqual([toHex(connect), toHex(publish)]);
  });

  it('ends a stream at FIN or RST, and a new SYN on the same ends starts a new stream', () => {
    const reading = capture(
      [client(), broker(1883), [...handshake, ['client', 1, connect], ['broker', 1, connack], ['broker', 1 + connack.length, undefined, FLAGS.fin | FLAGS.ack], ['client', 1 + connect.length, undefined, FLAGS.fin | FLAGS.ack]]],
      [client(), broker(1883), [...handshake, ['client', 1, connect], ['client', 1 + connect.length, undefined, FLAGS.rst]]],
    );
    expect(reading.sessions.map((session) => session.id)).toEqual(['stream-0', 'stream-1']);
    expect(reading.sessions[0].lifecycle.map((record) => record.event)).toEqual([
      { phase: 'tcp', localAddress: '192.168.1.10:40000', remoteAddress: '192.168.1.20:1883', durationMs: 1 },
      { phase: 'closed', by: 'broker' },
    ]);
    expect(reading.sessions[1].lifecycle.at(-1)!.event).toEqual({ phase: 'closed', by: 'error', error: { code: 'ECONNRESET', message: 'The client reset the connection (TCP RST)' } });
  });
});

describe('readCapture: which streams are MQTT', () => {
  const openedWith = (first: Uint8Array, port: number, clientPort = 40_000): [Peer, Peer, Step[]] => [client(clientPort), broker(port), [...handshake, ['client', 1, first], ['broker', 1, connack]]];

  it('finds MQTT on port 1884 by a CONNECT, and counts a second stream to 1884 without one as MQTT too', () => {
    const reading = capture(openedWith(connect, 1884), openedWith(publish, 1884, 40_001), openedWith(bytes('GET / HTTP/1.1\r\n\r\n'), 8080, 40_002));
    expect(reading.problems).toEqual([]);
    expect(reading.sessions.map((session) => [session.id, session.label])).toEqual([
      ['stream-0', '192.168.1.10:40000 → 192.168.1.20:1884'],
      ['stream-1', '192.168.1.10:40001 → 192.168.1.20:1884'],
    ]);
    expect(reading.sessions[1].chunks[0]).toMatchObject({ dir: 'c2s', bytes: publish });
  });

  it('finds a CONNECT sent by the side that did not open the connection, and an MQTT 3.1 one', () => {
    const old = encodePacket({ type: 'CONNECT', clientId: 'old', protocolLevel: 3 });
    const reading = capture([client(), broker(7000), [...handshake, ['broker', 1, old]]]);
    expect(reading.sessions[0].client).toEqual(broker(7000));
    expect(reading.sessions[0].chunks[0].dir).toBe('c2s');
  });

  it('takes every stream on 1883 and 8883 as MQTT, and nothing else without a CONNECT', () => {
    const reading = capture(openedWith(publish, 1883), openedWith(bytes('\x16\x03\x01'), 8883, 40_001), openedWith(publish, 7777, 40_002), openedWith(bytes('\x10\x05\x00\x04MQTX'), 7778, 40_003));
    expect(reading.sessions.map((session) => session.broker!.port)).toEqual([1883, 8883]);
  });

  it('takes a port it is told of as MQTT, its side as the broker', () => {
    const steps = openedWith(publish, 7777);
    expect(capture(steps).sessions).toEqual([]);
    const forced = readCaptureOf(steps, { port: 7777 });
    expect(forced.sessions.map((session) => session.label)).toEqual(['192.168.1.10:40000 → 192.168.1.20:7777']);
    // Even against the CONNECT: a broker on the forced port that sends one is still the broker.
    const backwards = readCaptureOf([client(), broker(7777), [...handshake, ['broker', 1, connect]]], { port: 7777 });
    expect(backwards.sessions[0].broker).toEqual(broker(7777));
  });
});

function readCaptureOf([from, to, steps]: [Peer, Peer, Step[]], options: { port: number }) {
  const packet = tcpPeers(from, to);
  return readCapture(pcapFile({ little: true, linkType: 228, packets: steps.map(([side, seq, payload, flags], index) => ({ time: T0 + index, data: packet(side, seq, payload, flags) })) }), options);
}
