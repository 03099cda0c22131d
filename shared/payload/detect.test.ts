import { encode as encodeCbor } from 'cbor-x';
import { pack } from 'msgpackr';
import { describe, expect, it } from 'vitest';
import { PayloadReading } from './detect';
import { SPARKPLUG_DATA_TYPE_IDS, sparkplugPayloadType } from './sparkplug-b-schema';
import { DECODE_BYTES } from '../limits';

const text = (words: string) => new TextEncoder().encode(words);
const sparkplug = () => {
  const type = sparkplugPayloadType();
  return type.encode(type.fromObject({ timestamp: 1, metrics: [{ name: 'Temperature', datatype: SPARKPLUG_DATA_TYPE_IDS.Double, double_value: 21.5 }] })).finish();
};

describe('PayloadReading.best', () => {
  it.each([
    ['JSON', text('{"n":4985}'), 'a/b', 'json'],
    ['Sparkplug B on its topic', sparkplug(), 'spBv1.0/group/DDATA/edge/device', 'sparkplug'],
    ['Sparkplug B bytes elsewhere', sparkplug(), 'plant/line', 'hex'],
    ['JSON on a Sparkplug topic (a STATE message)', text('{"online":true}'), 'spBv1.0/STATE/host', 'json'],
    ['CBOR', new Uint8Array(encodeCbor({ n: 1 })), 'a', 'cbor'],
    ['MessagePack', new Uint8Array(pack({ n: 1 })), 'a', 'msgpack'],
    ['text', text('hello world'), 'a', 'text'],
    ['bytes', Uint8Array.of(0xff, 0x00, 0xfe), 'a', 'hex'],
    ['nothing', new Uint8Array(0), 'a', 'text'],
  ] as const)('%s', (_label, bytes, topic, best) => {
    expect(new PayloadReading(bytes, topic).best).toBe(best);
  });
});

describe('PayloadReading', () => {
  it('decodes a view only when asked, once', () => {
    const reading = new PayloadReading(text('{"n":4985}'), 'a');
    expect(reading.best).toBe('json');
    expect(reading.structure('json')).toBe(reading.structure('json'));
    expect(reading.structure('cbor')).toEqual({ ok: false, problem: expect.stringMatching(/^Not CBOR/) });
    expect(reading.applies('sparkplug')).toBe(false);
    expect(reading.applies('hex')).toBe(true);
    expect(reading.problem('sparkplug')).toBe('Not Sparkplug B: the topic is not in the spBv1.0/ namespace');
    // The libraries' own messages quote the bytes, or speak of JavaScript's limits: said plainly.
    expect(reading.problem('msgpack')).toBe('Not MessagePack: the bytes are not one whole MessagePack value');
    expect(reading.problem('cbor')).toBe('Not CBOR: the bytes are not one whole CBOR item');
    expect(reading.problem('json')).toBeUndefined();
  });

  it('does not try structures on a payload past the decode limit', () => {
    const large = new Uint8Array(DECODE_BYTES + 1).fill(0x20);
    const reading = new PayloadReading(large, 'a');
    expect(reading.structure('json')).toEqual({ ok: false, problem: 'Not tried: the payload is larger than 4 MiB' });
    expect(reading.best).toBe('text');
  });
});
