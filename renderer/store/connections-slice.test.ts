import { describe, expect, it } from 'vitest';
import { toHex } from '@shared/mqtt';
import { encodePacket } from '@shared/mqtt/encode';
import type { TraceEntry } from '@shared/model/trace';
import { useStore } from './index';

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
