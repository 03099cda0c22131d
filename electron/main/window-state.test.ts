import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_SIZE, readWindowState, WINDOW_STATE_FILE, windowStateFrom, writeWindowState } from './window-state';

const primary = { x: 0, y: 0, width: 1920, height: 1080 };
const second = { x: 1920, y: 0, width: 1280, height: 1024 };
const saved = (bounds: object, maximized = false) => JSON.stringify({ version: 1, bounds, maximized });
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('the window state', () => {
  it('gives the default size, centred, when there is no file or it does not read', () => {
    const centred = { x: (1920 - 1280) / 2, y: (1080 - 820) / 2, ...DEFAULT_WINDOW_SIZE };
    for (const text of [undefined, '', '{', 'null', '[]', saved({ x: 1, y: 2, width: 'wide', height: 3 }), saved({ x: 0, y: 0, width: 10, height: 10 }), JSON.stringify({ version: 2, bounds: { x: 0, y: 0, width: 800, height: 600 }, maximized: false })]) {
      expect(windowStateFrom(text, [primary], primary)).toEqual({ bounds: centred, maximized: false });
    }
  });

  it('keeps a place on any display, and recentres one no display shows', () => {
    expect(windowStateFrom(saved({ x: 2000, y: 100, width: 1000, height: 700 }, true), [primary, second], primary)).toEqual({ bounds: { x: 2000, y: 100, width: 1000, height: 700 }, maximized: true });
    // The second display was unplugged.
    expect(windowStateFrom(saved({ x: 2000, y: 100, width: 1000, height: 700 }), [primary], primary).bounds).toEqual({ x: 460, y: 190, width: 1000, height: 700 });
    // Only the bottom edge showing: the title bar cannot be grabbed.
    expect(windowStateFrom(saved({ x: 100, y: -690, width: 1000, height: 700 }), [primary], primary).bounds).toEqual({ x: 460, y: 190, width: 1000, height: 700 });
    // Larger than the display it lands on: shrunk to fit.
    expect(windowStateFrom(saved({ x: 5000, y: 5000, width: 3000, height: 2000 }), [primary], primary).bounds).toEqual({ x: 0, y: 0, width: 1920, height: 1080 });
  });

  it('is written to the data folder and read back', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mqttscope-window-'));
    dirs.push(dir);
    writeWindowState(dir, { bounds: { x: 10.4, y: 20, width: 1000, height: 700 }, maximized: false });
    expect(JSON.parse(readFileSync(path.join(dir, WINDOW_STATE_FILE), 'utf8'))).toEqual({ version: 1, bounds: { x: 10, y: 20, width: 1000, height: 700 }, maximized: false });
    expect(readWindowState(dir, [primary], primary)).toEqual({ bounds: { x: 10, y: 20, width: 1000, height: 700 }, maximized: false });
    writeFileSync(path.join(dir, WINDOW_STATE_FILE), '\u0000garbage');
    expect(readWindowState(dir, [primary], primary).bounds.width).toBe(DEFAULT_WINDOW_SIZE.width);
  });
});
