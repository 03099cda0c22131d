// A payload read as MessagePack with msgpackr: only when one value takes every byte and it is a
// structure (a map or an array), since most short text also reads as some MessagePack.
import { Unpackr } from 'msgpackr';
import { attempt, decoded, notDecoded, type Decoded } from './decoded';
import { isStructured } from './plain-value';

const unpackr = new Unpackr({ mapsAsObjects: false, useRecords: false, int64AsType: 'bigint' });

export function decodeMsgpack(bytes: Uint8Array): Decoded<unknown> {
  if (bytes.length === 0) return notDecoded('Not MessagePack: empty');
  return attempt('MessagePack', () => {
    const value: unknown = unpackr.unpack(bytes);
    return isStructured(value) ? decoded(value) : notDecoded('Not MessagePack: a lone value, not a map or an array');
  }, 'the bytes are not one whole MessagePack value');
}
