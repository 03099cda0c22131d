// Engines for tests: each with a data folder of its own, what it pushed kept (the latest view of
// each session, and every event in order), disposed after each test of the file that asks.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { EventName, EventPayloads } from '@shared/contract';
import type { SessionUpdate } from '@shared/model/session-view';
import { Engine } from '../electron/engine/engine';

export interface TestEngine {
  instance: Engine;
  /** The latest view pushed of each session. */
  views: Map<string, SessionUpdate>;
  /** Every event pushed, in the order it came. */
  events: { event: EventName; payload: EventPayloads[EventName] }[];
}

/** Call at the top of a test file: returns a maker of engines that are disposed after each test. */
export function testEngines(prefix: string): () => TestEngine {
  const engines: Engine[] = [];
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((engine) => engine.dispose()));
  });
  return () => {
    const views = new Map<string, SessionUpdate>();
    const events: TestEngine['events'] = [];
    const instance = new Engine({
      host: 'web',
      version: 'test',
      dataDir: mkdtempSync(path.join(tmpdir(), `mqttscope-${prefix}-`)),
      emit: <E extends EventName>(event: E, payload: EventPayloads[E]) => {
        if (event === 'trace.update') for (const view of (payload as EventPayloads['trace.update']).sessions) views.set(view.id, view);
        events.push({ event, payload });
      },
    });
    engines.push(instance);
    return { instance, views, events };
  };
}
