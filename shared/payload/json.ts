// A payload read as JSON: strict UTF-8 text that JSON.parse accepts.
import { attempt, decoded, notDecoded, type Decoded } from './decoded';
import { decodeText } from './text';

export function decodeJson(bytes: Uint8Array): Decoded<unknown> {
  const text = decodeText(bytes);
  if (!text.ok) return notDecoded('Not JSON: not UTF-8 text');
  if (text.value.trim() === '') return notDecoded('Not JSON: empty');
  return attempt('JSON', () => decoded(JSON.parse(text.value) as unknown));
}

/** JSON as people read it: two-space indents. */
export const prettyJson = (value: unknown): string => JSON.stringify(value, null, 2);
