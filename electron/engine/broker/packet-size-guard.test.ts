import mqttPacket from 'mqtt-packet';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { guardPacketSize } from './packet-size-guard';

const publish = (payloadBytes: number) => mqttPacket.generate({ cmd: 'publish', topic: 't', payload: Buffer.alloc(payloadBytes, 0x30), qos: 0, retain: false, dup: false });
const PINGREQ = Buffer.from([0xc0, 0x00]);

/** Feeds the chunks through a guarded in-memory stream: the sizes it found too large. */
async function guarded(chunks: Buffer[], maxBytes: number): Promise<number[]> {
  const stream = new PassThrough();
  const tooLarge: number[] = [];
  guardPacketSize(stream, maxBytes, (declared) => tooLarge.push(declared));
  for (const chunk of chunks) stream.write(chunk);
  stream.end();
  await new Promise((resolve) => stream.on('end', resolve));
  return tooLarge;
}

/** The bytes cut into pieces of `size`. */
const pieces = (bytes: Buffer, size: number) => Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size));

describe('guardPacketSize', () => {
  it('lets packets up to the limit pass, whole or a byte at a time, their bodies never read as headers', async () => {
    // A 200-byte payload of 0x30 bytes: read as headers they would announce PUBLISHes of 48 bytes.
    const stream = Buffer.concat([publish(200), PINGREQ, publish(200)]);
    expect(await guarded([stream], publish(200).length)).toEqual([]);
    expect(await guarded(pieces(stream, 1), publish(200).length)).toEqual([]);
  });

  it('ends at the first packet announcing more than the limit, from its header alone, even split between chunks', async () => {
    const big = publish(300); // a three-byte fixed header: its remaining length takes two
    const limit = big.length - 1;
    expect(await guarded([PINGREQ, big.subarray(0, 3)], limit)).toEqual([big.length]);
    expect(await guarded([PINGREQ, big.subarray(0, 2)], limit)).toEqual([]);
    expect(await guarded([Buffer.concat([PINGREQ, big.subarray(0, 2)]), big.subarray(2, 3)], limit)).toEqual([big.length]);
    expect(await guarded([Buffer.concat([big, big])], limit)).toEqual([big.length]);
  });

  it('reads a four-byte remaining length cut at every byte', async () => {
    const header = Buffer.from([0x30, 0xff, 0xff, 0xff, 0x7f]);
    for (let cut = 1; cut < header.length; cut++) {
      expect(await guarded([header.subarray(0, cut), header.subarray(cut)], 1024)).toEqual([1 + 4 + 268_435_455]);
    }
  });

  it('stops at a remaining length past four bytes, as Aedes closes the connection for it [MQTT-1.5.5-1]', async () => {
    expect(await guarded([Buffer.from([0x30, 0x80, 0x80, 0x80, 0x80, 0x01]), publish(300)], 100)).toEqual([]);
  });
});
