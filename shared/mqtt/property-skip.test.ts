import mqttPacket from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { decode } from './decode';
import { findField } from './field';
import { skipProperties, skipProperty } from './property-skip';
import { readVariableByteInteger, vbiSize, vbiValue } from './variable-byte-integer';

// Packets written by mqtt-packet (an encoder we did not write), with a property of every wire type.
const properties = {
  payloadFormatIndicator: true,
  messageExpiryInterval: 4000,
  topicAlias: 3,
  contentType: 'text/plain',
  responseTopic: 'r/1',
  correlationData: Buffer.from([1, 0, 2]),
  userProperties: { a: 'b', c: ['d', 'e'] },
  subscriptionIdentifier: [1, 300, 268_435_455],
};
const publish = new Uint8Array(mqttPacket.generate({ cmd: 'publish', topic: 'a/b', payload: Buffer.from('x'), qos: 1, messageId: 7, retain: false, dup: false, properties }, { protocolVersion: 5 }));
/** The property block's start: after the fixed header (2 bytes here), the topic and the packet id. */
const blockStart = 2 + 2 + 3 + 2;

describe('skipProperty', () => {
  it('steps over each property to where the decoder says it ends, and lands on the end of the block', () => {
    const block = readVariableByteInteger(publish, blockStart, publish.length);
    let at = blockStart + vbiSize(block);
    const end = at + vbiValue(block);
    const tree = findField(decode(publish, { protocolLevel: 5 }).fields, 'mqtt.properties')!.children!.slice(1);
    for (const property of tree) {
      expect(at).toBe(property.offset);
      const last = property.children![property.children!.length - 1];
      at = skipProperty(publish, at, end);
      expect(at, property.label).toBe(last.offset + last.length);
    }
    expect(tree).toHaveLength(12);
    expect(at).toBe(end);
  });

  it('is -1 for an id that is no property, a value past the end, or a Subscription Identifier past four bytes', () => {
    expect(skipProperty(Uint8Array.of(0x7f, 0x00), 0, 2)).toBe(-1);
    expect(skipProperty(Uint8Array.of(0x02, 0x00, 0x00, 0x01), 0, 4)).toBe(-1);
    expect(skipProperty(Uint8Array.of(0x03, 0x00, 0x05, 0x61), 0, 4)).toBe(-1);
    expect(skipProperty(Uint8Array.of(0x03, 0x00), 0, 2)).toBe(-1);
    expect(skipProperty(Uint8Array.of(0x26, 0x00, 0x01, 0x61, 0x00), 0, 5)).toBe(-1);
    expect(skipProperty(Uint8Array.of(0x0b, 0x80, 0x80, 0x80, 0x80, 0x01), 0, 6)).toBe(-1);
    expect(skipProperty(Uint8Array.of(0x0b, 0x80), 0, 2)).toBe(-1);
    expect(skipProperty(Uint8Array.of(0x01, 0x01), 1, 1)).toBe(-1);
  });

  it('reads nothing past `end`, even where more bytes follow', () => {
    expect(skipProperty(Uint8Array.of(0x23, 0x00, 0x07), 0, 3)).toBe(3);
    expect(skipProperty(Uint8Array.of(0x23, 0x00, 0x07), 0, 2)).toBe(-1);
  });
});

describe('skipProperties', () => {
  it('steps over a whole block by its length', () => {
    expect(skipProperties(publish, blockStart, publish.length)).toBe(publish.length - 1);
    expect(skipProperties(Uint8Array.of(0x00, 0x61), 0, 2)).toBe(1);
  });

  it('is -1 when the length cannot be read or the block runs past the end', () => {
    expect(skipProperties(Uint8Array.of(0x80), 0, 1)).toBe(-1);
    expect(skipProperties(Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x01), 0, 5)).toBe(-1);
    expect(skipProperties(Uint8Array.of(0x03, 0x01, 0x01), 0, 3)).toBe(-1);
  });
});
