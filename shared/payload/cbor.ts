// A payload read as CBOR (RFC 8949) with cbor-x: only when one item takes every byte and it is
// a structure (a map or an array), since short text and numbers also read as some CBOR.
import { Decoder } from 'cbor-x';
import { attempt, decoded, notDecoded, type Decoded } from './decoded';
import { isStructured } from './plain-value';

// Maps stay Maps (keys may be numbers or byte strings); no record extension guessing.
const decoder = new Decoder({ mapsAsObjects: false, useRecords: false });

export function decodeCbor(bytes: Uint8Array): Decoded<unknown> {
  if (bytes.length === 0) return notDecoded('Not CBOR: empty');
  return attempt('CBOR', () => {
    const value: unknown = decoder.decode(bytes);
    return isStructured(value) ? decoded(value) : notDecoded('Not CBOR: a lone value, not a map or an array');
  }, 'the bytes are not one whole CBOR item');
}
