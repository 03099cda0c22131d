import { describe, expect, it } from 'vitest';
import { HEX_ROW_HEIGHT, hexRowWindow } from './hex-window';
import { HEX_SHOWN_BYTES } from '../../limits';

describe('hexRowWindow', () => {
  it('draws every row of a packet shorter than the view', () => {
    expect(hexRowWindow(3, 0, 24 * HEX_ROW_HEIGHT)).toEqual({ first: 0, last: 3 });
  });

  it('draws the rows in view and eight on each side, whatever the packet size', () => {
    const rows = HEX_SHOWN_BYTES / 16;
    const window = hexRowWindow(rows, 1000 * HEX_ROW_HEIGHT, 24 * HEX_ROW_HEIGHT);
    expect(window).toEqual({ first: 992, last: 1032 });
    expect(hexRowWindow(rows, rows * HEX_ROW_HEIGHT, 24 * HEX_ROW_HEIGHT).last).toBe(rows);
  });

  it('draws the last rows when scrolled past the end (a shorter packet chosen), and nothing of no rows', () => {
    expect(hexRowWindow(0, 500, 480)).toEqual({ first: 0, last: 0 });
    expect(hexRowWindow(10, 10_000, 480)).toEqual({ first: 0, last: 10 });
    expect(hexRowWindow(100, 10_000, 480)).toEqual({ first: 68, last: 100 });
  });
});
