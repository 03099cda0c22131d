// A payload read as one whole value of a self-describing binary format (CBOR, MessagePack), kept
// only when it is a structure (a map or an array): short text and numbers also read as some.
import { attempt, decoded, notDecoded, type Decoded } from './decoded';
import { isStructured } from './plain-value';

export function decodeStructure(format: string, bytes: Uint8Array, read: (bytes: Uint8Array) => unknown, unreadable: string): Decoded<unknown> {
  if (bytes.length === 0) return notDecoded(`Not ${format}: empty`);
  return attempt(format, () => {
    const value = read(bytes);
    return isStructured(value) ? decoded(value) : notDecoded(`Not ${format}: a lone value, not a map or an array`);
  }, unreadable);
}
