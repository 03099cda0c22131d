// Payloads from what a person types to the hex that travels, and back, with Node's Buffer as the
// independent oracle for UTF-8 and Base64.
import { describe, expect, it } from 'vitest';
import { decodePayload, encodePayload, PAYLOAD_FORMATS } from './payload-encoding';
import { PUBLISH_PAYLOAD_MAX_BYTES } from '../limits';

describe('encodePayload', () => {
  it('turns text into its UTF-8 bytes', () => {
    expect(encodePayload('text', 'héllo ☃ 😀')).toEqual({ ok: true, hex: Buffer.from('héllo ☃ 😀', 'utf8').toString('hex') });
    expect(encodePayload('text', '')).toEqual({ ok: true, hex: '' });
  });

  it('sends JSON as typed, and refuses invalid JSON saying where', () => {
    const text = '{\n  "temperature": 21.5\n}';
    expect(encodePayload('json', text)).toEqual({ ok: true, hex: Buffer.from(text).toString('hex') });
    expect(encodePayload('json', '{\n  "a": 1,\n  }')).toEqual({ ok: false, message: 'Not JSON: Unexpected token “}” at line 3 column 3' });
  });

  it('reads hex with white space and either case, and says which character is not hex', () => {
    expect(encodePayload('hex', 'DE ad\nbe EF')).toEqual({ ok: true, hex: 'deadbeef' });
    expect(encodePayload('hex', 'de ag')).toEqual({ ok: false, message: 'Not hex: “g” at character 4 (white space not counted)' });
    expect(encodePayload('hex', 'abc')).toEqual({ ok: false, message: 'Hex is two digits a byte: 3 digits is an odd number' });
    // Counted in characters, not UTF-16 units: an emoji before the stranger is one.
    expect(encodePayload('hex', '00😀')).toEqual({ ok: false, message: 'Not hex: “😀” at character 3 (white space not counted)' });
    expect(encodePayload('base64', 'QQ😀x')).toEqual({ ok: false, message: 'Not Base64: “😀” at character 3 (white space not counted)' });
  });

  it('reads Base64, padded or not, standard or URL-safe, as Buffer does', () => {
    const bytes = Buffer.from([0xfb, 0xff, 0x00, 0x41, 0x42]);
    expect(encodePayload('base64', bytes.toString('base64'))).toEqual({ ok: true, hex: bytes.toString('hex') });
    expect(encodePayload('base64', bytes.toString('base64url'))).toEqual({ ok: true, hex: bytes.toString('hex') });
    expect(encodePayload('base64', 'aGVs\nbG8=')).toEqual({ ok: true, hex: Buffer.from('hello').toString('hex') });
    expect(encodePayload('base64', 'aGV*bG8=')).toEqual({ ok: false, message: 'Not Base64: “*” at character 4 (white space not counted)' });
    expect(encodePayload('base64', 'aGVsb')).toEqual({ ok: false, message: 'Not Base64: 5 characters cannot be whole bytes' });
    expect(encodePayload('base64', 'aGVsbG8==')).toEqual({ ok: false, message: 'Not Base64: 9 characters cannot be whole bytes' });
  });

  it('refuses a payload past the largest one sent from here, at its edge', () => {
    expect(encodePayload('hex', '00'.repeat(PUBLISH_PAYLOAD_MAX_BYTES))).toMatchObject({ ok: true });
    expect(encodePayload('hex', '00'.repeat(PUBLISH_PAYLOAD_MAX_BYTES + 1))).toEqual({ ok: false, message: `The payload is ${PUBLISH_PAYLOAD_MAX_BYTES + 1} bytes; at most ${PUBLISH_PAYLOAD_MAX_BYTES} are sent from here` });
  });
});

describe('decodePayload', () => {
  it('gives back what each format encoded', () => {
    const samples = { text: 'héllo ☃', json: '{"a": [1, 2]}', hex: '00ff10', base64: '+/8AQUI=' } as const;
    for (const [format] of PAYLOAD_FORMATS) {
      const encoded = encodePayload(format, samples[format]);
      expect(encoded.ok).toBe(true);
      expect(decodePayload(format, (encoded as { hex: string }).hex), format).toBe(samples[format]);
    }
  });

  it('says when bytes are not text', () => {
    expect(decodePayload('text', 'ff')).toBeUndefined();
    expect(decodePayload('json', 'c3')).toBeUndefined();
    expect(decodePayload('base64', 'ff')).toBe('/w==');
  });
});
