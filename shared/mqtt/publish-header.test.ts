import mqttPacket from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { readPublishHeader } from './publish-header';

// Packets written by mqtt-packet (an encoder we did not write), read back here.
const hexOf = (packet: object, protocolVersion = 4) => mqttPacket.generate(packet as mqttPacket.Packet, { protocolVersion }).toString('hex');

describe('readPublishHeader', () => {
  it('reads a 3.1.1 PUBLISH: topic, retain, QoS and where the payload lies', () => {
    const hex = hexOf({ cmd: 'publish', topic: 'home/kitchen/temp', payload: Buffer.from('21.5'), qos: 1, messageId: 9, retain: true, dup: false });
    const header = readPublishHeader(hex, 4)!;
    expect(header).toEqual({ topic: 'home/kitchen/temp', retain: true, qos: 1, payloadOffset: hex.length / 2 - 4, payloadLength: 4 });
  });

  it('reads a v5 topic alias past other properties, and an empty topic standing for it', () => {
    const properties = { contentType: 'text/plain', userProperties: { a: 'b' }, subscriptionIdentifier: [1, 300], topicAlias: 7, correlationData: Buffer.from([1]) };
    const header = readPublishHeader(hexOf({ cmd: 'publish', topic: '', payload: Buffer.from('x'), qos: 0, retain: false, dup: false, properties }, 5), 5)!;
    expect(header.topic).toBe('');
    expect(header.topicAlias).toBe(7);
    expect(header.payloadLength).toBe(1);
  });

  it('gives an empty payload for a retained clear, and undefined for what is not a PUBLISH', () => {
    expect(readPublishHeader(hexOf({ cmd: 'publish', topic: 'a', payload: Buffer.alloc(0), qos: 0, retain: true, dup: false }), 4)).toMatchObject({ retain: true, payloadLength: 0 });
    expect(readPublishHeader(hexOf({ cmd: 'pingreq' }), 4)).toBeUndefined();
    const cut = hexOf({ cmd: 'publish', topic: 'abc', payload: Buffer.from('x'), qos: 0, retain: false, dup: false }).slice(0, -4);
    expect(readPublishHeader(cut, 4)).toBeUndefined();
    // A topic that is not UTF-8 (0xff) is not a topic.
    expect(readPublishHeader('3003' + '0001ff', 4)).toBeUndefined();
  });
});
