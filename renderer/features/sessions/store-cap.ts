// The trace store's size cap as a person types it: a number of MB or GB (of 1,024), at least
// the engine's floor of 1 MiB.
import { GIB, MIB, TRACE_CAP_MIN_BYTES } from '@shared/limits';

const UNITS = { MB: MIB, GB: GIB } as const;
export type CapUnit = keyof typeof UNITS;

export function shownCap(capBytes: number): { text: string; unit: CapUnit } {
  return capBytes % GIB === 0 ? { text: String(capBytes / GIB), unit: 'GB' } : { text: String(Number((capBytes / MIB).toFixed(2))), unit: 'MB' };
}

/** The cap typed, in bytes, or what is wrong with it. */
export function readCap(text: string, unit: CapUnit): { bytes: number } | { error: string } {
  if (!/^\s*\d+(\.\d+)?\s*$/.test(text)) return { error: 'The size cap is a number, such as 2 or 500' };
  const bytes = Math.round(Number(text) * UNITS[unit]);
  if (bytes < TRACE_CAP_MIN_BYTES) {
    const least = shownCap(TRACE_CAP_MIN_BYTES);
    return { error: `The size cap is at least ${least.text} ${least.unit}` };
  }
  if (bytes > Number.MAX_SAFE_INTEGER) return { error: 'The size cap is too large' };
  return { bytes };
}
