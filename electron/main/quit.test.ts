// Quitting waits for dispose, bounded: on fake timers, so the bound is checked to the millisecond
// and a busy machine cannot make it late.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DISPOSE_TIMEOUT_MS, quitAfterDispose } from './quit';

afterEach(() => vi.useRealTimers());

const quitEvent = () => {
  const event = { prevented: false, preventDefault: () => void (event.prevented = true) };
  return event;
};

/** A quit to hand to quitAfterDispose: counts its calls, and `done` settles at the first. */
function quitter() {
  let resolve!: () => void;
  const counted = { calls: 0, done: new Promise<void>((settle) => (resolve = settle)), quit: () => {} };
  counted.quit = () => {
    counted.calls++;
    resolve();
  };
  return counted;
}

describe('quitting', () => {
  it('holds the first quit until dispose has settled, then quits once', async () => {
    vi.useFakeTimers();
    let finish!: () => void;
    const disposed = new Promise<void>((resolve) => (finish = resolve));
    const app = quitter();
    const onBeforeQuit = quitAfterDispose(() => disposed, app.quit);
    const first = quitEvent();
    onBeforeQuit(first);
    const again = quitEvent();
    onBeforeQuit(again);
    await vi.advanceTimersByTimeAsync(DISPOSE_TIMEOUT_MS - 1);
    expect([first.prevented, again.prevented, app.calls]).toEqual([true, true, 0]);
    finish();
    await app.done;
    expect(app.calls).toBe(1);
    const last = quitEvent();
    onBeforeQuit(last);
    expect(last.prevented).toBe(false);
    await vi.runAllTimersAsync();
    expect(app.calls).toBe(1);
  });

  it('quits when dispose fails', async () => {
    const app = quitter();
    quitAfterDispose(() => Promise.reject(new Error('disk gone')), app.quit)(quitEvent());
    await app.done;
    expect(app.calls).toBe(1);
  });

  it('quits when dispose never ends, at the bound and not before', async () => {
    vi.useFakeTimers();
    const app = quitter();
    quitAfterDispose(() => new Promise(() => {}), app.quit)(quitEvent());
    await vi.advanceTimersByTimeAsync(DISPOSE_TIMEOUT_MS - 1);
    expect(app.calls).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    await app.done;
    expect(app.calls).toBe(1);
  });
});
