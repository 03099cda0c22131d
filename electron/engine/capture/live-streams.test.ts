import { describe, expect, it } from 'vitest';
import { encodePacket } from '@shared/mqtt/encode';
import type { TcpSegmentInput } from '../pcap/tcp-streams';
import { TCP_FLAGS } from '../pcap/tcp-ip';
import { firstWholePacket, LiveStreams, type LiveConnection, type LiveTap } from './live-streams';
import { JOIN_SCAN_BYTES, MAX_LIVE_CONNECTIONS, MAX_LIVE_HELD_BYTES, SKIPPED_SAMPLE_BYTES } from '../limits';

const client = { address: '10.0.0.2', port: 50000 };
const broker = { address: '10.0.0.1', port: 1883 };
const publish = (payload: string) => encodePacket({ type: 'PUBLISH', topic: 'a/b', qos: 0, payload });

/** What the streams told each connection's tap, in words. */
function recorder() {
  const told: { connection: LiveConnection; said: string[] }[] = [];
  const tapFor = (connection: LiveConnection): LiveTap => {
    const said: string[] = [];
    told.push({ connection, said });
    return {
      bytes: (dir, bytes) => said.push(`${dir} ${Buffer.from(bytes).toString('hex')}`),
      skipped: (dir, bytes, message) => said.push(`${dir} skipped ${bytes.length}: ${message}`),
      tcp: () => said.push('tcp'),
      closed: (by, error) => said.push(`closed by ${by}${error ? `: ${error.message}` : ''}`),
      ended: () => said.push('recording ended'),
      tls: (summary) => said.push(`tls ${summary.chosenVersion ?? 'not chosen'}${summary.handshakeComplete ? ' complete' : ''}`),
    };
  };
  return { told, tapFor };
}

function segment(from: 'client' | 'broker', seq: number, payload: Uint8Array, flags: number = TCP_FLAGS.ack, ends = { client, broker }): TcpSegmentInput {
  const [source, destination] = from === 'client' ? [ends.client, ends.broker] : [ends.broker, ends.client];
  return { source, destination, seq, flags, payload, time: seq, offset: 0 };
}

