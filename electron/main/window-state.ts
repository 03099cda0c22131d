// The main window's size and place, kept in the data folder between runs. A file that does not
// read gives the defaults; a place no display shows any more (a monitor unplugged) is recentred
// on the primary display, so the window never opens out of sight.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { MAX_SIDE } from '../engine/limits';

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Bounds;
  maximized: boolean;
}

export const WINDOW_STATE_FILE = 'window-state.json';
export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 820 };
/** Of the window's title bar, this much must be on a display for the place to be kept. */
const VISIBLE_EDGE = { width: 120, height: 40 };

const side = z.number().int().min(100).max(MAX_SIDE);
const coordinate = z.number().int().min(-MAX_SIDE).max(MAX_SIDE);
const stateSchema = z.object({
  version: z.literal(1),
  bounds: z.object({ x: coordinate, y: coordinate, width: side, height: side }),
  maximized: z.boolean(),
});

function centred(size: { width: number; height: number }, area: Bounds): Bounds {
  const width = Math.min(size.width, area.width);
  const height = Math.min(size.height, area.height);
  return { x: Math.round(area.x + (area.width - width) / 2), y: Math.round(area.y + (area.height - height) / 2), width, height };
}

function overlap(a: Bounds, b: Bounds): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/** Whether enough of the window's top edge is on one of the work areas to grab it. */
function reachable(bounds: Bounds, workAreas: readonly Bounds[]): boolean {
  const titleBar = { ...bounds, height: VISIBLE_EDGE.height };
  return workAreas.some((area) => {
    const shared = overlap(titleBar, area);
    return shared.width >= Math.min(VISIBLE_EDGE.width, bounds.width) && shared.height >= VISIBLE_EDGE.height / 2;
  });
}

export function windowStateFrom(text: string | undefined, workAreas: readonly Bounds[], primary: Bounds): WindowState {
  let saved: z.infer<typeof stateSchema> | undefined;
  try {
    saved = text === undefined ? undefined : stateSchema.parse(JSON.parse(text));
  } catch {
    saved = undefined;
  }
  if (!saved) return { bounds: centred(DEFAULT_WINDOW_SIZE, primary), maximized: false };
  const bounds = reachable(saved.bounds, workAreas) ? saved.bounds : centred(saved.bounds, primary);
  return { bounds, maximized: saved.maximized };
}

export function readWindowState(dataDir: string, workAreas: readonly Bounds[], primary: Bounds): WindowState {
  let text: string | undefined;
  try {
    text = readFileSync(path.join(dataDir, WINDOW_STATE_FILE), 'utf8');
  } catch {
    text = undefined;
  }
  return windowStateFrom(text, workAreas, primary);
}

/** Written when the window closes, synchronously: the app may be about to exit. A temporary
 *  file renamed over the old one, so a crash never leaves half a file. */
export function writeWindowState(dataDir: string, state: WindowState): void {
  const file = path.join(dataDir, WINDOW_STATE_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(temp, `${JSON.stringify({ version: 1, ...state, bounds: roundBounds(state.bounds) })}\n`, { mode: 0o600 });
  renameSync(temp, file);
}

function roundBounds({ x, y, width, height }: Bounds): Bounds {
  return { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) };
}
