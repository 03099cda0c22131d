// Connections as windows onto the engine's traces: the views it pushes, a reloaded page that gets
// its connections back, a past session opened read-only.
import { describe, expect, it } from 'vitest';
import type { EngineApi } from '@shared/contract';
import type { ConnectOptions } from '@shared/model/connect-options';
import { toHex } from '@shared/mqtt';
import { encodePacket } from '@shared/mqtt/encode';
import { buildSessionStory } from '@shared/model/session-story';
import type { SessionSummary } from '@shared/model/session-summary';
import type { SessionUpdate } from '@shared/model/session-view';
import type { TraceEntry } from '@shared/model/trace';
import { useStore } from './index';

const packet = (connectionId: string, seq: number, craft: Parameters<typeof encodePacket>[0], dir: 'c2s' | 's2c'): TraceEntry => ({
  kind: 'packet', connectionId, seq, time: 1000 + seq, dir, hex: toHex(encodePacket(craft)), typeName: craft.type, protocolLevel: 4, problemCount: 0,
});

/** The view the engine would push of these entries. */
function viewOf(id: string, entries: TraceEntry[], open = true): SessionUpdate {
  return { id, origin: 'client', open, startTime: entries[0]?.time ?? 0, lastTime: entries.at(-1)?.time ?? 0, entries: entries.length, rows: entries.filter((entry) => entry.kind !== 'lifecycle').length, typeNames: [], story: buildSessionStory(id, entries) };
}

const handshake = (id: string) => [packet(id, 0, { type: 'CONNECT', clientId: id, clean: true, keepAlive: 60 }, 'c2s'), packet(id, 1, { type: 'CONNACK', code: 0, sessionPresent: false }, 's2c')];

/** An engine that knows these sessions and this app's open connections. */
function fakeEngine(sessions: Record<string, SessionUpdate>, live: { id: string; options: ConnectOptions }[] = []) {
  const asked: string[] = [];
  const api = {
    async request(name: string, params: { id: string }) {
      asked.push(name);
      if (name === 'connections.live') return { connections: live };
      if (name === 'sessions.list') {
        return { sessions: Object.values(sessions).map((view) => ({ id: view.id, origin: view.origin, label: view.id, startTime: view.startTime, packets: view.rows, bytes: 0, outcome: '', open: view.open })), capBytes: 1 << 30, problems: [] };
      }
      if (name === 'sessions.view') {
        if (!sessions[params.id]) throw new Error('No such session');
        return sessions[params.id];
      }
      throw new Error(`unexpected ${name}`);
    },
    on: () => () => {},
  } as unknown as EngineApi;
  return { api, asked };
}

const options: ConnectOptions = { host: '127.0.0.1', port: 1883, protocolVersion: '3.1.1', clientId: 'mine', clean: true, keepAlive: 60 };

