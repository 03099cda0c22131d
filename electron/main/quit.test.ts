import { describe, expect, it } from 'vitest';
import { quitAfterDispose } from './quit';

const quitEvent = () => {
  const event = { prevented: false, preventDefault: () => void (event.prevented = true) };
  return event;
};

describe('quitting', () => {
  it('holds the first quit until dispose has settled, then quits once', async () => {
    let finish!: () => void;
    const disposed = new Promise<void>((resolve) => (finish = resolve));
    let quits = 0;
    const onBeforeQuit = quitAfterDispose(() => disposed, () => quits++);
    const first = quitEvent();
    onBeforeQuit(first);
    const again = quitEvent();
    onBeforeQuit(again);
    expect([first.prevented, again.prevented, quits]).toEqual([true, true, 0]);
    finish();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(quits).toBe(1);
    const last = quitEvent();
    onBeforeQuit(last);
    expect(last.prevented).toBe(false);
  });

  it('quits even when dispose fails or never ends', async () => {
    let quits = 0;
    quitAfterDispose(() => Promise.reject(new Error('disk gone')), () => quits++)(quitEvent());
    quitAfterDispose(() => new Promise(() => {}), () => quits++, 50)(quitEvent());
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(quits).toBe(2);
  });
});
