// Random and mutated packets: the decoder, the framer and the summary never throw, never hang,
// and every field and problem stays inside the bytes it was given.
import mqttPacket from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { loadCapture } from '../../../testdata/mosquitto-capture/load';
import { ConnectionDecoder } from '../connection-decoder';
import { fromHex, type Field } from '../field';
import { MqttFramer } from '../framer';
import { summarize } from '../summary';
import { decode } from './index';
import { seededRandom } from '../../../testing/seeded-random';

const SEED = Number(process.env.MQTTSCOPE_FUZZ_SEED ?? 0xf022);
const CASES = 50_000;

const rng = seededRandom;

/** Valid packets to mutate: the real capture, plus v5 packets full of properties. */
function seeds(): Uint8Array[] {
  const captured = loadCapture().map((packet) => fromHex(packet.hex)!);
  const v5 = [
    mqttPacket.generate({ cmd: 'publish', topic: 'a/b', payload: Buffer.from('hi'), qos: 1, messageId: 7, dup: false, retain: false, properties: { contentType: 'text/plain', userProperties: { a: 'b' }, subscriptionIdentifier: [1, 300], correlationData: Buffer.from([1, 2]) } }, { protocolVersion: 5 }),
    mqttPacket.generate({ cmd: 'subscribe', messageId: 3, subscriptions: [{ topic: 'x/#', qos: 2, nl: true, rap: true, rh: 1 }], properties: { subscriptionIdentifier: 9 } }, { protocolVersion: 5 }),
    mqttPacket.generate({ cmd: 'connack', sessionPresent: true, reasonCode: 0, properties: { assignedClientIdentifier: 'x', serverKeepAlive: 30, maximumQoS: 1, reasonString: 'ok' } }, { protocolVersion: 5 }),
    mqttPacket.generate({ cmd: 'disconnect', reasonCode: 0x8e, properties: { reasonString: 'taken over', serverReference: 'b2' } }, { protocolVersion: 5 }),
    mqttPacket.generate({ cmd: 'auth', reasonCode: 0x18, properties: { authenticationMethod: 'SCRAM', authenticationData: Buffer.from([9]) } }, { protocolVersion: 5 }),
  ];
  return [...captured, ...v5];
}

function mutate(r: ReturnType<typeof rng>, base: Uint8Array): Uint8Array {
  let bytes = Uint8Array.from(base);
  const edits = 1 + r.int(4);
  for (let e = 0; e < edits; e++) {
    switch (r.int(5)) {
      case 0: if (bytes.length) bytes[r.int(bytes.length)] = r.int(256); break;
      case 1: if (bytes.length) bytes[r.int(bytes.length)] ^= 1 << r.int(8); break;
      case 2: bytes = bytes.slice(0, r.int(bytes.length + 1)); break;
      case 3: bytes = Uint8Array.from([...bytes, ...Array.from({ length: 1 + r.int(6) }, () => r.int(256))]); break;
      case 4: if (bytes.length > 1) bytes[1] = r.int(256); break;
    }
  }
  return bytes;
}

function checkInside(fields: readonly Field[], size: number): void {
  for (const field of fields) {
    if (field.offset < 0 || field.length < 0 || field.offset + field.length > size) {
      throw new Error(`${field.key} at ${field.offset}+${field.length} is outside ${size} bytes`);
    }
    if (field.children) checkInside(field.children, size);
  }
}

/** Every lazy label and value made, every field and problem inside the packet's bytes. */
function checkPacket(packet: ReturnType<typeof decode>, size: number): void {
  JSON.stringify(packet);
  checkInside(packet.fields, size);
  for (const problem of packet.problems) {
    if (problem.offset < 0 || problem.offset + problem.length > size) throw new Error(`problem outside the packet: ${problem.message}`);
  }
}

describe(`fuzz (seed ${SEED}; replay with MQTTSCOPE_FUZZ_SEED=${SEED})`, () => {
  it(`decodes ${CASES} random and mutated packets without throwing, every range inside the packet`, () => {
    console.log(`fuzz seed ${SEED}`);
    const r = rng(SEED);
    const corpus = seeds();
    for (let i = 0; i < CASES; i++) {
      const bytes =
        i % 2 === 0
          ? mutate(r, corpus[r.int(corpus.length)])
          : Uint8Array.from({ length: r.int(48) }, (_, k) => (k === 0 ? r.int(16) << 4 | r.int(16) : r.int(256)));
      const level = [3, 4, 5, 9][r.int(4)];
      try {
        checkPacket(decode(bytes, { protocolLevel: level }), bytes.length);
        const summary = summarize(bytes, level);
        void summary.topic;
      } catch (error) {
        throw new Error(`case ${i} (level ${level}, ${Buffer.from(bytes).toString('hex')}): ${(error as Error).message}`);
      }
    }
  });

  it('frames and decodes a stream of random and mutated chunks without throwing, every range inside its packet', () => {
    const r = rng(SEED + 1);
    const corpus = seeds();
    for (let run = 0; run < 200; run++) {
      const framer = new MqttFramer({ maxPacketSize: 64 + r.int(512) });
      const connection = new ConnectionDecoder();
      for (let c = 0; c < 20; c++) {
        const chunk = r.int(3) === 0 ? mutate(r, corpus[r.int(corpus.length)]) : corpus[r.int(corpus.length)];
        for (const frame of [...framer.push(chunk.subarray(0, r.int(chunk.length + 1))), ...framer.push(chunk.subarray(r.int(chunk.length + 1)))]) {
          if (frame.kind === 'packet') checkPacket(connection.decode(r.int(2) ? 'c2s' : 's2c', frame.bytes), frame.bytes.length);
        }
      }
      framer.end();
    }
  });
});
