// Counts as people read them, one way everywhere (the UI, the engine's and the lab's messages):
// `200,246`.

/** One formatter for every count: `toLocaleString` makes a new one at each call, which for a few
 *  hundred topic levels redrawn twice a second was most of the page's time. */
const counts = new Intl.NumberFormat('en-US');

/** A count as people read it: `1,234,567`. */
export const formatCount = (count: number) => counts.format(count);

/** Some of a whole: `12 of 200,246`, or the whole alone when they are the same. */
export const formatCountOf = (shown: number, total: number) => (shown === total ? formatCount(total) : `${formatCount(shown)} of ${formatCount(total)}`);
