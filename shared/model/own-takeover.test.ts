import { describe, expect, it } from 'vitest';
import { encodePacket, type CraftPacket } from '../mqtt/encode';
import { toHex } from '../mqtt/field';
import { ownTakeover, ownTakeoverDiagnosis, type OwnConnection } from './own-takeover';
import { buildSessionStory } from './session-story';
import type { Direction, LifecycleEvent, TraceEntry } from './trace';

/** A connection of this app from its steps: [ms, direction, packet] or [ms, lifecycle event]. */
function own(id: string, steps: Array<[number, Direction, CraftPacket] | [number, LifecycleEvent]>, target = { host: '127.0.0.1', port: 1883 }, level = 4): OwnConnection {
  const entries: TraceEntry[] = steps.map((step, seq) => {
    const base = { connectionId: id, seq, time: 1_000_000 + step[0] };
    if (step.length === 2) return { ...base, kind: 'lifecycle', event: step[1] };
    const [, dir, packet] = step;
    return { ...base, kind: 'packet', dir, hex: toHex(encodePacket({ protocolLevel: level, ...packet })), typeName: packet.type, protocolLevel: level, problemCount: 0 };
  });
  return { story: buildSessionStory(id, entries), ...target, label: `#${id}` };
}

const connect = (clientId: string): CraftPacket => ({ type: 'CONNECT', clientId, clean: true, keepAlive: 60 });
const accepted: CraftPacket = { type: 'CONNACK', code: 0, sessionPresent: false };

describe('ownTakeover', () => {
  const first = own('1', [[0, 'c2s', connect('dev')], [2, 's2c', accepted], [500, { phase: 'closed', by: 'broker' }]]);
  const second = own('2', [[498, 'c2s', connect('dev')], [501, 's2c', accepted]]);

  it('names this app’s connection that came with the same client id just before the broker closed this one', () => {
    expect(ownTakeover(first, [first, second])).toBe(second);
    expect(ownTakeoverDiagnosis(first, second)).toMatchObject({
      layer: 'MQTT',
      title: 'Taken over by this app’s connection “#2” with the same client id',
      detail: expect.stringContaining('client id “dev” to the same broker 2 ms before the broker closed this one'),
    });
  });

  it('knows localhost and 127.0.0.1 are one broker', () => {
    const viaName = { ...second, host: 'localhost' };
    expect(ownTakeover(first, [viaName])).toBe(viaName);
  });

  it('blames no one of its own when nothing of this app fits', () => {
    expect(ownTakeover(first, [first])).toBeUndefined();
    expect(ownTakeover(first, [own('3', [[498, 'c2s', connect('other')]])])).toBeUndefined();
    expect(ownTakeover(first, [{ ...second, port: 1884 }])).toBeUndefined();
    expect(ownTakeover(first, [{ ...second, host: 'broker.example' }])).toBeUndefined();
    // Connected before this one was accepted, or long before the close: not the one that took over.
    expect(ownTakeover(first, [own('4', [[-10, 'c2s', connect('dev')]])])).toBeUndefined();
    expect(ownTakeover(own('5', [[0, 'c2s', connect('dev')], [2, 's2c', accepted], [9_000, { phase: 'closed', by: 'broker' }]]), [own('6', [[100, 'c2s', connect('dev')]])])).toBeUndefined();
    // Closed by the client itself, or refused: nothing was taken over.
    expect(ownTakeover(own('7', [[0, 'c2s', connect('dev')], [2, 's2c', accepted], [500, { phase: 'closed', by: 'client' }]]), [second])).toBeUndefined();
    expect(ownTakeover(own('8', [[0, 'c2s', connect('dev')], [2, 's2c', { type: 'CONNACK', code: 2, sessionPresent: false }], [500, { phase: 'closed', by: 'broker' }]]), [second])).toBeUndefined();
  });

  it('reads an MQTT 5 DISCONNECT Session taken over the same way', () => {
    const v5 = own('9', [[0, 'c2s', connect('dev')], [2, 's2c', accepted], [499, 's2c', { type: 'DISCONNECT', reasonCode: 0x8e }], [500, { phase: 'closed', by: 'broker' }]], undefined, 5);
    const taker = own('10', [[498, 'c2s', connect('dev')]], undefined, 5);
    expect(ownTakeover(v5, [taker])).toBe(taker);
  });

  it('takes the latest fitting connection', () => {
    const earlier = own('11', [[300, 'c2s', connect('dev')]]);
    expect(ownTakeover(first, [earlier, second])).toBe(second);
    expect(ownTakeover(first, [second, earlier])).toBe(second);
  });
});
