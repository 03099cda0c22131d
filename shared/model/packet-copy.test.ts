import { describe, expect, it } from 'vitest';
import { loadCapture } from '../../testdata/mosquitto-capture/load';
import { encodePacket } from '../mqtt/encode';
import { toHex } from '../mqtt/field';
import { publishPayloadText } from './packet-copy';

describe('publishPayloadText', () => {
  it('every PUBLISH of the real capture reads as tshark read its text', () => {
    const capture = loadCapture();
    const levelOf = (stream: number) => Number(capture.find((packet) => packet.stream === stream && packet.layer['mqtt.ver'] !== undefined)!.layer['mqtt.ver']);
    const publishes = capture.filter((packet) => packet.layer['mqtt.msg'] !== undefined && /^3/.test(packet.hex));
    expect(publishes.length).toBeGreaterThan(0);
    for (const packet of publishes) {
      const level = levelOf(packet.stream);
      const expected = Buffer.from(String(packet.layer['mqtt.msg']).replace(/:/g, ''), 'hex').toString('utf8');
      expect(publishPayloadText(packet.hex, level)).toBe(expected);
    }
  });

  it('bytes that are not UTF-8 become U+FFFD; an empty payload is empty text', () => {
    const hex = (payload: Uint8Array) => toHex(encodePacket({ type: 'PUBLISH', topic: 't', qos: 0, payload }));
    expect(publishPayloadText(hex(Uint8Array.of(0x68, 0x69, 0xff, 0xfe, 0x21)), 4)).toBe('hi\uFFFD\uFFFD!');
    expect(publishPayloadText(hex(new Uint8Array()), 4)).toBe('');
  });

  it('another packet, or hex that is not hex, gives nothing', () => {
    expect(publishPayloadText('20020000', 4)).toBeUndefined();
    expect(publishPayloadText('zz', 4)).toBeUndefined();
  });
});
