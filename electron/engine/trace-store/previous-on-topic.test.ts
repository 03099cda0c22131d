// The message before a PUBLISH on its topic: a received one by the topic index's link, the
// client's own by a scan among other topics and the other direction, looked for no further than
// the bound, and refused in words for a packet that is no PUBLISH.
import { describe, expect, it } from 'vitest';
import { PREVIOUS_ON_TOPIC_SCAN } from '@shared/contract';
import { encodePacket, type CraftPacket } from '@shared/mqtt/encode';
import type { Direction } from '@shared/model/trace';
import { ConnectionTap } from '../trace/tap';
import { TraceIndex } from './trace-index';
import { TraceReader } from './trace-reader';
import { previousOnTopic } from './previous-on-topic';

/** A session recorded into an index over an in-memory "file", as the store records one. */
function recordedSession(packets: [Direction, CraftPacket][]) {
  const file: Uint8Array[] = [];
  let size = 0;
  const index = new TraceIndex('t');
  const tap = new ConnectionTap('t', (entry) => index.addEntry(entry), undefined, {
    onChunk: (_id, dir, chunk) => {
      index.addChunk(dir, size, chunk.length);
      file.push(chunk);
      size += chunk.length;
    },
  });
  packets.forEach(([dir, packet], time) => tap.bytes(dir, encodePacket({ protocolLevel: 4, ...packet }), time));
  const bytes = Buffer.concat(file);
  let read = 0;
  const reader = new TraceReader(async (buffer, offset, length, position) => {
    read += length;
    buffer.set(bytes.subarray(position, position + length), offset);
  }, async () => {});
  return { index, reader, bytesRead: () => read };
}

const publish = (topic: string, payload: string): CraftPacket => ({ type: 'PUBLISH', topic, payload, qos: 0 });
const CONNECT: [Direction, CraftPacket] = ['c2s', { type: 'CONNECT', clientId: 'c', clean: true }];

describe('previousOnTopic', () => {
  it('finds the last PUBLISH before it on the same topic and in the same direction', async () => {
    const { index, reader } = recordedSession([
      CONNECT, // 0
      ['s2c', publish('a', '{"n":1}')], // 1
      ['s2c', publish('ab', '{"n":2}')], // 2: a longer topic with the same start
      ['c2s', publish('a', '{"n":3}')], // 3: the other direction
      ['s2c', publish('b', '{"n":4}')], // 4
      ['s2c', publish('a', '{"n":5}')], // 5
      ['c2s', publish('ab', '{"n":6}')], // 6
      ['c2s', publish('a', '{"n":7}')], // 7
    ]);
    // Received messages: the topic index links each to the one before, nothing read.
    expect(await previousOnTopic(index, reader, 5)).toEqual({ seq: 1, scanned: 0, complete: true });
    expect(await previousOnTopic(index, reader, 1)).toEqual({ scanned: 0, complete: true });
    // The client's own: scanned for, past the other topics and the other direction.
    expect(await previousOnTopic(index, reader, 7)).toEqual({ seq: 3, scanned: 4, complete: true });
    expect(await previousOnTopic(index, reader, 3)).toEqual({ scanned: 3, complete: true });
  });

  it('looks back no further than its bound, and says so', async () => {
    const filler = Array.from({ length: 30 }, (_, n): [Direction, CraftPacket] => ['c2s', publish('other', `${n}`)]);
    const { index, reader } = recordedSession([CONNECT, ['c2s', publish('a', 'first')], ...filler, ['c2s', publish('a', 'last')]]);
    const last = index.count - 1;
    expect(await previousOnTopic(index, reader, last, 10)).toEqual({ scanned: 10, complete: false });
    expect(await previousOnTopic(index, reader, last, 31)).toEqual({ seq: 1, scanned: 31, complete: true });
    expect(PREVIOUS_ON_TOPIC_SCAN).toBe(50_000);
  });

  it('reads only the heads of the candidates, never their payloads', async () => {
    const big = 'x'.repeat(100_000);
    const packets = Array.from({ length: 200 }, (_, n): [Direction, CraftPacket] => ['c2s', publish(n % 2 ? 'odd' : 'even', big)]);
    const { index, reader, bytesRead } = recordedSession([CONNECT, ...packets, ['c2s', publish('first', 'z')]]);
    expect(await previousOnTopic(index, reader, index.count - 1)).toEqual({ scanned: index.count - 1, complete: true });
    // 200 candidates of 100 kB: a dozen bytes of each (fixed header, topic length, topic).
    expect(bytesRead()).toBeLessThan(200 * 12 + 100);
  });

  it('refuses an entry that is not a PUBLISH', async () => {
    const { index, reader } = recordedSession([CONNECT, ['s2c', publish('a', '1')]]);
    await expect(previousOnTopic(index, reader, 0)).rejects.toThrow('Entry 0 is not a PUBLISH');
    await expect(previousOnTopic(index, reader, 9)).rejects.toThrow('Entry 9 is not a PUBLISH');
  });
});
