// A line diff of two payloads (text, hex) as lines to draw and to copy: each line marked added,
// removed or the same.
import type { LinePayloadDiff } from '@shared/payload/diff';

export interface DiffLine {
  kind: 'added' | 'removed' | 'same';
  text: string;
}

export function diffLinesOf(diff: LinePayloadDiff): DiffLine[] {
  return (diff.lines ?? []).flatMap((change) => {
    const kind = change.added ? 'added' : change.removed ? 'removed' : 'same';
    const lines = change.value.split('\n');
    if (lines.at(-1) === '') lines.pop();
    return lines.map((text) => ({ kind, text }) as DiffLine);
  });
}

const MARKS = { added: '+ ', removed: '- ', same: '  ' } as const;

/** The diff as text, each line marked as `diff -u` marks it. */
export const diffText = (lines: DiffLine[]): string => lines.map((line) => MARKS[line.kind] + line.text).join('\n');
