// Where the timeline's labels go: each wants to sit at its mark; in a crowd none may cover
// another or leave the picture. A label keeps its place and is shortened with an ellipsis to the
// room before the next one, moves to another row when one is free, or is left out (the mark
// still says it all on hover).

export interface LabelRequest {
  /** Where the label is anchored, in pixels. */
  x: number;
  text: string;
  anchor?: 'start' | 'middle' | 'end';
  /** The most room it may take (a flow's label stays inside its box). */
  maxWidth?: number;
}

export interface PlacedLabel {
  /** The left edge of the text (draw it with text-anchor start). */
  x: number;
  width: number;
  row: number;
  /** The text, or its start with an ellipsis. */
  text: string;
  shortened: boolean;
}

export interface LabelLayoutOptions {
  left: number;
  right: number;
  /** Rows the labels may spread over (each drawn at its own height). */
  rows?: number;
  /** Space kept between two labels on a row. */
  gap?: number;
  /** Less room than this and the label is left out. */
  minWidth?: number;
  measure(text: string): number;
}

const ANCHOR_SHARE = { start: 0, middle: 0.5, end: 1 } as const;

/** The longest start of `text` that fits `width` with an ellipsis, or undefined. */
export function shorten(text: string, width: number, measure: (text: string) => number): string | undefined {
  if (measure(text) <= width) return text;
  for (let length = text.length - 1; length > 0; length--) {
    const candidate = `${text.slice(0, length).trimEnd()}…`;
    if (measure(candidate) <= width) return candidate;
  }
  return undefined;
}

/** One entry per request, in the same order: where it goes, or undefined when left out. */
export function layoutLabels(labels: readonly LabelRequest[], options: LabelLayoutOptions): (PlacedLabel | undefined)[] {
  const { left, right, rows = 1, gap = 4, minWidth = 16, measure } = options;
  const room = right - left;
  const wanted = labels.map((label, index) => {
    const width = measure(label.text);
    const start = label.x - width * ANCHOR_SHARE[label.anchor ?? 'start'];
    // Inside the picture: a label at the right edge moves left rather than out (no further than
    // the room it may take: a flow's label stays over its flow).
    return { index, width, start: Math.max(left, Math.min(start, right - Math.min(width, label.maxWidth ?? Infinity, room))) };
  });
  const order = [...wanted].sort((a, b) => a.start - b.start || a.index - b.index);

  // Rows first: a label takes the first row where the one before it is whole, else the row
  // with the most room, if that leaves the one before it at least minWidth.
  const onRow: (typeof wanted)[] = Array.from({ length: rows }, () => []);
  for (const label of order) {
    if (room < minWidth) break;
    const lastOf = (row: number) => onRow[row].at(-1);
    let chosen = -1;
    for (let row = 0; row < rows && chosen < 0; row++) {
      const last = lastOf(row);
      if (!last || last.start + last.width + gap <= label.start) chosen = row;
    }
    if (chosen < 0) {
      let best = -1;
      for (let row = 0; row < rows; row++) if (best < 0 || lastOf(row)!.start < lastOf(best)!.start) best = row;
      if (label.start - lastOf(best)!.start >= minWidth + gap) chosen = best;
    }
    if (chosen >= 0) onRow[chosen].push(label);
  }

  // Then each label gets the room up to the next one on its row.
  const placed: (PlacedLabel | undefined)[] = labels.map(() => undefined);
  onRow.forEach((list, row) =>
    list.forEach((label, position) => {
      const next = list[position + 1];
      const limit = Math.min(next ? next.start - gap : right, label.start + (labels[label.index].maxWidth ?? Infinity));
      const text = shorten(labels[label.index].text, limit - label.start, measure);
      if (text === undefined || limit - label.start < minWidth) return;
      const shortened = text !== labels[label.index].text;
      placed[label.index] = { x: label.start, width: shortened ? measure(text) : label.width, row, text, shortened };
    }),
  );
  return placed;
}
