// One clock for every trace: monotonic and sub-millisecond, expressed as epoch milliseconds.
const origin = performance.timeOrigin;

export function traceNow(): number {
  return origin + performance.now();
}
