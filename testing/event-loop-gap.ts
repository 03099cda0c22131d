// How long the event loop was held at most while some work ran: a 2 ms ticker notes the longest
// wait between its ticks (a blocked loop delays them all).
export async function longestEventLoopGap<T>(work: () => Promise<T>): Promise<{ result: T; longestGapMs: number }> {
  let longestGapMs = 0;
  let last = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    longestGapMs = Math.max(longestGapMs, now - last);
    last = now;
  }, 2);
  try {
    return { result: await work(), longestGapMs };
  } finally {
    clearInterval(ticker);
  }
}
