// Which rows of a hex dump are in the page: those in view and a few around them, so scrolling
// never shows a blank row before the next frame draws.
import { HEX_SHOWN_BYTES } from '../../limits';

export const HEX_ROW_BYTES = 16;
/** One row's height in CSS pixels (the dump's line height). */
export const HEX_ROW_HEIGHT = 20;
/** The dump's height in rows before it scrolls on its own. */
export const HEX_VISIBLE_ROWS = 24;
const OVERSCAN_ROWS = 8;

/** Rows [first, last) to draw for a frame scrolled to `scrollTop` and `viewHeight` pixels tall. */
export function hexRowWindow(rowCount: number, scrollTop: number, viewHeight: number): { first: number; last: number } {
  const inView = Math.ceil(viewHeight / HEX_ROW_HEIGHT);
  // A scroll position past the end (a shorter packet chosen) still draws the last rows.
  const first = Math.max(0, Math.min(Math.floor(scrollTop / HEX_ROW_HEIGHT), rowCount - inView) - OVERSCAN_ROWS);
  const last = Math.min(rowCount, first + inView + 2 * OVERSCAN_ROWS);
  return { first, last };
}
