// Waiting in tests for something that will happen, checked often and never longer than a bound.
// The bound only ends a wait that would never finish: wide enough for a busy machine
// (scripts/busy-machine.mjs), never a measure of how fast anything is.
const WAIT_BOUND_MS = 30_000;
/** `until(check, 'what')` waits within the wide bound; a number in its place is another bound. */
function boundOf(bound: number | string, what: string): { timeoutMs: number; what: string } {
  return typeof bound === 'string' ? { timeoutMs: WAIT_BOUND_MS, what: bound } : { timeoutMs: bound, what };
}

export async function until(check: () => boolean, bound: number | string = WAIT_BOUND_MS, named = 'the condition'): Promise<void> {
  const { timeoutMs, what } = boundOf(bound, named);
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The same for a check that asks (the engine, a file) before it can say. */
export async function untilAsked(check: () => Promise<boolean>, bound: number | string = WAIT_BOUND_MS, named = 'the condition'): Promise<void> {
  const { timeoutMs, what } = boundOf(bound, named);
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
