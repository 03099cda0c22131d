// The trace store's size cap as a person types it: a number of MB or GB (of 1,024), at least
// the engine's floor of 1 MiB.
const MB = 1024 * 1024;
const GB = 1024 * MB;
const UNITS = { MB, GB } as const;
export type CapUnit = keyof typeof UNITS;
/** The engine's floor: 1 MiB. */
const MIN_CAP = MB;

export function shownCap(capBytes: number): { text: string; unit: CapUnit } {
  return capBytes % GB === 0 ? { text: String(capBytes / GB), unit: 'GB' } : { text: String(Number((capBytes / MB).toFixed(2))), unit: 'MB' };
}

/** The cap typed, in bytes, or what is wrong with it. */
export function readCap(text: string, unit: CapUnit): { bytes: number } | { error: string } {
  if (!/^\s*\d+(\.\d+)?\s*$/.test(text)) return { error: 'The size cap is a number, such as 2 or 500' };
  const bytes = Math.round(Number(text) * UNITS[unit]);
  if (bytes < MIN_CAP) return { error: 'The size cap is at least 1 MB' };
  if (bytes > Number.MAX_SAFE_INTEGER) return { error: 'The size cap is too large' };
  return { bytes };
}
