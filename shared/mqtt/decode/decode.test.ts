import { describe, expect, it } from 'vitest';
import { loadCapture, tsharkFields } from '../../../testdata/mosquitto-capture/load';
import { ConnectionDecoder } from '../connection-decoder';
import { findField, fromHex, type Field } from '../field';
import { decode } from './index';
import { seededRandom } from '../../../testing/seeded-random';
import { sameAsTshark } from '../../../testing/tshark';


function flatten(fields: readonly Field[]): Field[] {
  return fields.flatMap((field) => [field, ...flatten(field.children ?? [])]);
}


describe('decode against tshark on real mosquitto traffic', () => {
  const capture = loadCapture();
  const streams = new Map<number, ConnectionDecoder>();
  const checked = capture.map((packet, index) => {
    const decoder = streams.get(packet.stream) ?? new ConnectionDecoder();
    streams.set(packet.stream, decoder);
    const decoded = decoder.decode(packet.dir, fromHex(packet.hex)!);
    return { index, packet, decoded };
  });

  it('walks every packet type the capture holds', () => {
    expect(new Set(checked.map(({ decoded }) => decoded.typeName)).size).toBe(12);
  });

  it.each(checked.map(({ index, packet, decoded }) => [`#${index} ${decoded.typeName} (${packet.dir}, v${decoded.protocolLevel})`, packet, decoded] as const))(
    '%s: every field tshark shows, with the same key, value, offset and length',
    (_name, packet, decoded) => {
      const ours = flatten(decoded.fields);
      for (const theirs of tsharkFields(packet.layer)) {
        const match = ours.find((field) => field.key === theirs.key && field.offset === theirs.offset);
        expect(match, `${theirs.key} at ${theirs.offset}`).toBeDefined();
        expect(match!.length, `${theirs.key} length`).toBe(theirs.length);
        if (theirs.value !== undefined) {
          expect(sameAsTshark(match!, theirs.value), `${theirs.key}: ${String(match!.value)} vs ${theirs.value}`).toBe(true);
        }
      }
    },
  );
});

describe('decode of bad input', () => {
  it('keeps what it could read of a truncated CONNECT and says where it ended', () => {
    const whole = fromHex('101300044d5154540402003c0007612d706c61696e')!;
    const packet = decode(whole.subarray(0, 12));
    expect(findField(packet.fields, 'mqtt.kalive')?.value).toBe(60);
    expect(findField(packet.fields, 'mqtt.clientid')).toBeUndefined();
    expect(packet.problems.map((problem) => problem.message)).toEqual([
      'Packet ends before the length of Client ID (needs 2 bytes, 0 left)',
      'Remaining length says 19 bytes but only 10 are present',
    ]);
  });

  it('flags a reserved connect flag, with the clause', () => {
    const packet = decode(fromHex('101300044d5154540403003c0007612d706c61696e')!);
    expect(packet.problems).toContainEqual({ offset: 9, length: 1, message: 'The reserved connect flag is set', clause: 'MQTT-3.1.2-3' });
  });

  it('reads a 3.1.1-form CONNACK answering a v5 CONNECT as a return code, keyed as Wireshark keys a v5 one', () => {
    const packet = decode(fromHex('20020001')!, { protocolLevel: 5 });
    expect(packet.protocolLevel).toBe(5);
    expect(findField(packet.fields, 'mqtt.conack.val')).toBeUndefined();
    expect(findField(packet.fields, 'mqtt.connack.reason_code')?.label).toBe('Return Code: Connection refused, unacceptable protocol version (1)');
    expect(packet.problems).toEqual([]);
  });

  it('flags a remaining length that continues past four bytes', () => {
    const packet = decode(fromHex('c0ffffffff01')!);
    expect(packet.problems[0]).toMatchObject({ offset: 1, length: 4, clause: 'MQTT-1.5.5-1' });
  });

  it('never throws on random bytes or mutations of real packets (seeded)', () => {
    const random = seededRandom(0x5eed);
    const samples = loadCapture().map((packet) => fromHex(packet.hex)!);
    for (let i = 0; i < 5000; i++) {
      const base = samples[i % samples.length].slice();
      const bytes = i % 2 === 0 ? Uint8Array.from(random.bytes(40)) : base;
      for (let flips = 0; flips < 3 && bytes.length > 0; flips++) bytes[random.int(bytes.length)] = random.int(256);
      const packet = decode(bytes, { protocolLevel: [3, 4, 5][i % 3] });
      for (const field of flatten(packet.fields)) expect(field.offset >= 0 && field.offset + field.length <= bytes.length, field.key).toBe(true);
    }
  });
});
