import { afterEach, describe, expect, it, vi } from 'vitest';
import { COPIED_SHOWN_MS } from '../ui/useCopy';
import type { ConnectionView } from './connections-slice';
import { useStore } from './index';

const view = (id: string) => ({ id, status: 'closed', version: 0, openedAt: 1, story: { connectionId: id, origin: 'client', phases: [], flows: [] } }) as ConnectionView;

afterEach(() => {
  vi.useRealTimers();
});

describe('the outcome of an action on a connection', () => {
  it('stays with the connection it was about, and goes with its tab', () => {
    useStore.setState({ connections: { a: view('a'), b: view('b') }, actionNotes: {} });
    useStore.getState().setActionNote('a', { text: 'Saved x.pcapng (1 KB).', ok: true });
    expect(useStore.getState().actionNotes).toEqual({ a: { text: 'Saved x.pcapng (1 KB).', ok: true } });
    useStore.getState().activate('b');
    expect(useStore.getState().actionNotes.b).toBeUndefined();

    useStore.getState().dismiss('a');
    expect(useStore.getState().actionNotes).toEqual({});
    // An answer that comes after its tab was closed is not kept.
    useStore.getState().setActionNote('a', { text: 'Saved late.', ok: true });
    expect(useStore.getState().actionNotes).toEqual({});
  });

  it('a Copy during a Save says Copied without ending the save; Copied goes after 4 s, what the save came to stays', () => {
    vi.useFakeTimers();
    useStore.setState({ connections: { a: view('a') }, actionNotes: {}, savingIds: {} });
    const notes = () => useStore.getState().actionNotes;
    const saving = () => useStore.getState().savingIds.a === true;
    useStore.getState().startSaving('a');
    expect(saving()).toBe(true);
    expect(notes().a).toBeUndefined();

    const copied = { text: 'Copied the mosquitto_sub command.', ok: true, fleeting: true };
    useStore.getState().setActionNote('a', copied);
    expect(notes().a).toEqual(copied);
    // Save stays busy: the note is only words.
    expect(saving()).toBe(true);
    vi.advanceTimersByTime(COPIED_SHOWN_MS - 1);
    expect(notes().a).toEqual(copied);
    vi.advanceTimersByTime(1);
    expect(notes().a).toBeUndefined();
    expect(saving()).toBe(true);

    useStore.getState().endSaving('a', { text: 'Saved x.pcapng (1 KB).', ok: true });
    expect(saving()).toBe(false);
    vi.advanceTimersByTime(10 * COPIED_SHOWN_MS);
    expect(notes().a).toEqual({ text: 'Saved x.pcapng (1 KB).', ok: true });

    // A copy that failed stays; an older Copied's timer does not take a newer note away.
    useStore.getState().setActionNote('a', copied);
    vi.advanceTimersByTime(COPIED_SHOWN_MS / 2);
    const failed = { text: 'Could not copy the mosquitto_pub command: no clipboard', ok: false, fleeting: true };
    useStore.getState().setActionNote('a', failed);
    vi.advanceTimersByTime(10 * COPIED_SHOWN_MS);
    expect(notes().a).toEqual(failed);

    // A tab closed during its save: nothing of it is kept.
    useStore.getState().startSaving('a');
    useStore.getState().dismiss('a');
    expect(useStore.getState().savingIds).toEqual({});
  });
});