describe('connections in the store', () => {
  it('a pushed view makes or updates its connection; its status is read from its story', () => {
    useStore.getState().applyUpdates([viewOf('pushed', handshake('pushed').slice(0, 1))]);
    expect(useStore.getState().connections.pushed).toMatchObject({ status: 'connecting', version: 1, trace: { rows: 1 } });
    const stamp = useStore.getState().recordingsStamp;
    useStore.getState().applyUpdates([viewOf('pushed', handshake('pushed'))]);
    expect(useStore.getState().connections.pushed).toMatchObject({ status: 'connected', version: 2, trace: { rows: 2 } });
    expect(useStore.getState().recordingsStamp).toBe(stamp);
    // Over: the Sessions list is told to read the store again.
    useStore.getState().applyUpdates([viewOf('pushed', handshake('pushed'), false)]);
    expect(useStore.getState().connections.pushed.status).toBe('closed');
    expect(useStore.getState().recordingsStamp).toBe(stamp + 1);
  });

  it('a connection made by Connect, its tab there before its first update, is listed in Sessions while it is open', () => {
    useStore.getState().openConnection('just-opened', options);
    const stamp = useStore.getState().recordingsStamp;
    useStore.getState().applyUpdates([viewOf('just-opened', handshake('just-opened').slice(0, 1))]);
    expect(useStore.getState().recordingsStamp).toBe(stamp + 1);
    useStore.getState().applyUpdates([viewOf('just-opened', handshake('just-opened'))]);
    expect(useStore.getState().recordingsStamp).toBe(stamp + 1);
  });

  it('a dismissed connection that ends still makes the Sessions list read again', () => {
    useStore.getState().applyUpdates([viewOf('dismissed-open', handshake('dismissed-open'))]);
    useStore.getState().dismiss('dismissed-open');
    const stamp = useStore.getState().recordingsStamp;
    useStore.getState().applyUpdates([viewOf('dismissed-open', handshake('dismissed-open'), false)]);
    expect(useStore.getState().connections['dismissed-open']).toBeUndefined();
    expect(useStore.getState().recordingsStamp).toBe(stamp + 1);
  });

  it('keeps only the open sessions it was told of: two hundred that opened and closed leave nothing behind', () => {
    const open = () => Object.keys(useStore.getState().openSessionIds).filter((id) => id.startsWith('churn-')).length;
    const ids = Array.from({ length: 200 }, (_, n) => `churn-${n}`);
    const stamp = useStore.getState().recordingsStamp;
    useStore.getState().applyUpdates(ids.map((id) => viewOf(id, handshake(id).slice(0, 1))));
    expect(open()).toBe(200);
    // Dismissed while open: still counted, its end still reads the list again.
    for (const id of ids) useStore.getState().dismiss(id);
    expect(open()).toBe(200);
    useStore.getState().applyUpdates(ids.map((id) => viewOf(id, handshake(id), false)));
    expect(open()).toBe(0);
    expect(useStore.getState().recordingsStamp).toBe(stamp + 400);
  });

  it('a dismissed connection stays dismissed while the engine still tells of it', () => {
    useStore.getState().applyUpdates([viewOf('gone', handshake('gone'))]);
    useStore.getState().activate('gone');
    useStore.getState().dismiss('gone');
    expect(useStore.getState().connections.gone).toBeUndefined();
    expect(useStore.getState().activeId).toBeUndefined();
    useStore.getState().applyUpdates([viewOf('gone', handshake('gone'))]);
    expect(useStore.getState().connections.gone).toBeUndefined();
  });
});

describe('a page that did not see its connections begin', () => {
  it('reattaches every open connection: this app’s with its options (so Disconnect works), each with its view', async () => {
    const { api } = fakeEngine({ mine: viewOf('mine', handshake('mine')), theirs: { ...viewOf('theirs', handshake('theirs')), origin: 'broker' }, past: viewOf('past', handshake('past'), false) }, [{ id: 'mine', options }]);
    useStore.setState({ api, connections: {}, activeId: undefined, view: 'form', viewChosen: false });
    await useStore.getState().reattach();
    const { connections, activeId, view } = useStore.getState();
    expect(Object.keys(connections).sort()).toEqual(['mine', 'theirs']);
    expect(connections.mine).toMatchObject({ options, status: 'connected', trace: { rows: 2 } });
    expect(connections.theirs.trace?.origin).toBe('broker');
    expect(activeId).toBe('mine');
    expect(view).toBe('connection');
  });

  it('stays on the form the person asked for while it read the open connections', async () => {
    const { api } = fakeEngine({ mine: viewOf('mine', handshake('mine')) }, [{ id: 'mine', options }]);
    useStore.setState({ api, connections: {}, activeId: undefined, view: 'form', viewChosen: false });
    const reading = useStore.getState().reattach();
    useStore.getState().showView('form');
    await reading;
    expect(useStore.getState()).toMatchObject({ activeId: 'mine', view: 'form' });
  });

  it('stays on the form when no connection is open', async () => {
    const { api } = fakeEngine({ past: viewOf('past', handshake('past'), false) });
    useStore.setState({ api, connections: {}, activeId: undefined, view: 'form', viewChosen: false });
    await useStore.getState().reattach();
    expect(useStore.getState().view).toBe('form');
  });

  it('opens a past session read-only, over even when its trace does not say how it ended', async () => {
    const unended = viewOf('crashed', handshake('crashed'), false);
    const { api } = fakeEngine({ crashed: { ...unended, endedUnexpectedly: true } });
    useStore.setState({ api, connections: {}, activeId: undefined });
    const summary: SessionSummary = { id: 'crashed', origin: 'client', label: 'crashed', startTime: 1000, packets: 2, bytes: 100, outcome: 'Ended unexpectedly (the app stopped)', open: false, endedUnexpectedly: true };
    await useStore.getState().openSession(summary);
    const view = useStore.getState().connections.crashed;
    expect(view).toMatchObject({ recorded: summary, status: 'closed', options: undefined, trace: { rows: 2, endedUnexpectedly: true } });
    expect(useStore.getState().activeId).toBe('crashed');
  });
});
