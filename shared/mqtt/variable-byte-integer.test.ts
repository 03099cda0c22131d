import { describe, expect, it } from 'vitest';
import { VBI_MAX, VBI_MAX_BYTES } from '../limits';
import { seededRandom } from '../../testing/seeded-random';
import { writeVarint } from './encode/writer';
import { readVariableByteInteger, VBI_INCOMPLETE, VBI_MALFORMED, vbiIsPadded, vbiSize, vbiValue } from './variable-byte-integer';

const read = (bytes: number[], at = 0, end = bytes.length) => readVariableByteInteger(Uint8Array.from(bytes), at, end);
const facts = (result: number) => (result < 0 ? result : { value: vbiValue(result), size: vbiSize(result), padded: vbiIsPadded(result) });

/** The specification's algorithm (v5 1.5.5), written as it reads: an oracle apart from the reader. */
function specified(bytes: Uint8Array, at: number, end: number): number | { value: number; size: number; padded: boolean } {
  let multiplier = 1;
  let value = 0;
  let size = 0;
  let encoded: number;
  do {
    if (size === VBI_MAX_BYTES) return VBI_MALFORMED;
    if (at + size >= end) return VBI_INCOMPLETE;
    encoded = bytes[at + size++];
    value += (encoded & 127) * multiplier;
    multiplier *= 128;
  } while ((encoded & 128) !== 0);
  return { value, size, padded: size > 1 && encoded === 0 };
}

describe('readVariableByteInteger', () => {
  it.each([
    [[0x00], 0, 1],
    [[0x7f], 127, 1],
    [[0x80, 0x01], 128, 2],
    [[0xff, 0x7f], 16_383, 2],
    [[0x80, 0x80, 0x01], 16_384, 3],
    [[0xff, 0xff, 0x7f], 2_097_151, 3],
    [[0x80, 0x80, 0x80, 0x01], 2_097_152, 4],
    [[0xff, 0xff, 0xff, 0x7f], VBI_MAX, 4],
  ])('reads %j as %d in %d bytes (v5 1.5.5, table 1-1)', (bytes, value, size) => {
    expect(facts(read(bytes))).toEqual({ value, size, padded: false });
  });

  it('says malformed when four bytes all say another follows, with or without a fifth [MQTT-1.5.5-1]', () => {
    expect(read([0x80, 0x80, 0x80, 0x80, 0x01])).toBe(VBI_MALFORMED);
    expect(read([0xff, 0xff, 0xff, 0xff])).toBe(VBI_MALFORMED);
  });

  it('says incomplete when the bytes end first, and reads nothing past `end`', () => {
    expect(read([])).toBe(VBI_INCOMPLETE);
    expect(read([0x80])).toBe(VBI_INCOMPLETE);
    expect(read([0xff, 0xff, 0xff])).toBe(VBI_INCOMPLETE);
    expect(read([0x80, 0x01], 0, 1)).toBe(VBI_INCOMPLETE);
    expect(read([0x05], 1)).toBe(VBI_INCOMPLETE);
  });

  it('reads from `at` inside a larger buffer', () => {
    expect(facts(read([0x30, 0x80, 0x01, 0x99], 1))).toEqual({ value: 128, size: 2, padded: false });
  });

  it('reads a longer form than needed, and says so', () => {
    expect(facts(read([0x80, 0x00]))).toEqual({ value: 0, size: 2, padded: true });
    expect(facts(read([0x81, 0x80, 0x00]))).toEqual({ value: 1, size: 3, padded: true });
    expect(facts(read([0xff, 0x80, 0x80, 0x00]))).toEqual({ value: 127, size: 4, padded: true });
    expect(facts(read([0x80, 0x80, 0x01]))).toEqual({ value: 16_384, size: 3, padded: false });
  });

  it('reads every value the encoder writes, in its shortest form and padded to four bytes', () => {
    const random = seededRandom(0x7b1);
    const values = [0, 1, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152, VBI_MAX, ...Array.from({ length: 2000 }, () => random.int(VBI_MAX + 1))];
    const bytes = new Uint8Array(8);
    for (const value of values) {
      for (let minBytes = 1; minBytes <= VBI_MAX_BYTES; minBytes++) {
        const end = writeVarint(bytes, 2, value, minBytes);
        const result = facts(readVariableByteInteger(bytes, 2, end));
        expect(result, `${value} in ${minBytes}`).toMatchObject({ value, size: end - 2 });
        expect((result as { padded: boolean }).padded).toBe(end - 2 > writeVarint(new Uint8Array(8), 0, value));
      }
    }
  });

  it('agrees with the specification on random and edge bytes, never throwing, its result a small integer', () => {
    const random = seededRandom(0x5eed7);
    const edges = [0x00, 0x01, 0x7f, 0x80, 0x81, 0xfe, 0xff];
    for (let i = 0; i < 50_000; i++) {
      const length = random.int(7);
      const bytes = Uint8Array.from({ length }, () => (random.bool() ? random.pick(edges) : random.int(256)));
      const at = random.int(length + 1);
      const end = at + random.int(length - at + 1);
      const result = readVariableByteInteger(bytes, at, end);
      const ours = facts(result);
      const theirs = specified(bytes, at, end);
      const same = typeof ours === 'number' ? ours === theirs : typeof theirs === 'object' && ours.value === theirs.value && ours.size === theirs.size && ours.padded === theirs.padded;
      // Small integers stay unboxed: no allocation for the result.
      if (!same || !Number.isInteger(result) || result < VBI_MALFORMED || result >= 2 ** 30) {
        expect({ bytes: Buffer.from(bytes).toString('hex'), at, end, ours }).toEqual({ bytes: Buffer.from(bytes).toString('hex'), at, end, ours: theirs });
      }
    }
  });
});
