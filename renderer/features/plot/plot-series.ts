// What a plot draws of a topic's messages: x the time in seconds (uPlot's time axis), y the
// payload read as a number or a JSON field chosen by path, and how many messages gave no number
// and why. The paths to choose from are the numeric ones of the newest messages.
import type { TopicPayload } from '@shared/model/topics';
import { formatCount } from '@shared/format-count';
import { MISSING, numericPaths, parsePath, valueAt } from './json-path';
import { MAX_NUMERIC_PATHS } from '../../limits';

export interface Series {
  x: Float64Array;
  y: Float64Array;
  /** A payload, or the value at the path, that is not a number. */
  notNumbers: number;
  /** A payload without the path (not JSON, or JSON without it). */
  missing: number;
  /** A PUBLISH too long for the engine to read its payload (TopicPayload.long). */
  unread: number;
}

/** Newest messages whose numeric paths are offered. */
export const NEWEST_LOOKED_AT = 20;

/** A plain decimal number as a payload holds one: `51.0`, `-3`, `1e3` (space around it allowed). */
const PLAIN_NUMBER = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

export function plainNumber(text: string): number | undefined {
  if (!PLAIN_NUMBER.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** JSON that can hold a path: an object or an array (saves a throw for every plain payload). */
function parseContainer(text: string): unknown {
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return MISSING;
  try {
    return JSON.parse(text);
  } catch {
    return MISSING;
  }
}

/** The series of these messages (oldest first): the payload as a number, or the field at `path`. */
export function seriesOf(messages: readonly TopicPayload[], path?: string): Series {
  const steps = path === undefined ? undefined : parsePath(path);
  const x = new Float64Array(messages.length);
  const y = new Float64Array(messages.length);
  let points = 0;
  let notNumbers = 0;
  let missing = 0;
  let unread = 0;
  for (const message of messages) {
    if (message.long) {
      unread++;
      continue;
    }
    let value: number | undefined;
    if (path === undefined) {
      value = message.text === undefined ? undefined : plainNumber(message.text);
      if (value === undefined) notNumbers++;
    } else {
      const found = message.text === undefined || !steps ? MISSING : valueAt(parseContainer(message.text), steps);
      if (found === MISSING) missing++;
      else if (typeof found === 'number' && Number.isFinite(found)) value = found;
      else notNumbers++;
    }
    if (value === undefined) continue;
    x[points] = message.time / 1000;
    y[points] = value;
    points++;
  }
  return { x: x.slice(0, points), y: y.slice(0, points), notNumbers, missing, unread };
}

/** Series of consecutive runs of messages, as one. */
export function joinSeries(parts: readonly Series[]): Series {
  const points = parts.reduce((sum, part) => sum + part.x.length, 0);
  const joined: Series = { x: new Float64Array(points), y: new Float64Array(points), notNumbers: 0, missing: 0, unread: 0 };
  let at = 0;
  for (const part of parts) {
    joined.x.set(part.x, at);
    joined.y.set(part.y, at);
    at += part.x.length;
    joined.notNumbers += part.notNumbers;
    joined.missing += part.missing;
    joined.unread += part.unread;
  }
  return joined;
}

// Held blocks never change (new messages make new blocks), so a block's series is computed once
// per path: a plot kept up to date reads only the messages that came since.
const blockSeries = new WeakMap<readonly TopicPayload[], Map<string | undefined, Series>>();

export function seriesOfBlocks(blocks: readonly (readonly TopicPayload[])[], path?: string): Series {
  return joinSeries(
    blocks.map((block) => {
      let byPath = blockSeries.get(block);
      if (!byPath) blockSeries.set(block, (byPath = new Map()));
      let series = byPath.get(path);
      if (!series) byPath.set(path, (series = seriesOf(block, path)));
      return series;
    }),
  );
}

/** The numeric paths of the newest messages (newest first), the newest message's first. */
export function pathChoices(newestFirst: readonly TopicPayload[]): string[] {
  const paths = new Set<string>();
  for (const message of newestFirst.slice(0, NEWEST_LOOKED_AT)) {
    if (message.text === undefined) continue;
    const value = parseContainer(message.text);
    if (value === MISSING) continue;
    for (const path of numericPaths(value)) if (paths.size < MAX_NUMERIC_PATHS) paths.add(path);
  }
  return [...paths];
}

/** What to plot before the person chooses: the payload when the newest is a number, else the first numeric path. */
export function firstChoice(newestFirst: readonly TopicPayload[]): string | undefined {
  const newest = newestFirst.find((message) => message.text !== undefined);
  if (!newest || plainNumber(newest.text!) !== undefined) return undefined;
  return pathChoices([newest])[0];
}

/** `1,200 points, 3 messages skipped (2 not numbers, 1 without temp)`. */
export function describeSeries(series: Series, path?: string): string {
  const points = series.x.length;
  const skipped = series.notNumbers + series.missing + series.unread;
  const head = `${formatCount(points)} ${points === 1 ? 'point' : 'points'}`;
  if (skipped === 0) return `${head}, no message skipped`;
  const reasons = [
    series.notNumbers > 0 ? `${formatCount(series.notNumbers)} ${series.notNumbers === 1 ? 'not a number' : 'not numbers'}` : '',
    series.missing > 0 ? `${formatCount(series.missing)} without ${path}` : '',
    series.unread > 0 ? `${formatCount(series.unread)} too long to read` : '',
  ].filter(Boolean);
  const why = reasons.length === 1 && series.notNumbers === skipped ? (skipped === 1 ? 'not a number' : 'not numbers') : reasons.join(', ');
  return `${head}, ${formatCount(skipped)} ${skipped === 1 ? 'message' : 'messages'} skipped (${why})`;
}
