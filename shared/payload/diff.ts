// Two payloads compared: by structure when both are JSON (each difference named by its path,
// see json-diff.ts), else line by line with jsdiff as text, else as hex lines.
import { diffLines, type ChangeObject } from 'diff';
import { hexDumpLines } from './hex';
import { decodeJson } from './json';
import { diffJson, type JsonChange } from './json-diff';
import { decodeText } from './text';
import { DECODE_BYTES, DIFF_CHARS, DIFF_MAX_EDIT_LINES } from '../limits';

export type PayloadDiff = JsonPayloadDiff | LinePayloadDiff;

export interface JsonPayloadDiff {
  as: 'JSON';
  changes: JsonChange[];
  /** More differences than are listed. */
  more: boolean;
}

export interface LinePayloadDiff {
  /** How both sides were written before comparing. */
  as: 'text' | 'hex';
  /** Undefined when they differ too much to diff in time (the diff gives up rather than freeze). */
  lines: ChangeObject<string>[] | undefined;
  /** A side was longer than DIFF_CHARS and only its start was compared. */
  cut: boolean;
}

/** Time a diff may take before it gives up (DIFF_MAX_EDIT_LINES bounds its edits). */
const DIFF_TIMEOUT_MS = 500;

/** Never throws: a payload from any broker reaches it (JSON nested too deep to follow is compared as text). */
export function diffPayloads(before: Uint8Array, after: Uint8Array): PayloadDiff {
  return (Math.max(before.length, after.length) <= DECODE_BYTES && structuralDiff(before, after)) || lineDiff(before, after);
}

/** Undefined when either side is not JSON, or nests deeper than the diff follows. */
function structuralDiff(before: Uint8Array, after: Uint8Array): JsonPayloadDiff | undefined {
  const jsonBefore = decodeJson(before);
  const jsonAfter = jsonBefore.ok ? decodeJson(after) : jsonBefore;
  if (!jsonBefore.ok || !jsonAfter.ok) return undefined;
  const diff = diffJson(jsonBefore.value, jsonAfter.value);
  return diff && { as: 'JSON', ...diff };
}

function lineDiff(before: Uint8Array, after: Uint8Array): LinePayloadDiff {
  const [left, right, as, bytesCut] = comparable(before, after);
  const cut = bytesCut || left.length > DIFF_CHARS || right.length > DIFF_CHARS;
  const lines = diffLines(withNewline(left.slice(0, DIFF_CHARS)), withNewline(right.slice(0, DIFF_CHARS)), { maxEditLength: DIFF_MAX_EDIT_LINES, timeout: DIFF_TIMEOUT_MS });
  return { as, lines, cut };
}

function comparable(before: Uint8Array, after: Uint8Array): [string, string, LinePayloadDiff['as'], boolean] {
  const textBefore = decodeText(before);
  const textAfter = textBefore.ok ? decodeText(after) : textBefore;
  if (textBefore.ok && textAfter.ok) return [textBefore.value, textAfter.value, 'text', false];
  // Bytes are cut before they are written out: a dump line of 16 bytes takes 79 characters.
  const bytes = Math.floor(DIFF_CHARS / 79) * 16;
  return [hexDumpLines(before, bytes).join('\n'), hexDumpLines(after, bytes).join('\n'), 'hex', Math.max(before.length, after.length) > bytes];
}

/** A last line without its newline would differ from the same line with one. */
const withNewline = (text: string): string => (text === '' || text.endsWith('\n') ? text : `${text}\n`);
