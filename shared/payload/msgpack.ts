// A payload read as MessagePack with msgpackr: one value taking every byte, a map or an array.
import { Unpackr } from 'msgpackr';
import type { Decoded } from './decoded';
import { decodeStructure } from './structure';

const unpackr = new Unpackr({ mapsAsObjects: false, useRecords: false, int64AsType: 'bigint' });

export function decodeMsgpack(bytes: Uint8Array): Decoded<unknown> {
  return decodeStructure('MessagePack', bytes, (all) => unpackr.unpack(all) as unknown, 'the bytes are not one whole MessagePack value');
}
