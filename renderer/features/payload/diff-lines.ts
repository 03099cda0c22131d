// A payload diff as lines to draw and to copy: each line marked added, removed or the same.
import type { PayloadDiff } from '@shared/payload/diff';

export interface DiffLine {
  kind: 'added' | 'removed' | 'same';
  text: string;
}

export function diffLinesOf(diff: PayloadDiff): DiffLine[] {
  return (diff.changes ?? []).flatMap((change) => {
    const kind = change.added ? 'added' : change.removed ? 'removed' : 'same';
    const lines = change.value.split('\n');
    if (lines.at(-1) === '') lines.pop();
    return lines.map((text) => ({ kind, text }) as DiffLine);
  });
}

const MARKS = { added: '+ ', removed: '- ', same: '  ' } as const;

/** The diff as text, each line marked as `diff -u` marks it. */
export const diffText = (lines: DiffLine[]): string => lines.map((line) => MARKS[line.kind] + line.text).join('\n');
