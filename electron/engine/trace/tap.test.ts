// The tap records in capture order, and after a client's DISCONNECT the end is the client's.
import { describe, expect, it } from 'vitest';
import { encodePacket } from '@shared/mqtt/encode';
import { toTraceEntry, type LifecycleEntry, type PacketEntry, type RecordedEntry, type TraceEntry } from '@shared/model/trace';
import { ConnectionTap } from './tap';

const bytes = (packet: Parameters<typeof encodePacket>[0]) => encodePacket({ protocolLevel: 4, ...packet });
const publish = (packetId: number) => bytes({ type: 'PUBLISH', topic: 't', qos: 1, packetId, payload: 'x' });
const packets = (entries: TraceEntry[]) => entries.filter((entry): entry is PacketEntry => entry.kind === 'packet');
const closedBy = (entries: TraceEntry[]) => (entries.at(-1) as LifecycleEntry).event;

describe('ConnectionTap', () => {
  it('records a reply sent while a chunk is read after the rest of that chunk, so time order and sequence agree', async () => {
    const entries: TraceEntry[] = [];
    const tap: ConnectionTap = new ConnectionTap('c', (entry) => entries.push(toTraceEntry(entry)), (dir, packet, raw) => {
      // As the client does: a PUBACK goes out the moment a QoS 1 PUBLISH is read.
      if (dir === 's2c' && packet.typeName === 'PUBLISH') tap.bytes('c2s', bytes({ type: 'PUBACK', packetId: raw[raw.length - 3] * 256 + raw[raw.length - 2] }));
    });
    tap.bytes('c2s', bytes({ type: 'CONNECT', clientId: 'a', clean: true, keepAlive: 30 }));
    // Two PUBLISHes in one chunk, as a broker's burst arrives.
    tap.bytes('s2c', Buffer.concat([publish(1), publish(2)]));
    const recorded = packets(entries);
    expect(recorded.map((entry) => `${entry.dir}:${entry.typeName}`)).toEqual(['c2s:CONNECT', 's2c:PUBLISH', 's2c:PUBLISH', 'c2s:PUBACK', 'c2s:PUBACK']);
    expect(recorded.map((entry) => entry.seq)).toEqual([0, 1, 2, 3, 4]);
    for (let index = 1; index < recorded.length; index++) expect(recorded[index].time).toBeGreaterThanOrEqual(recorded[index - 1].time);
  });

  it('records 50,000 packets sent from one packet’s listener after it, each once and in order', () => {
    const entries: TraceEntry[] = [];
    const publishBytes = bytes({ type: 'PUBLISH', topic: 't', qos: 0, payload: 'x' });
    const tap: ConnectionTap = new ConnectionTap('c', (entry) => entries.push(toTraceEntry(entry)), (dir, packet) => {
      // As a session plan does: the CONNACK's listener sends the whole burst.
      if (dir === 's2c' && packet.typeName === 'CONNACK') for (let index = 0; index < 50_000; index++) tap.bytes('c2s', publishBytes);
    });
    tap.bytes('s2c', bytes({ type: 'CONNACK', code: 0, sessionPresent: false }));
    expect(entries).toHaveLength(50_001);
    expect(entries[0]).toMatchObject({ dir: 's2c', typeName: 'CONNACK' });
    expect(entries.every((entry, index) => entry.seq === index)).toBe(true);
  });

  it('after the client’s DISCONNECT the end is the client’s, whichever side closed first', () => {
    const entries: TraceEntry[] = [];
    const tap = new ConnectionTap('c', (entry) => entries.push(toTraceEntry(entry)));
    tap.bytes('c2s', bytes({ type: 'CONNECT', clientId: 'a', clean: true, keepAlive: 30 }));
    tap.bytes('c2s', bytes({ type: 'DISCONNECT' }));
    tap.closed('broker');
    expect(closedBy(entries)).toEqual({ phase: 'closed', by: 'client' });
  });

  it('an end told while a chunk is recorded waits for the rest of it: its DISCONNECT still counts', () => {
    const entries: TraceEntry[] = [];
    const tap: ConnectionTap = new ConnectionTap('c', (entry) => entries.push(toTraceEntry(entry)), (dir, packet) => {
      if (dir === 'c2s' && packet.typeName === 'PUBLISH') tap.closed('broker');
    });
    tap.bytes('c2s', Buffer.concat([bytes({ type: 'PUBLISH', topic: 't', payload: 'x' }), bytes({ type: 'DISCONNECT' })]));
    expect(packets(entries).map((entry) => entry.typeName)).toEqual(['PUBLISH', 'DISCONNECT']);
    expect(closedBy(entries)).toEqual({ phase: 'closed', by: 'client' });
  });

  it('without a DISCONNECT the side that closed is told; an error is kept whatever came before', () => {
    const dropped: TraceEntry[] = [];
    const tap = new ConnectionTap('c', (entry) => dropped.push(toTraceEntry(entry)));
    tap.bytes('c2s', bytes({ type: 'CONNECT', clientId: 'a', clean: true, keepAlive: 30 }));
    tap.closed('broker');
    expect(closedBy(dropped)).toEqual({ phase: 'closed', by: 'broker' });

    const failed: TraceEntry[] = [];
    const other = new ConnectionTap('d', (entry) => failed.push(toTraceEntry(entry)));
    other.bytes('c2s', bytes({ type: 'DISCONNECT' }));
    other.closed('error', { code: 'ECONNRESET', message: 'reset' });
    expect(closedBy(failed)).toEqual({ phase: 'closed', by: 'error', error: { code: 'ECONNRESET', message: 'reset' } });
  });

  it('decodes only what its listener is told of or cannot be called clean; what it is told of comes with its tree', () => {
    const recorded: RecordedEntry[] = [];
    const told: string[] = [];
    const tap = new ConnectionTap('c', (entry) => recorded.push(entry), (dir, packet) => told.push(`${dir}:${packet.typeName}`), {
      // As the client listens: the broker's packets but a QoS 0 PUBLISH.
      listensTo: (dir, firstByte) => dir === 's2c' && firstByte >> 4 !== 3,
    });
    tap.bytes('c2s', bytes({ type: 'CONNECT', clientId: 'a', clean: true, keepAlive: 30 }));
    tap.bytes('s2c', bytes({ type: 'CONNACK', code: 0, sessionPresent: false }));
    tap.bytes('s2c', bytes({ type: 'PUBLISH', topic: 't', qos: 0, payload: 'x' }));
    tap.bytes('c2s', bytes({ type: 'PINGREQ' }));
    // A QoS 0 PUBLISH with DUP set breaks a rule: decoded, its problem counted, though nobody is told.
    tap.bytes('s2c', bytes({ type: 'PUBLISH', topic: 't', qos: 0, dup: true, payload: 'x' }));
    expect(told).toEqual(['s2c:CONNACK']);
    const packetsRecorded = recorded.filter((entry) => entry.kind === 'packet');
    expect(packetsRecorded.map((entry) => [entry.typeName, entry.decoded !== undefined, entry.problemCount])).toEqual([
      ['CONNECT', true, 0],
      ['CONNACK', true, 0],
      ['PUBLISH', false, 0],
      ['PINGREQ', false, 0],
      ['PUBLISH', true, 1],
    ]);
  });
});
