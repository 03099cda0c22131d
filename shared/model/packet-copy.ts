// What "Copy payload as text" copies: a PUBLISH's payload read as UTF-8, with U+FFFD for bytes
// that are not (the payload's bytes, not the decoder's checked text, so nothing is left out).
import { decode } from '../mqtt/decode';
import { findField, fromHex } from '../mqtt/field';
import { FIELD_KEYS } from '../mqtt/field-keys';

/** The payload of a PUBLISH as text; undefined for any other packet, or one cut before its payload. */
export function publishPayloadText(hex: string, protocolLevel: number): string | undefined {
  const bytes = fromHex(hex);
  if (!bytes) return undefined;
  const packet = decode(bytes, { protocolLevel });
  if (packet.typeName !== 'PUBLISH') return undefined;
  const payload = findField(packet.fields, FIELD_KEYS.payload);
  if (!payload) return undefined;
  return new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes.subarray(payload.offset, payload.offset + payload.length));
}
