// `npm run bench`, part three: the embedded broker with tracing on and off, next to mosquitto,
// moving messages from one mqtt.js publisher to one mqtt.js subscriber, QoS 0 and 1.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import type { RecordedEntry } from '@shared/model/trace';
import { startAedesBroker } from '../electron/engine/broker/aedes-broker';
import { startMosquitto } from '../testing/mosquitto';

const MESSAGES = 20_000;
const PAYLOAD = 'x'.repeat(32);

/** Messages per second from publisher to subscriber through the broker on `port`. */
async function throughput(port: number, qos: 0 | 1): Promise<number> {
  const options = { reconnectPeriod: 0, protocolVersion: 4 as const, clean: true };
  const subscriber = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { ...options, clientId: `sub-${qos}` });
  await subscriber.subscribeAsync('bench/flow', { qos });
  const publisher = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { ...options, clientId: `pub-${qos}` });
  let received = 0;
  const all = new Promise<void>((resolve) => subscriber.on('message', () => ++received === MESSAGES && resolve()));
  const started = performance.now();
  for (let i = 0; i < MESSAGES; i++) publisher.publish('bench/flow', PAYLOAD, { qos });
  await all;
  const seconds = (performance.now() - started) / 1000;
  await Promise.all([publisher.endAsync(), subscriber.endAsync()]);
  return MESSAGES / seconds;
}

async function main(): Promise<void> {
  const trace: RecordedEntry[] = [];
  const traced = await startAedesBroker({ sink: (entry) => trace.push(entry) });
  const untraced = await startAedesBroker();
  // mosquitto drops QoS 1 messages past 1,000 queued for a subscriber that falls behind: the
  // burst would never arrive whole. The embedded broker queues without a limit.
  const mosquitto = await startMosquitto(mkdtempSync(path.join(tmpdir(), 'mqttscope-bench-broker-')), [], { maxQueuedMessages: MESSAGES });
  try {
    console.log(`\nBrokers, ${MESSAGES} messages of ${PAYLOAD.length} B from one mqtt.js publisher to one subscriber (Node ${process.version})`);
    for (const qos of [0, 1] as const) {
      const rates = {
        traced: await throughput(traced.port, qos),
        untraced: await throughput(untraced.port, qos),
        mosquitto: await throughput(mosquitto.port, qos),
      };
      console.log(
        `  QoS ${qos}: embedded, traced ${(rates.traced / 1000).toFixed(1)} k msg/s; untraced ${(rates.untraced / 1000).toFixed(1)} k msg/s (tracing costs ${((1 - rates.traced / rates.untraced) * 100).toFixed(0)}%); mosquitto ${(rates.mosquitto / 1000).toFixed(1)} k msg/s`,
      );
    }
    console.log(`  (the traced broker recorded ${trace.filter((entry) => entry.kind === 'packet').length} packets)`);
  } finally {
    await Promise.all([traced.close(), untraced.close(), mosquitto.stop()]);
  }
}

void main();
