// Each test gets its own data folder, its own browser-mode host and its own brokers.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';
import { startAedesBroker, type AedesBrokerOptions, type RunningBroker } from '../electron/engine/broker/aedes-broker';
import { startMosquitto, type Mosquitto, type MosquittoOptions } from '../testing/mosquitto';
import { ScopePage } from './support/scope-page';
import { startWebHostProcess } from './support/web-host';

interface Fixtures {
  /** The UI, opened in a host whose data folder belongs to this test alone. */
  scope: ScopePage;
  /** Starts a mosquitto broker for this test; stopped when the test ends. */
  mosquitto: (users?: { username: string; password: string }[], options?: MosquittoOptions) => Promise<Mosquitto>;
  /** Starts an embedded Aedes broker for this test; stopped when the test ends. */
  aedes: (options?: AedesBrokerOptions) => Promise<RunningBroker>;
}

export function scratchDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `mqttscope-${prefix}-`));
}

export const test = base.extend<Fixtures>({
  scope: async ({ page }, use) => {
    const host = await startWebHostProcess(scratchDir('data'));
    try {
      const scope = new ScopePage(page);
      await scope.open(host.url);
      await use(scope);
    } finally {
      await host.stop();
    }
  },
  mosquitto: async ({}, use) => {
    const running: Mosquitto[] = [];
    await use(async (users, options) => {
      const broker = await startMosquitto(scratchDir('mosquitto'), users, options);
      running.push(broker);
      return broker;
    });
    await Promise.all(running.map((broker) => broker.stop()));
  },
  aedes: async ({}, use) => {
    const running: RunningBroker[] = [];
    await use(async (options) => {
      const broker = await startAedesBroker(options);
      running.push(broker);
      return broker;
    });
    await Promise.all(running.map((broker) => broker.close()));
  },
});

export { expect } from '@playwright/test';
