// Times as people read them: a span in the unit that suits it (µs, ms, s, min, h), the time of an
// entry since its connection began, the wall clock (to the ms or the µs), and the ticks of a time axis.

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** Minutes and seconds (and hours) of a span of whole seconds: `2 min 03 s`, `1 h 02 min 03 s`. */
function clock(seconds: number, withSeconds = true): string {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (seconds < 60) return `${seconds} s`;
  const tail = withSeconds ? ` ${pad(rest)} s` : '';
  return hours > 0 ? `${hours} h ${pad(minutes)} min${tail}` : `${minutes} min${tail}`;
}

/** A span at the precision of its unit; rounding up into the next unit moves to that unit. */
function span(ms: number, decimals: { ms: number; s: number }): string {
  const us = Math.round(ms * 1000);
  if (us < 1000) return `${us} µs`;
  const inMs = Number(ms.toFixed(decimals.ms));
  if (inMs < 1000) return `${inMs.toFixed(decimals.ms)} ms`;
  const inS = Number((ms / 1000).toFixed(decimals.s));
  if (inS < 60) return `${inS.toFixed(decimals.s)} s`;
  return clock(Math.round(ms / 1000));
}

/** How long something took: `812 µs`, `29.2 ms`, `15.04 s`, `2 min 03 s`. */
export function formatDuration(ms: number): string {
  return span(Math.max(ms, 0), { ms: 1, s: 2 });
}

/** The time of an entry since its connection began: `+812 µs`, `+29.247 ms`, `+15.036 s`, `+2 min 03 s`. */
export function formatOffset(ms: number): string {
  return `${ms < 0 ? '−' : '+'}${span(Math.abs(ms), { ms: 3, s: 3 })}`;
}

/** A date's local date and time to the second: `2026-11-29 10:15:03`. */
const localSeconds = (date: Date): string =>
  `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;

/** The local date and time of an epoch time, to the millisecond: `2026-11-29 10:15:03.123`. */
export function formatWallClock(epochMs: number): string {
  const date = new Date(Math.floor(epochMs));
  return `${localSeconds(date)}.${pad(date.getMilliseconds(), 3)}`;
}

/** The same to the microsecond, rounded (into the next day at midnight): `2026-11-29 10:15:03.123456`. */
export function formatWallClockMicros(epochMs: number): string {
  // Epoch microseconds stay below 2^53 until the year 2255: whole, and exact.
  const micros = Math.round(epochMs * 1000);
  const fraction = micros - Math.floor(micros / 1e6) * 1e6;
  return `${localSeconds(new Date(Math.floor(micros / 1000)))}.${pad(fraction, 6)}`;
}

export interface Tick {
  /** Milliseconds since the axis's 0. */
  ms: number;
  label: string;
}

/** Steps an axis may take, in milliseconds: 1, 2, 5 × a power of ten below a minute, then
 *  whole minutes a clock face would use. */
const MINUTE_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 240, 480, 720, 1440].map((minutes) => minutes * 60_000);

function niceStep(minimum: number): number {
  if (minimum > 30_000) return MINUTE_STEPS.find((step) => step >= minimum) ?? Math.ceil(minimum / 1_440 / 60_000) * 1_440 * 60_000;
  const power = 10 ** Math.floor(Math.log10(minimum));
  for (const factor of [1, 2, 5, 10]) if (factor * power >= minimum - 1e-12) return factor * power;
  return 10 * power;
}

/** A tick's label in the unit the axis's largest value calls for, with the decimals its step needs. */
function tickLabel(ms: number, step: number, largest: number): string {
  if (ms === 0) return '0';
  if (largest >= 60_000 && step >= 1000) return clock(Math.round(ms / 1000), step % 60_000 !== 0);
  const [unit, scale] = largest < 1 ? ['µs', 1000] : largest < 1000 ? ['ms', 1] : ['s', 1 / 1000];
  const decimals = Math.max(0, -Math.floor(Math.log10(step * scale) + 1e-9));
  return `${Number((ms * scale).toFixed(decimals))} ${unit}`;
}

/**
 * Ticks for an axis showing `start`…`end` (milliseconds since 0): round steps, at most
 * `maxTicks` of them, none before 0, each labelled in the unit that suits the axis.
 */
export function axisTicks(start: number, end: number, maxTicks: number): Tick[] {
  const length = end - start;
  if (!(length > 0) || maxTicks < 1) return [];
  const step = niceStep(length / maxTicks);
  const values: number[] = [];
  for (let index = Math.max(0, Math.ceil(start / step - 1e-9)); index * step <= end + 1e-9; index++) values.push(index * step);
  const largest = values.at(-1) ?? 0;
  return values.map((ms) => ({ ms, label: tickLabel(ms, step, largest) }));
}

export { formatBytes } from '@shared/format-bytes';
export { formatCount, formatCountOf } from '@shared/format-count';
