import { describe, expect, it } from 'vitest';
import { checkUtf8, UTF8_HAS_NULL, UTF8_INVALID, UTF8_VALID } from './utf8';

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