describe('LiveStreams', () => {
  it('follows a connection from its SYN: the TCP step, each side in order, and its end', () => {
    const { told, tapFor } = recorder();
    const streams = new LiveStreams(new Set([1883]), tapFor);
    const connect = encodePacket({ type: 'CONNECT', clientId: 'dev', clean: true, keepAlive: 30 });
    const connack = encodePacket({ type: 'CONNACK', code: 0, sessionPresent: false });
    streams.accept(segment('client', 100, new Uint8Array(0), TCP_FLAGS.syn));
    streams.accept(segment('broker', 500, new Uint8Array(0), TCP_FLAGS.syn | TCP_FLAGS.ack));
    // The CONNECT's second half comes first: held until the gap fills.
    streams.accept(segment('client', 101 + 5, connect.subarray(5)));
    streams.accept(segment('client', 101, connect.subarray(0, 5)));
    streams.accept(segment('broker', 501, connack));
    streams.accept(segment('client', 101 + connect.length, new Uint8Array(0), TCP_FLAGS.fin | TCP_FLAGS.ack));
    streams.accept(segment('broker', 501 + connack.length, new Uint8Array(0), TCP_FLAGS.fin | TCP_FLAGS.ack));
    expect(told).toHaveLength(1);
    expect(told[0].connection).toMatchObject({ client, broker });
    expect(told[0].said).toEqual(['tcp', `c2s ${Buffer.from(connect.subarray(0, 5)).toString('hex')}`, `c2s ${Buffer.from(connect.subarray(5)).toString('hex')}`, `s2c ${Buffer.from(connack).toString('hex')}`, 'closed by client']);
    expect(streams.connections).toBe(0);
  });

  it('finds MQTT on a port it was not told of by its CONNECT, and leaves other traffic alone', () => {
    const { told, tapFor } = recorder();
    const streams = new LiveStreams(new Set([1883]), tapFor);
    const odd = { client, broker: { address: '10.0.0.1', port: 4000 } };
    streams.accept(segment('client', 1, encodePacket({ type: 'CONNECT', clientId: 'x', clean: true, keepAlive: 0 }), TCP_FLAGS.ack, odd));
    const web = { client: { address: '10.0.0.3', port: 50001 }, broker: { address: '10.0.0.1', port: 80 } };
    streams.accept(segment('client', 1, Buffer.from('GET / HTTP/1.1\r\nHost: example\r\n\r\n'), TCP_FLAGS.ack, web));
    expect(told.map((entry) => entry.connection.broker.port)).toEqual([4000]);
  });

  it('reads a connection it joined while open from its first whole packet, and says what it skipped', () => {
    const { told, tapFor } = recorder();
    const streams = new LiveStreams(new Set([1883]), tapFor);
    const first = publish('x'.repeat(40));
    const rest = Buffer.concat([publish('one'), publish('two'), publish('three')]);
    // The capture began 17 bytes into a PUBLISH from the broker.
    streams.accept(segment('broker', 9000, Buffer.concat([first.subarray(17), rest])));
    expect(told[0].said).toEqual([
      `s2c skipped ${first.length - 17}: The capture began inside this connection: the ${first.length - 17} bytes before its first whole packet are not read`,
      `s2c ${rest.toString('hex')}`,
    ]);
  });

  it('keeps at most its bound of connections, letting the one silent longest go', () => {
    const { told, tapFor } = recorder();
    const streams = new LiveStreams(new Set([1883]), tapFor);
    for (let port = 0; port <= MAX_LIVE_CONNECTIONS; port++) streams.accept(segment('client', 1, publish('p'), TCP_FLAGS.ack, { client: { address: '10.0.0.2', port: 1024 + port }, broker }));
    expect(streams.connections).toBe(MAX_LIVE_CONNECTIONS);
    expect(told[0].said.at(-1)).toBe('recording ended');
    expect(told[1].said.at(-1)).not.toBe('recording ended');
  });

  it('holds at most its bound out of order over all connections: past it, the one heard from longest ago says its gap and delivers what it held', () => {
    const { told, tapFor } = recorder();
    const streams = new LiveStreams(new Set([1883]), tapFor);
    const connect = encodePacket({ type: 'CONNECT', clientId: 'x', clean: true, keepAlive: 0 });
    const piece = 1024 * 1024;
    const ends = (index: number) => ({ client: { address: '10.0.0.2', port: 1024 + index }, broker });
    const connections = MAX_LIVE_HELD_BYTES / piece;
    for (let index = 0; index <= connections; index++) {
      streams.accept(segment('client', 1, connect, TCP_FLAGS.ack, ends(index)));
      // Ten bytes never come: what follows them is held.
      streams.accept(segment('client', 1 + connect.length + 10, new Uint8Array(piece).fill(index), TCP_FLAGS.ack, ends(index)));
      expect(streams.heldBytes).toBeLessThanOrEqual(MAX_LIVE_HELD_BYTES);
    }
    expect(streams.heldBytes).toBe(MAX_LIVE_HELD_BYTES);
    const first = told[0].said;
    expect(first.at(-2)).toBe(`c2s skipped 0: 10 bytes of this connection were not waited for any longer: the capture held 64 MB out of order (after its byte ${connect.length}); what follows the gap is kept`);
    expect(first.at(-1)).toBe(`c2s ${'00'.repeat(piece)}`);
    // The others still wait for their gap.
    expect(told[1].said).toHaveLength(1);
  });

  it('tells what a connection joined while open said before its port was known in order, each piece at its own time', () => {
    const told: string[] = [];
    const streams = new LiveStreams(new Set([1883]), () => ({
      bytes: (dir, bytes, time) => told.push(`${time} ${dir} ${Buffer.from(bytes).toString('hex')}`),
      skipped: (dir, _bytes, message, time) => told.push(`${time} ${dir} skipped: ${message}`),
      tcp: () => {},
      closed: () => {},
      ended: () => {},
      tls: () => {},
    }));
    const odd = { client, broker: { address: '10.0.0.1', port: 4000 } };
    const ping = encodePacket({ type: 'PINGREQ' });
    const pong = encodePacket({ type: 'PINGRESP' });
    // Keep-alive pings on a port not known for MQTT yet: too few bytes to tell.
    const at = (time: number, input: TcpSegmentInput): TcpSegmentInput => ({ ...input, time });
    streams.accept(at(1000, segment('client', 10, ping, TCP_FLAGS.ack, odd)));
    streams.accept(at(1001, segment('broker', 50, pong, TCP_FLAGS.ack, odd)));
    streams.accept(at(6000, segment('client', 12, ping, TCP_FLAGS.ack, odd)));
    streams.accept(at(6001, segment('broker', 52, pong, TCP_FLAGS.ack, odd)));
    expect(told).toEqual([]);
    // Another client's CONNECT makes the port MQTT's; the first connection's next packet is read with all before it.
    streams.accept(at(7000, segment('client', 1, encodePacket({ type: 'CONNECT', clientId: 'other', clean: true, keepAlive: 0 }), TCP_FLAGS.ack, { client: { address: '10.0.0.3', port: 50001 }, broker: odd.broker })));
    streams.accept(at(9000, segment('broker', 54, publish('late'), TCP_FLAGS.ack, odd)));
    const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
    expect(told.slice(-5)).toEqual([`1000 c2s ${hex(ping)}`, `1001 s2c ${hex(pong)}`, `6000 c2s ${hex(ping)}`, `6001 s2c ${hex(pong)}`, `9000 s2c ${hex(publish('late'))}`]);
  });

  it('a connection to an MQTT port refused or reset before a byte is a session that says so; to another port, nothing', () => {
    const { told, tapFor } = recorder();
    const streams = new LiveStreams(new Set([1883]), tapFor);
    const rstAck = TCP_FLAGS.rst | TCP_FLAGS.ack;
    streams.accept(segment('client', 100, new Uint8Array(0), TCP_FLAGS.syn));
    streams.accept(segment('broker', 0, new Uint8Array(0), rstAck));
    const reset = { client: { address: '10.0.0.2', port: 50001 }, broker };
    streams.accept(segment('client', 100, new Uint8Array(0), TCP_FLAGS.syn, reset));
    streams.accept(segment('broker', 500, new Uint8Array(0), TCP_FLAGS.syn | TCP_FLAGS.ack, reset));
    streams.accept(segment('client', 101, new Uint8Array(0), TCP_FLAGS.rst, reset));
    const web = { client: { address: '10.0.0.2', port: 50002 }, broker: { address: '10.0.0.1', port: 80 } };
    streams.accept(segment('client', 100, new Uint8Array(0), TCP_FLAGS.syn, web));
    streams.accept(segment('broker', 0, new Uint8Array(0), rstAck, web));
    expect(told.map((entry) => [entry.connection.client.port, entry.connection.broker.port, entry.said])).toEqual([
      [50000, 1883, ['closed by error: 10.0.0.1:1883 refused the TCP connection: a reset (RST) answered its SYN']],
      [50001, 1883, ['tcp', 'closed by error: The client reset the connection (TCP RST) before either side sent a byte']],
    ]);
    expect(streams.connections).toBe(0);
  });

  it('holds a copy of what comes out of order, not the buffer it came in', () => {
    const { told, tapFor } = recorder();
    const streams = new LiveStreams(new Set([1883]), tapFor);
    const connect = encodePacket({ type: 'CONNECT', clientId: 'x', clean: true, keepAlive: 0 });
    const block = Buffer.from(connect);
    streams.accept(segment('client', 0, new Uint8Array(0), TCP_FLAGS.syn));
    streams.accept(segment('client', 1 + 5, block.subarray(5)));
    block.fill(0);
    streams.accept(segment('client', 1, connect.subarray(0, 5)));
    expect(told[0].said.join(' ').replaceAll(' c2s ', '')).toBe(`c2s ${Buffer.from(connect).toString('hex')}`);
  });
});

