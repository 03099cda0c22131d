// What "Copy the JSON" copies: the whole payload, indented when that can be done whole, else
// its text as sent (never the depth-capped value the tree draws, which would cut nesting).
import { decodeJson, prettyJsonStart } from './json';
import { decodeText } from './text';
import { COPY_CHARS } from '../limits';

export function jsonCopy(bytes: Uint8Array): string {
  const read = decodeJson(bytes);
  if (!read.ok) throw new Error(read.problem);
  const pretty = prettyJsonStart(read.value, COPY_CHARS);
  if (!pretty.deep && !pretty.long) return pretty.text;
  const text = decodeText(bytes);
  if (!text.ok) throw new Error(text.problem);
  return text.value;
}
