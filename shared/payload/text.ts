// A payload read as UTF-8 text: strict (a byte that is not UTF-8 is a problem, not U+FFFD).
import { decoded, notDecoded, type Decoded } from './decoded';

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

export function decodeText(bytes: Uint8Array): Decoded<string> {
  try {
    return decoded(strict.decode(bytes));
  } catch {
    return notDecoded('Not UTF-8 text: some bytes are not UTF-8');
  }
}

/** The payload as text whatever it holds: U+FFFD for what is not UTF-8 (for copying and diffs). */
export function lenientText(bytes: Uint8Array): string {
  return lenient.decode(bytes);
}
