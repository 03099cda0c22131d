import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './field';
import { MqttFramer, type Frame } from './framer';

const CONNECT = '101300044d5154540402003c0007612d706c61696e';
const CONNACK = '20020000';
const PINGREQ = 'c000';

const hexes = (frames: Frame[]) => frames.map((frame) => (frame.kind === 'packet' ? toHex(frame.bytes) : frame.kind));

describe('MqttFramer', () => {
  it('returns each packet of a chunk that holds several', () => {
    expect(hexes(new MqttFramer().push(fromHex(CONNECT + CONNACK + PINGREQ)!))).toEqual([CONNECT, CONNACK, PINGREQ]);
  });

  it('joins a packet delivered one byte at a time', () => {
    const framer = new MqttFramer();
    const bytes = fromHex(CONNECT + PINGREQ)!;
    const frames = Array.from(bytes).flatMap((byte) => framer.push(Uint8Array.of(byte)));
    expect(hexes(frames)).toEqual([CONNECT, PINGREQ]);
    expect(framer.pending).toBe(0);
  });

  it('reports a packet over the maximum size from its header and skips its bytes without buffering them', () => {
    const framer = new MqttFramer({ maxPacketSize: 10 });
    const big = fromHex(CONNECT)!;
    const first = framer.push(big.subarray(0, 5));
    expect(first).toEqual([{ kind: 'oversize', header: fromHex('1013'), declaredSize: 21 }]);
    expect(framer.pending).toBe(0);
    expect(hexes(framer.push(Uint8Array.from([...big.subarray(5), ...fromHex(PINGREQ)!])))).toEqual([PINGREQ]);
  });

  it('stops framing after a remaining length longer than four bytes', () => {
    const framer = new MqttFramer();
    expect(hexes(framer.push(fromHex('30ffffffff01')!))).toEqual(['malformed']);
    expect(hexes(framer.push(fromHex(PINGREQ)!))).toEqual(['malformed']);
  });

  it('reports the bytes of an incomplete packet when the stream ends', () => {
    const framer = new MqttFramer();
    framer.push(fromHex(CONNECT.slice(0, 10))!);
    expect(framer.end()).toEqual([expect.objectContaining({ kind: 'truncated', bytes: fromHex(CONNECT.slice(0, 10)) })]);
  });

  it('frames a 32 MiB packet arriving in 64 KiB chunks copying each byte twice, not once per chunk', () => {
    const size = 32 * 1024 * 1024;
    const packet = new Uint8Array(size);
    // PUBLISH, remaining length size − 5 as a four-byte Variable Byte Integer.
    let remaining = size - 5;
    packet[0] = 0x30;
    for (let index = 1; index <= 4; index++) {
      packet[index] = (remaining & 0x7f) | (index < 4 ? 0x80 : 0);
      remaining >>= 7;
    }
    packet[size - 1] = 0xab;
    const framer = new MqttFramer();
    // Counted, not timed: the bytes the framer copies with slice and set (its only ways to copy).
    const frames: Frame[] = [];
    const copied = bytesCopied(() => {
      for (let offset = 0; offset < size; offset += 65_536) frames.push(...framer.push(packet.subarray(offset, offset + 65_536)));
    });
    expect(frames).toHaveLength(1);
    const [frame] = frames;
    expect(frame.kind === 'packet' && frame.bytes.length === size && frame.bytes[size - 1] === 0xab).toBe(true);
    expect(framer.pending).toBe(0);
    // Held when each chunk comes, joined once when the packet completes; a framer that joined the
    // pending bytes on every chunk would copy 256 times as much.
    expect(copied).toBeLessThanOrEqual(2 * size);
  });

  it('joins packets whose fixed header itself is cut between chunks, and a packet completed with the next one in the same chunk', () => {
    const framer = new MqttFramer();
    const bytes = fromHex(CONNECT + CONNACK + PINGREQ)!;
    const cuts = [1, 2, 23, 24, 26];
    const frames: Frame[] = [];
    let from = 0;
    for (const cut of [...cuts, bytes.length]) {
      frames.push(...framer.push(bytes.slice(from, cut)));
      from = cut;
    }
    expect(hexes(frames)).toEqual([CONNECT, CONNACK, PINGREQ]);
    expect(framer.pending).toBe(0);
  });
});

/** Bytes copied by Uint8Array's slice and set while `work` runs. */
function bytesCopied(work: () => void): number {
  const prototype = Uint8Array.prototype;
  const { slice, set } = prototype;
  let copied = 0;
  prototype.slice = function (this: Uint8Array, ...args: Parameters<Uint8Array['slice']>) {
    const copy = slice.apply(this, args);
    copied += copy.length;
    return copy;
  } as Uint8Array['slice'];
  prototype.set = function (this: Uint8Array, source: ArrayLike<number>, offset?: number) {
    copied += source.length;
    return set.call(this, source, offset);
  } as Uint8Array['set'];
  try {
    work();
  } finally {
    prototype.slice = slice;
    prototype.set = set;
  }
  return copied;
}
