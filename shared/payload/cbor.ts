// A payload read as CBOR (RFC 8949) with cbor-x: one item taking every byte, a map or an array.
import { Decoder } from 'cbor-x';
import type { Decoded } from './decoded';
import { decodeStructure } from './structure';

// Maps stay Maps (keys may be numbers or byte strings); no record extension guessing.
const decoder = new Decoder({ mapsAsObjects: false, useRecords: false });

export function decodeCbor(bytes: Uint8Array): Decoded<unknown> {
  return decodeStructure('CBOR', bytes, (all) => decoder.decode(all) as unknown, 'the bytes are not one whole CBOR item');
}
