import { describe, expect, it } from 'vitest';
import type { ConnectionView } from './connections-slice';
import { useStore } from './index';

const view = (id: string) => ({ id, status: 'closed', version: 0, openedAt: 1, story: { connectionId: id, origin: 'client', phases: [], flows: [] } }) as ConnectionView;

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
});
