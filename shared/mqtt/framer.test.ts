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
});
