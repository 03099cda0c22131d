// How wide a label is drawn in the timeline, measured on a canvas in the timeline's font and
// remembered: labels are few words, repeated.
const widths = new Map<string, number>();
let context: CanvasRenderingContext2D | null | undefined;

export function textWidth(text: string, font: string): number {
  const key = `${font}|${text}`;
  let width = widths.get(key);
  if (width === undefined) {
    if (context === undefined) context = document.createElement('canvas').getContext('2d');
    if (context) context.font = font;
    // Without a canvas, a generous guess: wider than any 11 px character but W.
    width = context ? Math.ceil(context.measureText(text).width) + 1 : text.length * 7;
    if (widths.size > 5_000) widths.clear();
    widths.set(key, width);
  }
  return width;
}
