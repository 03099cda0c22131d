// Where a packet's secrets are: the CONNECT's password and every Authentication Data property (in
// CONNECT, CONNACK and AUTH). An export blanks them; a copy of a packet is compared without them.
import type { Field } from './field';
import { FIELD_KEYS } from './field-keys';
import { PROPERTY_BY_OPTION } from './properties';

const AUTHENTICATION_DATA = PROPERTY_BY_OPTION.get('authenticationData')!.name;
/** What an export writes over each byte of a secret. */
export const SECRET_FILL = 0x2a; // '*'

/** What a secret's value shows until a person asks to see it. */
export const SECRET_MASK = '••••••';

/** Whether the field is a secret: the CONNECT's password, or an Authentication Data property's value. */
export function isSecret(field: Pick<Field, 'key' | 'name'>): boolean {
  return field.key === FIELD_KEYS.password || field.name === AUTHENTICATION_DATA;
}

/** The byte ranges [from, to) of the secrets among the fields, offsets inside the packet. */
export function secretRanges(fields: readonly Field[], into: [number, number][] = []): [number, number][] {
  for (const field of fields) {
    if (isSecret(field)) into.push([field.offset, field.offset + field.length]);
    else if (field.children) secretRanges(field.children, into);
  }
  return into;
}

/**
 * A short digest of a packet's bytes with its secrets read as an export blanks them: the same
 * packet, saved with or without its secrets, has the same one. FNV-1a (32 bits) and the length;
 * a copy is told by this and its time together.
 */
export function fingerprintWithoutSecrets(bytes: Uint8Array, fields: readonly Field[]): string {
  const ranges = secretRanges(fields);
  let hash = 0x811c9dc5;
  for (let at = 0; at < bytes.length; at++) {
    const secret = ranges.some(([from, to]) => at >= from && at < to);
    hash = Math.imul(hash ^ (secret ? SECRET_FILL : bytes[at]), 0x01000193);
  }
  return `${bytes.length}:${(hash >>> 0).toString(16).padStart(8, '0')}`;
}
