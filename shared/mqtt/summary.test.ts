import mqttPacket from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { summarize } from './summary';

// Packets written by mqtt-packet (an encoder we did not write), read back here.
const bytesOf = (packet: object, protocolVersion = 4) => new Uint8Array(mqttPacket.generate(packet as mqttPacket.Packet, { protocolVersion }));

describe('summarize: where a PUBLISH payload lies', () => {
  it('reads a 3.1.1 PUBLISH: topic, retain, QoS and where the payload lies', () => {
    const bytes = bytesOf({ cmd: 'publish', topic: 'home/kitchen/temp', payload: Buffer.from('21.5'), qos: 1, messageId: 9, retain: true, dup: false });
    const facts = summarize(bytes, 4);
    expect({ topic: facts.topic, retain: facts.retain, qos: facts.qos, packetId: facts.packetId, flags: facts.flags }).toEqual({ topic: 'home/kitchen/temp', retain: true, qos: 1, packetId: 9, flags: 0b0011 });
    expect([facts.payloadOffset, facts.payloadLength]).toEqual([bytes.length - 4, 4]);
  });

  it('reads a v5 topic alias past other properties, and an empty topic standing for it', () => {
    const properties = { contentType: 'text/plain', userProperties: { a: 'b' }, subscriptionIdentifier: [1, 300], topicAlias: 7, correlationData: Buffer.from([1]) };
    const facts = summarize(bytesOf({ cmd: 'publish', topic: '', payload: Buffer.from('x'), qos: 0, retain: false, dup: false, properties }, 5), 5);
    expect(facts.topic).toBe('');
    expect(facts.topicAlias).toBe(7);
    expect(facts.payloadLength).toBe(1);
  });

  it('reads a packet inside a larger buffer from its own start', () => {
    const packet = bytesOf({ cmd: 'publish', topic: 'a/b', payload: Buffer.from('xyz'), qos: 0, retain: false, dup: false });
    const within = new Uint8Array([9, 9, ...packet, 9]);
    const facts = summarize(within, 4, 2, 2 + packet.length);
    expect([facts.topic, facts.payloadOffset, facts.payloadLength]).toEqual(['a/b', packet.length - 3, 3]);
  });

  it('gives an empty payload for a retained clear, and no payload place for what is not a whole, well-formed PUBLISH', () => {
    expect(summarize(bytesOf({ cmd: 'publish', topic: 'a', payload: Buffer.alloc(0), qos: 0, retain: true, dup: false }), 4)).toMatchObject({ retain: true, payloadLength: 0, payloadOffset: 5 });
    expect(summarize(bytesOf({ cmd: 'pingreq' }), 4).payloadOffset).toBe(-1);
    const whole = bytesOf({ cmd: 'publish', topic: 'abc', payload: Buffer.from('x'), qos: 0, retain: false, dup: false });
    expect(summarize(whole.subarray(0, whole.length - 2), 4).payloadOffset).toBe(-1);
    // A topic that is not UTF-8 (0xff) is not a topic.
    expect(summarize(new Uint8Array([0x30, 0x03, 0x00, 0x01, 0xff]), 4).payloadOffset).toBe(-1);
    // A v5 property id that does not exist.
    expect(summarize(new Uint8Array([0x30, 0x05, 0x00, 0x01, 0x61, 0x01, 0x7f]), 5).payloadOffset).toBe(-1);
    // A Subscription Identifier whose four bytes all say another follows [MQTT-1.5.5-1].
    expect(summarize(new Uint8Array([0x30, 0x0a, 0x00, 0x01, 0x61, 0x05, 0x0b, 0x80, 0x80, 0x80, 0x80, 0x78]), 5).payloadOffset).toBe(-1);
    // A property block longer than the packet.
    expect(summarize(new Uint8Array([0x30, 0x05, 0x00, 0x01, 0x61, 0x09, 0x01]), 5).payloadOffset).toBe(-1);
  });

  it('reads a topic as UTF-8 or ASCII, and none from bytes that are not UTF-8', () => {
    expect(summarize(bytesOf({ cmd: 'publish', topic: 'maison/température', payload: Buffer.from('x'), qos: 0, retain: false, dup: false }), 4).topic).toBe('maison/température');
    expect(summarize(bytesOf({ cmd: 'subscribe', messageId: 2, subscriptions: [{ topic: 'a/+/c', qos: 1 }] }), 4).topic).toBe('a/+/c');
    expect(summarize(new Uint8Array([0x30, 0x04, 0x00, 0x02, 0x61, 0xff]), 4).topic).toBeUndefined();
  });
});

describe('summarize: the fixed header and acknowledgements', () => {
  it('reads a four-byte remaining length, and marks a header cut short or running past four bytes as truncated', () => {
    const big = bytesOf({ cmd: 'publish', topic: 't', payload: Buffer.alloc(2_097_150), qos: 0, retain: false, dup: false });
    expect(summarize(big, 4)).toMatchObject({ type: 3, length: big.length, truncated: false, payloadOffset: 8, payloadLength: 2_097_150, topic: 't' });
    expect(summarize(big.subarray(0, 4), 4)).toMatchObject({ type: 3, truncated: true });
    expect(summarize(new Uint8Array([0x30, 0xff, 0xff, 0xff, 0xff, 0x01]), 4)).toMatchObject({ type: 3, truncated: true, payloadOffset: -1 });
  });

  it('reads the packet id and, in v5, the reason code past the properties of a SUBACK', () => {
    const suback = bytesOf({ cmd: 'suback', messageId: 9, granted: [0x80], properties: { reasonString: 'no' } }, 5);
    expect(summarize(suback, 5)).toMatchObject({ type: 9, packetId: 9, reasonCode: 0x80 });
    const puback = bytesOf({ cmd: 'puback', messageId: 4, reasonCode: 0x10 }, 5);
    expect(summarize(puback, 5)).toMatchObject({ type: 4, packetId: 4, reasonCode: 0x10 });
  });
});
