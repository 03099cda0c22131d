// Closing the app pushes each session's last view from what the engine holds: no session is read
// back from its file for it (the views used to be asked after the sessions were let go).
import { describe, expect, it, vi } from 'vitest';
import { testEngines } from '../../testing/test-engine';
import { until } from '../../testing/wait';

const replays = vi.hoisted(() => ({ count: 0 }));

vi.mock('./trace-store/replay', async (importOriginal) => {
  const real = await importOriginal<typeof import('./trace-store/replay')>();
  return {
    ...real,
    replayTraceFile: (...args: Parameters<typeof real.replayTraceFile>) => {
      replays.count++;
      return real.replayTraceFile(...args);
    },
  };
});

const engine = testEngines('dispose-views');

describe('closing the app', () => {
  it('pushes the last view of every session without reading one back from its file', async () => {
    const { instance, views } = engine();
    const broker = await instance.handle('broker.start', { kind: 'embedded', port: 0 });
    const ids: string[] = [];
    for (const clientId of ['a', 'b', 'c', 'd', 'e']) {
      const { connectionId } = await instance.handle('connection.open', { host: '127.0.0.1', port: broker.port, protocolVersion: '3.1.1', clientId, clean: true, keepAlive: 30 });
      ids.push(connectionId);
    }
    await until(() => ids.every((id) => views.get(id)?.story.connack !== undefined), 'five CONNACKs');
    await instance.dispose();
    expect(ids.map((id) => views.get(id)?.open)).toEqual([false, false, false, false, false]);
    expect(replays.count).toBe(0);
  });
});
