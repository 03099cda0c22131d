// What the command line prints of one packet has a bound. A decoded field tree is 70–270× the
// packet it describes: printed whole, a 5.5 MB SUBSCRIBE would be a string past what V8 can
// hold. Long strings and long lists are cut with their full size stated, and once a line has
// grown past its budget the rest is left out; printing never throws.

/** Characters kept of one string (a hex dump, a payload, a topic). */
const MAX_STRING_CHARS = 4096;
/** Items kept of one list (the fields of a packet, its subscriptions, its properties). */
const MAX_LIST_ITEMS = 1000;
/** Roughly how long one printed line may grow before what follows is left out. */
export const MAX_LINE_CHARS = 1024 * 1024;

/** JSON of `value`, cut where it is long; the cuts say how much there was. */
export function boundedJson(value: unknown): string {
  let budget = MAX_LINE_CHARS;
  let overBudget = false;
  try {
    return JSON.stringify(value, (_key, item: unknown) => {
      if (overBudget) return undefined;
      if (budget <= 0) {
        overBudget = true;
        return '… (the rest is left out: the line is over its size limit)';
      }
      if (typeof item === 'string') {
        budget -= Math.min(item.length, MAX_STRING_CHARS);
        return cutText(item, MAX_STRING_CHARS);
      }
      budget -= 8;
      if (ArrayBuffer.isView(item)) return `${item.byteLength} bytes`;
      if (Array.isArray(item) && item.length > MAX_LIST_ITEMS) {
        return [...item.slice(0, MAX_LIST_ITEMS), `… ${item.length - MAX_LIST_ITEMS} more of ${item.length} not shown`];
      }
      return item;
    });
  } catch (error) {
    return JSON.stringify({ event: 'print-error', message: `This could not be printed: ${(error as Error).message}` });
  }
}

/** `text` up to `max` characters; longer, its start and its full length. */
export function cutText(text: string, max = MAX_STRING_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters in all)`;
}
