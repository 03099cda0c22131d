// A payload as a person writes it (text, JSON, hex or Base64) and as it travels: the hex of its
// bytes. Each way in is checked and says where it goes wrong; each way back says when the bytes
// cannot be shown that way.
import { fromHex, toHex } from '../mqtt/field';
import { toBase64 } from '../payload/hex';
import { findJsonProblem } from './json-check';
import { PUBLISH_PAYLOAD_MAX_BYTES } from '../limits';

export const PAYLOAD_FORMATS = [
  ['text', 'Text'],
  ['json', 'JSON'],
  ['hex', 'Hex'],
  ['base64', 'Base64'],
] as const;

export type PayloadFormat = (typeof PAYLOAD_FORMATS)[number][0];

export type PayloadResult = { ok: true; hex: string } | { ok: false; message: string };

const utf8Encoder = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const NOT_BASE64 = /[^A-Za-z0-9+/\-_]/u;
const NOT_HEX = /[^0-9a-fA-F]/u;

/** Where the first character outside the allowed set is, in words; undefined when there is none. */
function firstStranger(clean: string, stranger: RegExp, what: string): string | undefined {
  const found = stranger.exec(clean);
  if (!found) return undefined;
  const position = [...clean.slice(0, found.index)].length + 1;
  return `Not ${what}: “${found[0]}” at character ${position} (white space not counted)`;
}

function base64Bytes(text: string): Uint8Array | string {
  const clean = text.replace(/\s+/g, '');
  const body = clean.replace(/={1,2}$/, '');
  const problem = firstStranger(body, NOT_BASE64, 'Base64');
  if (problem) return problem;
  if (body.length % 4 === 1 || (clean.length !== body.length && clean.length % 4 !== 0)) return `Not Base64: ${clean.length} characters cannot be whole bytes`;
  const standard = body.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(standard.padEnd(Math.ceil(standard.length / 4) * 4, '='));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

function bytesOf(format: PayloadFormat, text: string): Uint8Array | string {
  switch (format) {
    case 'text':
      return utf8Encoder.encode(text);
    case 'json': {
      const problem = findJsonProblem(text);
      return problem ? `Not JSON: ${problem.message}` : utf8Encoder.encode(text);
    }
    case 'hex': {
      const clean = text.replace(/\s+/g, '');
      return firstStranger(clean, NOT_HEX, 'hex') ?? fromHex(clean) ?? `Hex is two digits a byte: ${clean.length} digits is an odd number`;
    }
    case 'base64':
      return base64Bytes(text);
  }
}

/** The payload's hex, or what is wrong with the text in words. */
export function encodePayload(format: PayloadFormat, text: string): PayloadResult {
  const bytes = bytesOf(format, text);
  if (typeof bytes === 'string') return { ok: false, message: bytes };
  if (bytes.length > PUBLISH_PAYLOAD_MAX_BYTES) return { ok: false, message: `The payload is ${bytes.length} bytes; at most ${PUBLISH_PAYLOAD_MAX_BYTES} are sent from here` };
  return { ok: true, hex: toHex(bytes) };
}

/** The payload written in this format, or undefined when its bytes are not text (for text and JSON). */
export function decodePayload(format: PayloadFormat, hex: string): string | undefined {
  const bytes = fromHex(hex) ?? new Uint8Array();
  switch (format) {
    case 'text':
    case 'json':
      try {
        return strictUtf8.decode(bytes);
      } catch {
        return undefined;
      }
    case 'hex':
      return hex.toLowerCase();
    case 'base64':
      return toBase64(bytes);
  }
}
