import { describe, expect, it } from 'vitest';
import { checkText, checkUtf8, decodeAscii, decodeUtf8Unchecked, TEXT_HAS_WILDCARD, TEXT_NOT_ASCII, UTF8_HAS_NULL, UTF8_INVALID, UTF8_VALID, UTF8_VERDICT } from './utf8';

const strict = new TextDecoder('utf-8', { fatal: true });
const verdict = (bytes: Uint8Array) => checkUtf8(bytes, 0, bytes.length);

describe('checkUtf8', () => {
  it.each([
    ['ascii', [0x61, 0x62], UTF8_VALID],
    ['two-byte é', [0xc3, 0xa9], UTF8_VALID],
    ['emoji', [0xf0, 0x9f, 0x98, 0x80], UTF8_VALID],
    ['U+0000', [0x61, 0x00], UTF8_HAS_NULL],
    ['overlong slash', [0xc0, 0xaf], UTF8_INVALID],
    ['overlong three-byte', [0xe0, 0x80, 0xaf], UTF8_INVALID],
    ['surrogate', [0xed, 0xa0, 0x80], UTF8_INVALID],
    ['past U+10FFFF', [0xf4, 0x90, 0x80, 0x80], UTF8_INVALID],
    ['cut short', [0xe2, 0x82], UTF8_INVALID],
    ['stray continuation', [0x80], UTF8_INVALID],
  ])('%s', (_name, bytes, expected) => {
    expect(verdict(Uint8Array.from(bytes))).toBe(expected);
  });

  it('agrees with a strict TextDecoder on 20,000 random byte strings (seed 0xC0FFEE)', () => {
    let seed = 0xc0ffee;
    const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    for (let i = 0; i < 20_000; i++) {
      // Bias towards the lead and continuation bytes where the rules are.
      const bytes = Uint8Array.from({ length: 1 + Math.floor(random() * 6) }, () =>
        random() < 0.5 ? 0x80 + Math.floor(random() * 0x80) : Math.floor(random() * 256),
      );
      let valid = true;
      try {
        strict.decode(bytes);
      } catch {
        valid = false;
      }
      expect(verdict(bytes) !== UTF8_INVALID, Array.from(bytes).join(',')).toBe(valid);
    }
  });
});

describe('checkText', () => {
  const text = (value: string | number[]) => {
    const bytes = typeof value === 'string' ? new TextEncoder().encode(value) : Uint8Array.from(value);
    return checkText(bytes, 0, bytes.length);
  };

  it.each([
    ['a/b', UTF8_VALID],
    ['a/+/b', UTF8_VALID | TEXT_HAS_WILDCARD],
    ['a/#', UTF8_VALID | TEXT_HAS_WILDCARD],
    ['é/#', UTF8_VALID | TEXT_HAS_WILDCARD | TEXT_NOT_ASCII],
    ['#/é', UTF8_VALID | TEXT_HAS_WILDCARD | TEXT_NOT_ASCII],
    [[0x61, 0x00], UTF8_HAS_NULL],
    [[0x23, 0xc0, 0xaf, 0x00], UTF8_INVALID | TEXT_HAS_WILDCARD | TEXT_NOT_ASCII],
    ['', UTF8_VALID],
  ])('%j: checkUtf8\'s verdict, wildcards and whether it is ASCII', (value, expected) => {
    expect(text(value)).toBe(expected);
  });

  it('holds checkUtf8\'s verdict in its low bits over random bytes, ASCII exactly when no byte is past 0x7f', () => {
    let seed = 0xa5c11;
    const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    for (let i = 0; i < 20_000; i++) {
      const bytes = Uint8Array.from({ length: Math.floor(random() * 12) }, () => (random() < 0.7 ? Math.floor(random() * 0x80) : Math.floor(random() * 256)));
      const verdict = checkText(bytes, 0, bytes.length);
      const ascii = bytes.every((byte) => byte < 0x80);
      const wildcard = bytes.some((byte) => byte === 0x23 || byte === 0x2b);
      if ((verdict & UTF8_VERDICT) !== checkUtf8(bytes, 0, bytes.length) || (verdict & TEXT_NOT_ASCII) === 0 !== ascii || (verdict & TEXT_HAS_WILDCARD) !== 0 !== wildcard) {
        expect({ bytes: Array.from(bytes), verdict }).toBe('agreeing');
      }
    }
  });
});

describe('decodeAscii and decodeUtf8Unchecked', () => {
  it('make the same text as TextDecoder, short and long, from inside a larger array', () => {
    for (const value of ['', '2', '21.5', 'twelve bytes', 'thirteen byte', 'sensors/room-17/temperature', 'x'.repeat(300)]) {
      const bytes = new TextEncoder().encode(`[${value}]`);
      expect(decodeAscii(bytes, 1, bytes.length - 1)).toBe(value);
      expect(decodeUtf8Unchecked(bytes, 1, bytes.length - 1)).toBe(value);
    }
    const bytes = new TextEncoder().encode('[é😀 漢字]');
    expect(decodeUtf8Unchecked(bytes, 1, bytes.length - 1)).toBe('é😀 漢字');
  });
});
