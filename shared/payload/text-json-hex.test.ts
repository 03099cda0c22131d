import { describe, expect, it } from 'vitest';
import { hexDumpLines, spacedHex, toBase64 } from './hex';
import { decodeJson, PRETTY_DEPTH, prettyJson, prettyJsonStart } from './json';
import { bytesText, toPlain } from './plain-value';
import { decodeText, lenientText } from './text';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('decodeText', () => {
  it('reads UTF-8 and refuses bytes that are not', () => {
    expect(decodeText(bytes('grüße ✓'))).toEqual({ ok: true, value: 'grüße ✓' });
    expect(decodeText(Uint8Array.of(0x61, 0xff, 0x62))).toEqual({ ok: false, problem: 'Not UTF-8 text: some bytes are not UTF-8' });
    expect(lenientText(Uint8Array.of(0x61, 0xff, 0x62))).toBe('a\uFFFDb');
  });
});

describe('decodeJson', () => {
  it('reads JSON and says why other text is not', () => {
    expect(decodeJson(bytes(' {"n":4985} '))).toEqual({ ok: true, value: { n: 4985 } });
    expect(decodeJson(bytes('21.5'))).toEqual({ ok: true, value: 21.5 });
    expect(decodeJson(bytes('{"n":'))).toEqual({ ok: false, problem: expect.stringMatching(/^Not JSON: /) });
    expect(decodeJson(bytes(''))).toEqual({ ok: false, problem: 'Not JSON: empty' });
    expect(decodeJson(Uint8Array.of(0xff))).toEqual({ ok: false, problem: 'Not JSON: not UTF-8 text' });
    expect(prettyJson({ n: 1, a: [1] })).toBe('{\n  "n": 1,\n  "a": [\n    1\n  ]\n}');
  });
});

describe('hex and Base64', () => {
  it('dumps 16 bytes a line with their offset and ASCII, up to a limit', () => {
    const payload = bytes('{"n":4985,"unit":"mm"}');
    expect(hexDumpLines(payload)).toEqual([
      '00000000  7b 22 6e 22 3a 34 39 38 35 2c 22 75 6e 69 74 22  |{"n":4985,"unit"|',
      '00000010  3a 22 6d 6d 22 7d                                |:"mm"}|',
    ]);
    expect(hexDumpLines(payload, 16)).toHaveLength(1);
    expect(hexDumpLines(Uint8Array.of(0, 0x7f, 0x41))[0]).toMatch(/\|\.\.A\|$/);
    expect(spacedHex(Uint8Array.of(0xca, 0xfe, 1))).toBe('ca fe 01');
  });

  it('writes Base64 as Node does, large payloads included', () => {
    const large = Uint8Array.from({ length: 100_000 }, (_, index) => (index * 7) & 0xff);
    for (const sample of [new Uint8Array(0), Uint8Array.of(1), Uint8Array.of(1, 2), bytes('{"n":4985}'), large]) {
      expect(toBase64(sample)).toBe(Buffer.from(sample).toString('base64'));
    }
  });
});

describe('toPlain', () => {
  it('turns decoded kinds into JSON kinds', () => {
    expect(toPlain(new Map<unknown, unknown>([[1, 2n ** 70n], [[1, 2], new Date(0)]]))).toEqual({ 1: '1180591620717411303424', '[1,2]': '1970-01-01T00:00:00.000Z' });
    expect(toPlain({ a: undefined, b: NaN, c: 5n, d: new Set([1]) })).toEqual({ a: null, b: 'NaN', c: 5, d: [1] });
    expect(bytesText(new Uint8Array(100))).toMatch(/^<100 bytes: (00){64}…>$/);
  });

  it('cuts a value nested deeper than it keeps', () => {
    let deep: unknown = 1;
    for (let level = 0; level < 10_000; level++) deep = [deep];
    expect(() => JSON.stringify(toPlain(deep))).not.toThrow();
  });
});

describe('prettyJsonStart', () => {
  it('writes what prettyJson writes', () => {
    for (const value of [null, 1.5, 'a"b', [], {}, [1, [2, {}], { a: [] }], { 'k"': { n: null, b: true, s: 'x' }, z: [1e21, -0] }]) {
      expect(prettyJsonStart(value, 1000)).toEqual({ text: prettyJson(value), long: false, deep: false });
    }
  });

  it('stops at the characters asked for, and at a depth no stack overflows', () => {
    expect(prettyJsonStart(Array(100).fill(12345), 50)).toMatchObject({ long: true, deep: false });
    expect(prettyJsonStart(Array(100).fill(12345), 50).text).toHaveLength(50);
    let deep: unknown = 1;
    for (let level = 0; level < 100_000; level++) deep = [deep];
    const start = prettyJsonStart(deep, 1_000_000);
    expect(start).toMatchObject({ long: false, deep: true });
    expect(start.text).toContain(`${'  '.repeat(PRETTY_DEPTH)}"…"`);
  });
});
