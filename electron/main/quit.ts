// Quitting waits for the engine to end its connections (as the person chose: DISCONNECT, or
// dropped so that the wills fire), stop the local broker and proxy and complete the traces —
// bounded, so a peer that never answers cannot keep the app from closing.
export const DISPOSE_TIMEOUT_MS = 10_000;

/** A `before-quit` listener: the first quit is held until dispose settles, then quits again. */
export function quitAfterDispose(dispose: () => Promise<void>, quit: () => void, timeoutMs = DISPOSE_TIMEOUT_MS) {
  let state: 'running' | 'disposing' | 'disposed' = 'running';
  return (event: { preventDefault(): void }): void => {
    if (state === 'disposed') return;
    event.preventDefault();
    if (state === 'disposing') return;
    state = 'disposing';
    let timer: NodeJS.Timeout | undefined;
    const bounded = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    void Promise.race([dispose().catch(() => {}), bounded]).finally(() => {
      clearTimeout(timer);
      state = 'disposed';
      quit();
    });
  };
}
