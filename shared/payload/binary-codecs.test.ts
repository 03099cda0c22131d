import { encode as encodeCbor } from 'cbor-x';
import { pack } from 'msgpackr';
import { describe, expect, it } from 'vitest';
import { decodeCbor } from './cbor';
import { decodeMsgpack } from './msgpack';
import { toPlain } from './plain-value';

const VALUE = { n: 4985, tags: ['a', 'b'], nested: { ok: true, ratio: 0.5, none: null } };
const text = (words: string) => new TextEncoder().encode(words);

describe.each([
  ['CBOR', decodeCbor, (value: unknown) => new Uint8Array(encodeCbor(value))],
  ['MessagePack', decodeMsgpack, (value: unknown) => new Uint8Array(pack(value))],
] as const)('%s', (name, decodeAs, encodeWith) => {
  it('reads back what the library wrote', () => {
    const read = decodeAs(encodeWith(VALUE));
    expect(read.ok && toPlain(read.value)).toEqual(VALUE);
    expect(toPlain((decodeAs(encodeWith([1, 'two', [3]])) as { value: unknown }).value)).toEqual([1, 'two', [3]]);
  });

  it('keeps maps with keys that are not text, and byte strings', () => {
    const read = decodeAs(encodeWith(new Map<unknown, unknown>([[1, new Uint8Array([0xca, 0xfe])], ['k', 'v']])));
    expect(read.ok && toPlain(read.value)).toEqual({ 1: '<2 bytes: cafe>', k: 'v' });
  });

  it.each([
    ['a lone number', () => encodeWith(42), 'a lone value'],
    ['a lone string', () => encodeWith('hello'), 'a lone value'],
    ['a trailing byte', () => Uint8Array.of(...encodeWith(VALUE), 0x01), ''],
    ['a cut value', () => encodeWith(VALUE).subarray(0, 6), ''],
    ['JSON text', () => text('{"n":4985}'), ''],
    ['plain text', () => text('hello world'), ''],
    ['nothing', () => new Uint8Array(0), 'empty'],
  ])('refuses %s with words', (_label, bytes, words) => {
    const read = decodeAs(bytes());
    expect(read).toEqual({ ok: false, problem: expect.stringContaining(`Not ${name}: ${words}`) });
  });

  it('never throws on random bytes', () => {
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
    for (let round = 0; round < 1000; round++) expect(() => decodeAs(Uint8Array.from({ length: 1 + (round % 40) }, random))).not.toThrow();
  });
});
