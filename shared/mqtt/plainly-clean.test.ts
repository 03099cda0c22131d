import mqttPacket from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../testing/seeded-random';
import { decode } from './decode';
import { plainlyClean } from './plainly-clean';

const SEED = Number(process.env.MQTTSCOPE_FUZZ_SEED ?? 0xc1ea);
const CASES = 50_000;

/** The packets of a broker's flood, written by mqtt-packet, for MQTT 3.1 and 3.1.1. */
function floodPackets(r: ReturnType<typeof seededRandom>, protocolVersion: 3 | 4): Uint8Array[] {
  const qos = r.int(3) as 0 | 1 | 2;
  const messageId = 1 + r.int(65535);
  const packets: mqttPacket.Packet[] = [
    { cmd: 'publish', topic: `${r.text(6)}/${r.text(6)}`.replace(/[+#\u0000]/g, '') || 't', payload: r.bytes(40), qos, retain: r.bool(), dup: qos > 0 && r.bool(), messageId },
    { cmd: r.pick(['puback', 'pubrec', 'pubrel', 'pubcomp'] as const), messageId },
    { cmd: r.pick(['pingreq', 'pingresp'] as const) },
  ];
  return packets.map((packet) => new Uint8Array(mqttPacket.generate(packet, { protocolVersion })));
}

function mutate(r: ReturnType<typeof seededRandom>, base: Uint8Array): Uint8Array {
  let bytes = Uint8Array.from(base);
  for (let edit = 0; edit <= r.int(3); edit++) {
    switch (r.int(5)) {
      case 0: if (bytes.length) bytes[r.int(bytes.length)] = r.int(256); break;
      case 1: if (bytes.length) bytes[r.int(bytes.length)] ^= 1 << r.int(8); break;
      case 2: bytes = bytes.slice(0, r.int(bytes.length + 1)); break;
      case 3: bytes = Uint8Array.from([...bytes, ...r.bytes(4)]); break;
      case 4: if (bytes.length) bytes[0] = r.int(256); break;
    }
  }
  return bytes;
}

describe('plainlyClean: a packet known to be free of problems without decoding it', () => {
  it(`never calls a packet clean that the decoder finds a problem in (seed ${SEED}, ${CASES} mutated packets)`, () => {
    const r = seededRandom(SEED);
    let clean = 0;
    for (let index = 0; index < CASES; index++) {
      const level = r.pick([3, 4] as const);
      const bytes = mutate(r, r.pick(floodPackets(r, level)));
      if (!plainlyClean(bytes, level)) continue;
      clean++;
      const problems = decode(bytes, { protocolLevel: level }).problems;
      expect(problems, `level ${level}: ${Buffer.from(bytes).toString('hex')}`).toEqual([]);
    }
    // The mutations leave some packets intact: the check is tried on clean ones too.
    expect(clean).toBeGreaterThan(CASES / 20);
  });

  it('says clean for the packets of a flood as clients write them, in 3.1 and 3.1.1', () => {
    const r = seededRandom(SEED + 1);
    for (let index = 0; index < 1_000; index++) {
      const level = r.pick([3, 4] as const);
      for (const bytes of floodPackets(r, level)) {
        expect(decode(bytes, { protocolLevel: level }).problems).toEqual([]);
        expect(plainlyClean(bytes, level), Buffer.from(bytes).toString('hex')).toBe(true);
      }
    }
  });

  it('leaves to the decoder what it cannot be sure of: MQTT 5, an empty topic, wildcards, packet id 0, a padded length', () => {
    const publish = (topic: string, qos: 0 | 1 = 0, messageId = 1) => new Uint8Array(mqttPacket.generate({ cmd: 'publish', topic, payload: Buffer.from('x'), qos, retain: false, dup: false, messageId }));
    expect(plainlyClean(publish('a/b'), 4)).toBe(true);
    expect(plainlyClean(publish('a/b'), 5)).toBe(false);
    expect(plainlyClean(publish('a/+'), 4)).toBe(false);
    expect(plainlyClean(publish(''), 4)).toBe(false);
    expect(plainlyClean(publish('a', 1, 0), 4)).toBe(false);
    expect(plainlyClean(new Uint8Array([0xc0, 0x80, 0x00]), 4)).toBe(false);
    expect(plainlyClean(new Uint8Array([0x40, 0x02, 0x00, 0x00]), 4)).toBe(false);
    expect(plainlyClean(new Uint8Array([0x62, 0x02, 0x00, 0x01]), 4)).toBe(true);
    expect(plainlyClean(new Uint8Array([0x60, 0x02, 0x00, 0x01]), 4)).toBe(false);
  });
});
