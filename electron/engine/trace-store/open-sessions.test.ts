// What the Sessions page relies on from the engine: `sessions.list` holds a connection from its
// first entry while it is open, and the first view pushed of it says `open: true` (the page reads
// the list again on that). The engine always did this; issue 21's item 4 was the page's stamp,
// tested in renderer/store/connections-slice.test.ts and e2e/sessions.spec.ts. This pins the
// engine's side so the page's fix keeps something to stand on.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventName, EventPayloads } from '@shared/contract';
import type { SessionUpdate } from '@shared/model/session-view';
import { startMosquitto, type Mosquitto } from '../../../testing/mosquitto';
import { until } from '../../../testing/wait';
import { Engine } from '../engine';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

describe('Sessions and open connections', () => {
  it('lists this app’s connection to an outside broker while it is open, the only session there is, then as closed', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mqttscope-open-sessions-'));
    const mosquitto: Mosquitto = await startMosquitto(dir);
    cleanups.push(() => mosquitto.stop());
    const pushed: SessionUpdate[] = [];
    const engine = new Engine({
      host: 'web',
      version: 'test',
      dataDir: path.join(dir, 'data'),
      emit: <E extends EventName>(event: E, payload: EventPayloads[E]) => {
        if (event === 'trace.update') pushed.push(...(payload as EventPayloads['trace.update']).sessions);
      },
    });
    cleanups.push(() => engine.dispose());
    expect((await engine.handle('sessions.list', {})).sessions).toEqual([]);

    const { connectionId } = await engine.handle('connection.open', { host: mosquitto.host, port: mosquitto.port, protocolVersion: '3.1.1', clientId: 'listed-open', clean: true, keepAlive: 60 });
    await until(() => pushed.some((view) => view.id === connectionId && view.story.connack !== undefined), 'the CONNACK pushed');
    // The first view pushed of it says it is open: what the page reads the list again on.
    expect(pushed.find((view) => view.id === connectionId)).toMatchObject({ open: true });
    expect((await engine.handle('sessions.list', {})).sessions).toEqual([expect.objectContaining({ id: connectionId, clientId: 'listed-open', open: true, outcome: 'Connected' })]);

    await engine.handle('connection.close', { connectionId });
    await until(() => pushed.some((view) => view.id === connectionId && !view.open), 'the end pushed');
    expect((await engine.handle('sessions.list', {})).sessions).toEqual([expect.objectContaining({ id: connectionId, open: false, outcome: 'Closed' })]);
  });
});
