export function formatDuration(ms: number): string {
  if (ms < 1) return `${(ms * 1000).toFixed(0)} µs`;
  if (ms < 1000) return `${ms.toFixed(1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

/** Time of an entry relative to the start of its connection. */
export function formatOffset(ms: number): string {
  return ms < 0 ? `−${(-ms).toFixed(3)} ms` : `+${ms.toFixed(3)} ms`;
}
