import mqttPacket from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { fixedHeaderLength, headerFlagsOf, packetLength, packetTypeOf, publishDup, publishQos, publishRetain, readFixedHeader, remainingLength } from './fixed-header';
import { VBI_INCOMPLETE, VBI_MALFORMED } from './variable-byte-integer';

describe('readFixedHeader', () => {
  // Packets written by mqtt-packet, an encoder we did not write.
  const publish = (payloadBytes: number) =>
    new Uint8Array(mqttPacket.generate({ cmd: 'publish', topic: 't', payload: Buffer.alloc(payloadBytes), qos: 0, retain: false, dup: false }));

  it.each([0, 1, 122, 123, 16_378, 16_379, 2_097_146, 2_097_147])('reads the header mqtt-packet writes for a %d-byte payload', (payloadBytes) => {
    const bytes = publish(payloadBytes);
    const header = readFixedHeader(bytes, 0, bytes.length);
    expect(remainingLength(header)).toBe(2 + 1 + payloadBytes);
    expect(packetLength(header)).toBe(bytes.length);
    expect(fixedHeaderLength(header)).toBe(bytes.length - remainingLength(header));
  });

  it('needs the first byte and the length: cut short it is incomplete', () => {
    expect(readFixedHeader(Uint8Array.of(0xc0), 0, 1)).toBe(VBI_INCOMPLETE);
    expect(readFixedHeader(Uint8Array.of(0x30, 0x80), 0, 2)).toBe(VBI_INCOMPLETE);
    expect(packetLength(readFixedHeader(Uint8Array.of(0xc0, 0x00), 0, 2))).toBe(2);
    expect(readFixedHeader(Uint8Array.of(0x30, 0xff, 0xff, 0xff, 0xff, 0x7f), 0, 6)).toBe(VBI_MALFORMED);
  });

  it('reads type, flags and a PUBLISH\'s DUP, QoS and RETAIN from the first byte (v5 2.1.2, 3.3.1)', () => {
    const first = new Uint8Array(mqttPacket.generate({ cmd: 'publish', topic: 't', payload: Buffer.alloc(0), qos: 2, messageId: 1, retain: true, dup: true }))[0];
    expect([packetTypeOf(first), headerFlagsOf(first), publishQos(first), publishRetain(first), publishDup(first)]).toEqual([3, 0b1101, 2, true, true]);
    expect([publishQos(0x30), publishRetain(0x30), publishDup(0x30)]).toEqual([0, false, false]);
    expect([packetTypeOf(0x82), headerFlagsOf(0x82)]).toEqual([8, 2]);
  });
});