describe('firstWholePacket', () => {
  it('is where packets follow one another to the end, or run on past it after two whole ones', () => {
    const packets = Buffer.concat([publish('a'), publish('bb'), publish('ccc')]);
    expect(firstWholePacket(packets)).toBe(0);
    expect(firstWholePacket(Buffer.concat([Buffer.from('xyz'), packets]))).toBe(3);
    expect(firstWholePacket(Buffer.concat([packets, publish('dddd').subarray(0, 4)]))).toBe(0);
    // Payload bytes alone: no start can be trusted.
    expect(firstWholePacket(Buffer.from('just some text that is not MQTT'))).toBeUndefined();
  });
});

describe('a connection joined while open, recorded', () => {
  it('reads back the packets after what it skipped, byte for byte, from the trace file', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { SessionRecorder } = await import('../trace-store/session-recorder');
    const { ConnectionTap } = await import('../trace/tap');
    const recorder = SessionRecorder.create(path.join(mkdtempSync(path.join(tmpdir(), 'mqttscope-joined-')), 'joined.mqtrace'), { id: 'j', origin: 'capture', label: 'j', startTime: 0 });
    const tap = new ConnectionTap('j', (entry) => recorder.entry(entry), undefined, { onChunk: (_id, dir, chunk, time) => recorder.chunk(dir, chunk, time) });
    const streams = new LiveStreams(new Set([1883]), () => ({
      bytes: (dir, bytes, time) => tap.bytes(dir, bytes, time),
      skipped: (dir, bytes, message, time) => tap.skipped(dir, bytes, message, time),
      tcp: () => {},
      closed: (by, error, time) => tap.closed(by, error, time),
      ended: () => {},
      tls: () => {},
    }));
    const first = publish('x'.repeat(40));
    const rest = [publish('one'), publish('two'), publish('three')];
    streams.accept(segment('broker', 9000, Buffer.concat([first.subarray(17), ...rest])));
    const entries = await recorder.entries(0, recorder.index.count);
    expect(entries.map((entry) => entry.kind)).toEqual(['frame-error', 'packet', 'packet', 'packet']);
    expect(entries.filter((entry) => entry.kind === 'packet').map((entry) => Buffer.from(entry.bytes).toString('hex'))).toEqual(rest.map((bytes) => Buffer.from(bytes).toString('hex')));
    await recorder.close();
  });

  it('looks for a first whole packet in the first bytes only, then leaves the direction alone, keeping a sample of each piece', () => {
    const { told, tapFor } = recorder();
    const streams = new LiveStreams(new Set([1883]), tapFor);
    const text = Buffer.from('not MQTT at all, just text going on and on. '.repeat(500));
    let seq = 1;
    for (let piece = 0; piece < 20; piece++) {
      streams.accept(segment('broker', seq, text));
      seq += text.length;
    }
    const said = told[0].said;
    const scanned = Math.ceil(JOIN_SCAN_BYTES / text.length);
    expect(said).toHaveLength(scanned);
    expect(said.every((line) => line.startsWith(`s2c skipped ${SKIPPED_SAMPLE_BYTES}: The capture began inside this connection: ${text.length} bytes hold no whole packet`))).toBe(true);
    expect(said.at(-1)).toMatch(/so the rest of this direction is not read$/);
  });
});
