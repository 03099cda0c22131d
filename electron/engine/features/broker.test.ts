import { WebSocket } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrokerEvent } from '@shared/model/broker';
import { BrokerFeature } from './broker';

const features: BrokerFeature[] = [];
afterEach(async () => {
  await Promise.all(features.splice(0).map((feature) => feature.stop()));
});

function brokerFeature(events: BrokerEvent[] = []) {
  const feature = new BrokerFeature({
    dataDir: mkdtempSync(path.join(tmpdir(), 'mqttscope-broker-feature-')),
    recorder: { sink: () => {}, onChunk: () => {} },
    emit: (event, payload) => {
      if (event === 'broker.event') events.push(payload as BrokerEvent);
    },
  });
  features.push(feature);
  return feature;
}

describe('the broker feature', () => {
  it('serves MQTT over WebSocket too when broker.start names a port for it, and says which', async () => {
    const feature = brokerFeature();
    const started = await feature.handlers['broker.start']({ kind: 'embedded', port: 0, websocketPort: 0 });
    expect(started).toMatchObject({ kind: 'embedded', host: '127.0.0.1', websocketPort: expect.any(Number) });
    const socket = new WebSocket(`ws://127.0.0.1:${started.websocketPort}/mqtt`, ['mqtt']);
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    socket.close();
    expect(await feature.handlers['broker.start']({ kind: 'embedded', port: 0 }).catch((error: Error) => error.message)).toMatch(/^A local broker is already running/);
  });

  it('a port in use is refused in words and keeps its code (the command line says which flag to change)', async () => {
    const first = await brokerFeature().handlers['broker.start']({ kind: 'embedded', port: 0 });
    const error = await brokerFeature().handlers['broker.start']({ kind: 'embedded', port: first.port }).catch((caught: NodeJS.ErrnoException) => caught);
    expect(error).toMatchObject({ code: 'EADDRINUSE', message: `Port ${first.port} on 127.0.0.1 is already in use; choose another port` });
  });
});
