import { describe, expect, it, vi } from 'vitest';
import type { EngineApi } from '@shared/contract';
import type { ConnectOptions } from '@shared/model/connect-options';
import { toHex } from '@shared/mqtt';
import { encodePacket } from '@shared/mqtt/encode';
import type { TraceEntry } from '@shared/model/trace';
import { BACKFILL_PAGE } from './connections-slice';
import { useStore } from './index';
import { TraceLog } from './trace-log';

const packet = (connectionId: string, seq: number, craft: Parameters<typeof encodePacket>[0], dir: 'c2s' | 's2c'): TraceEntry => ({
  kind: 'packet', connectionId, seq, time: 1000 + seq, dir, hex: toHex(encodePacket(craft)), typeName: craft.type, protocolLevel: 4, problemCount: 0,
});

describe('connections in the store', () => {
  it('takes entries in as they arrive and redraws only when published', () => {
    const store = useStore;
    store.getState().ingestTrace([
      { kind: 'lifecycle', connectionId: 'b', seq: 0, time: 999, event: { phase: 'accepted', by: 'broker', clientAddress: '127.0.0.1:5000' } },
      packet('b', 1, { type: 'CONNECT', clientId: 'dev', clean: true, keepAlive: 30 }, 'c2s'),
    ]);
    const created = store.getState().connections.b;
    expect(created.version).toBe(0);
    expect(created.log.rows).toHaveLength(1);

    store.getState().ingestTrace([packet('b', 2, { type: 'CONNACK', code: 0, sessionPresent: false }, 's2c')]);
    expect(store.getState().connections.b).toBe(created);
    expect(created.log.rows).toHaveLength(2);

    store.getState().publishTrace();
    const drawn = store.getState().connections.b;
    expect(drawn).not.toBe(created);
    expect(drawn).toMatchObject({ version: 1, status: 'connected', story: { origin: 'broker', peerAddress: '127.0.0.1:5000', connect: { clientId: 'dev' } } });

    store.getState().publishTrace();
    expect(store.getState().connections.b).toBe(drawn);
  });

  it('forgets a dismissed connection', () => {
    useStore.getState().appendTrace([packet('gone', 0, { type: 'CONNECT', clientId: 'x', clean: true, keepAlive: 0 }, 'c2s')]);
    useStore.getState().activate('gone');
    useStore.getState().dismiss('gone');
    expect(useStore.getState().connections.gone).toBeUndefined();
    expect(useStore.getState().activeId).toBeUndefined();
  });
});

/** An engine whose trace store holds `recorded` entries per session; `during` runs while a
 *  `sessions.entries` request is under way (live batches arriving meanwhile). */
function fakeEngine(recorded: Record<string, TraceEntry[]>, live: { id: string; options: ConnectOptions }[] = [], during?: (from: number) => void) {
  const asked: { id: string; from: number; count: number }[] = [];
  const api = {
    async request(name: string, params: { id: string; from: number; count: number }) {
      if (name === 'connections.live') return { connections: live };
      if (name === 'sessions.list') {
        return { sessions: Object.keys(recorded).map((id, index) => ({ id, origin: 'client', label: id, startTime: 1000 + index, packets: 0, bytes: 0, outcome: 'Connected', open: true })), capBytes: 1 << 30, problems: [] };
      }
      if (name !== 'sessions.entries') throw new Error(`unexpected ${name}`);
      asked.push(params);
      const all = recorded[params.id];
      if (!all) throw new Error('No such session');
      during?.(params.from);
      await Promise.resolve();
      return { entries: all.slice(params.from, params.from + params.count).map((entry) => ({ ...entry })), total: all.length, open: true };
    },
    on: () => () => {},
  } as unknown as EngineApi;
  return { api, asked };
}

const publishes = (id: string, count: number, from = 0): TraceEntry[] =>
  Array.from({ length: count }, (_, index) => packet(id, from + index, { type: 'PINGREQ' }, 'c2s'));

