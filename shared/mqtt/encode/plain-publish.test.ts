import mqttPacket from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { utf8Length } from '../utf8';
import { encodePacket } from './index';
import { encodePlainPublish, isPlainPublish } from './publish';

const TOPICS = ['a', 'sensors/kitchen/temp', 'ü/€/𝄞', 'lone \ud800 surrogate', ''];
const PAYLOADS: (string | Uint8Array)[] = ['', 'x'.repeat(32), '𝄞 and € and ü', new Uint8Array([0, 1, 2, 255]), 'y'.repeat(200)];

describe('a plain PUBLISH written in one buffer', () => {
  it('is byte for byte what mqtt-packet writes, for text and bytes, every QoS, 3.1.1 and 5', () => {
    for (const topic of TOPICS) {
      for (const payload of PAYLOADS) {
        for (const qos of [0, 1, 2] as const) {
          for (const protocolVersion of [4, 5] as const) {
            const packet = { type: 'PUBLISH' as const, topic, payload, qos, retain: qos === 1, dup: qos === 2, packetId: 300 + qos, protocolLevel: protocolVersion };
            expect(isPlainPublish(packet, protocolVersion)).toBe(true);
            const ours = encodePacket(packet);
            const theirs = mqttPacket.generate({ cmd: 'publish', topic, payload: typeof payload === 'string' ? Buffer.from(payload) : Buffer.from(payload), qos, retain: qos === 1, dup: qos === 2, messageId: 300 + qos, ...(protocolVersion === 5 ? { properties: {} } : {}) } as mqttPacket.IPublishPacket, { protocolVersion });
            expect(Buffer.from(ours).toString('hex'), `${topic} ${String(payload)} QoS ${qos} v${protocolVersion}`).toBe(theirs.toString('hex'));
          }
        }
      }
    }
  });

  it('leaves crafted packets to the general writer, which writes what they ask', () => {
    const crafted = { type: 'PUBLISH' as const, topic: 'a', payload: 'b', headerFlags: 0x0f };
    expect(isPlainPublish(crafted, 4)).toBe(false);
    expect(encodePacket(crafted)[0]).toBe(0x3f);
    expect(isPlainPublish({ type: 'PUBLISH', topic: 'a', properties: [{ id: 0x23, value: 1 }] }, 5)).toBe(false);
    expect(encodePlainPublish({ type: 'PUBLISH', topic: 'a' }, 4)).toEqual(new Uint8Array([0x30, 0x03, 0x00, 0x01, 0x61]));
  });

  it('counts UTF-8 bytes as TextEncoder writes them', () => {
    for (const text of [...TOPICS, 'end \udc00', '\ud800', 'ab\udbff\udfffcd']) expect(utf8Length(text), text).toBe(new TextEncoder().encode(text).length);
  });
});
