// Waiting in tests for something that will happen, checked often and never longer than a bound.
// The bound only ends a wait that would never finish: wide enough for a busy machine
// (scripts/busy-machine.mjs), never a measure of how fast anything is.
const WAIT_BOUND_MS = 30_000;
export async function until(check: () => boolean, timeoutMs = WAIT_BOUND_MS, what = 'the condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The same for a check that asks (the engine, a file) before it can say. */
export async function untilAsked(check: () => Promise<boolean>, timeoutMs = WAIT_BOUND_MS, what = 'the condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
