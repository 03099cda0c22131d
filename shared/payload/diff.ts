// Two payloads compared line by line with jsdiff: as indented JSON when both are JSON (so one
// changed value is one changed line), else as text, else as hex lines.
import { diffLines, type ChangeObject } from 'diff';
import { decodeJson, prettyJsonStart } from './json';
import { hexDumpLines } from './hex';
import { DECODE_BYTES, DIFF_CHARS } from './limits';
import { decodeText } from './text';

export interface PayloadDiff {
  /** How both sides were written before comparing. */
  as: 'JSON' | 'text' | 'hex';
  /** Undefined when they differ too much to diff in time (the diff gives up rather than freeze). */
  changes: ChangeObject<string>[] | undefined;
  /** A side was longer than DIFF_CHARS and only its start was compared. */
  cut: boolean;
}

/** Edits (lines) and time a diff may take before it gives up. */
const MAX_EDIT_LINES = 5000;
const DIFF_TIMEOUT_MS = 500;

/** Never throws: a payload from any broker reaches it (deep or huge JSON is compared as text). */
export function diffPayloads(before: Uint8Array, after: Uint8Array): PayloadDiff {
  const [left, right, as, bytesCut] = comparable(before, after);
  const cut = bytesCut || left.length > DIFF_CHARS || right.length > DIFF_CHARS;
  const changes = diffLines(withNewline(left.slice(0, DIFF_CHARS)), withNewline(right.slice(0, DIFF_CHARS)), { maxEditLength: MAX_EDIT_LINES, timeout: DIFF_TIMEOUT_MS });
  return { as, changes, cut };
}

function comparable(before: Uint8Array, after: Uint8Array): [string, string, PayloadDiff['as'], boolean] {
  const json = Math.max(before.length, after.length) <= DECODE_BYTES && comparableJson(before, after);
  if (json) return json;
  const textBefore = decodeText(before);
  const textAfter = textBefore.ok ? decodeText(after) : textBefore;
  if (textBefore.ok && textAfter.ok) return [textBefore.value, textAfter.value, 'text', false];
  // Bytes are cut before they are written out: a dump line of 16 bytes takes 79 characters.
  const bytes = Math.floor(DIFF_CHARS / 79) * 16;
  return [hexDumpLines(before, bytes).join('\n'), hexDumpLines(after, bytes).join('\n'), 'hex', Math.max(before.length, after.length) > bytes];
}

/** Both sides as indented JSON, cut like text; undefined when either is not JSON or nests too deep to indent whole. */
function comparableJson(before: Uint8Array, after: Uint8Array): [string, string, 'JSON', boolean] | undefined {
  const jsonBefore = decodeJson(before);
  const jsonAfter = jsonBefore.ok ? decodeJson(after) : jsonBefore;
  if (!jsonBefore.ok || !jsonAfter.ok) return undefined;
  // One character more than is compared, so that a longer side still reads as cut below.
  const left = prettyJsonStart(jsonBefore.value, DIFF_CHARS + 1);
  const right = prettyJsonStart(jsonAfter.value, DIFF_CHARS + 1);
  // Nesting written as "…" could hide a difference: such payloads are compared as text.
  if (left.deep || right.deep) return undefined;
  return [left.text, right.text, 'JSON', false];
}

/** A last line without its newline would differ from the same line with one. */
const withNewline = (text: string): string => (text === '' || text.endsWith('\n') ? text : `${text}\n`);
