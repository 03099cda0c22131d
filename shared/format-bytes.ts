// Sizes as people read them, for the UI and for the engine's messages alike.

const BYTE_UNITS = ['KB', 'MB', 'GB', 'TB'] as const;

/** A size as people read it, in units of 1,024: `512 B`, `1.5 KB`, `23 MB`, `2.0 GB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  let value = bytes / 1024;
  let unit = 0;
  // 1,023.7 KB would read `1024 KB`: it is 1.0 MB.
  while (value >= 1023.95 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${BYTE_UNITS[unit]}`;
}