describe('a connection the page did not see begin', () => {
  it('takes each seq once, in order: duplicates dropped, entries past a gap held until it is filled', () => {
    const log = new TraceLog('t');
    const all = publishes('t', 6);
    log.append([all[3], all[4]]);
    expect(log.entries).toHaveLength(0);
    expect(log.hasGap).toBe(true);
    log.append([all[0], all[1], all[1]]);
    expect(log.entries.map((entry) => entry.seq)).toEqual([0, 1]);
    log.append([all[2]]);
    expect(log.entries.map((entry) => entry.seq)).toEqual([0, 1, 2, 3, 4]);
    expect(log.hasGap).toBe(false);
    log.append([all[3], all[5], all[5]]);
    expect(log.entries.map((entry) => entry.seq)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(log.rows).toHaveLength(6);
    expect(log.clientRowsBefore.at(-1)).toBe(6);
  });

  it('takes what waits when the gap cannot be filled', () => {
    const log = new TraceLog('g');
    const all = publishes('g', 5);
    log.append([all[2], all[4]]);
    log.acceptGap();
    expect(log.entries.map((entry) => entry.seq)).toEqual([2, 4]);
    expect(log.bySeq(4)).toBe(all[4]);
    log.append([all[3], all[4], all[0]]);
    expect(log.entries.map((entry) => entry.seq)).toEqual([2, 4]);
  });

  it('reattaches an open connection with its options and its whole trace, live batches arriving before and during the backfill', async () => {
    const id = 'reattached';
    const trace = publishes(id, 12_000);
    const options = { host: '127.0.0.1', port: 1883, clientId: 'again' } as ConnectOptions;
    // Live batches: one before the backfill starts, and more while the pages are read; some
    // overlap what the pages bring.
    const { api, asked } = fakeEngine({ [id]: trace }, [{ id, options }], (from) => {
      if (from === 0) useStore.getState().ingestTrace(trace.slice(4_990, 5_010).map((entry) => ({ ...entry })));
      if (from === 5_000) useStore.getState().ingestTrace(trace.slice(11_990).map((entry) => ({ ...entry })));
    });
    useStore.getState().setApi(api);
    useStore.getState().ingestTrace([{ ...trace[11_000] }]);
    await useStore.getState().reattach();
    await vi.waitFor(() => expect(useStore.getState().connections[id].log.nextSeq).toBe(12_000));

    const view = useStore.getState().connections[id];
    expect(view.options).toEqual(options);
    expect(view.log.entries.map((entry) => entry.seq)).toEqual(trace.map((entry) => entry.seq));
    expect(view.log.hasGap).toBe(false);
    expect(view.log.rows).toHaveLength(12_000);
    expect(view.version).toBeGreaterThan(0);
    // Pages of BACKFILL_PAGE, from where the log stands.
    expect(asked.filter((request) => request.id === id).every((request) => request.count === BACKFILL_PAGE)).toBe(true);
    expect(asked[0]).toMatchObject({ id, from: 0 });

    // Live entries after the backfill join at the end; a repeat is ignored.
    useStore.getState().appendTrace([packet(id, 12_000, { type: 'PINGRESP' }, 's2c'), { ...trace[5] }]);
    expect(useStore.getState().connections[id].log.entries).toHaveLength(12_001);
  });

  it('reads a lost batch back from the store', async () => {
    const id = 'lost-batch';
    const trace = publishes(id, 30);
    const { api } = fakeEngine({ [id]: trace });
    useStore.getState().setApi(api);
    useStore.getState().appendTrace(trace.slice(0, 10));
    useStore.getState().appendTrace(trace.slice(20, 30));
    await vi.waitFor(() => expect(useStore.getState().connections[id].log.nextSeq).toBe(30));
    expect(useStore.getState().connections[id].log.entries.map((entry) => entry.seq)).toEqual(trace.map((entry) => entry.seq));
  });

  it('keeps what came live when the store does not have the connection', async () => {
    const id = 'unrecorded';
    const { api } = fakeEngine({});
    useStore.getState().setApi(api);
    useStore.getState().appendTrace(publishes(id, 3, 7));
    await vi.waitFor(() => expect(useStore.getState().connections[id].log.entries).toHaveLength(3));
    expect(useStore.getState().connections[id].log.hasGap).toBe(false);
  });

  it('opens a past session read-only, closed even when its trace does not end', async () => {
    const id = 'past';
    const trace = publishes(id, 7);
    const { api } = fakeEngine({ [id]: trace });
    useStore.getState().setApi(api);
    await useStore.getState().openSession({ id, origin: 'client', label: 'old', startTime: 1, packets: 7, bytes: 100, outcome: 'Ended unexpectedly (the app stopped)', open: false, endedUnexpectedly: true });
    const view = useStore.getState().connections[id];
    expect(useStore.getState().activeId).toBe(id);
    expect(view.log.entries).toHaveLength(7);
    expect(view.options).toBeUndefined();
    expect(view.recorded?.endedUnexpectedly).toBe(true);
    expect(view.status).toBe('closed');
  });
});
