// 200 clients (mqtt.js, a client we did not write) connect, subscribe and publish QoS 1 to each
// other through the embedded broker, a round every 100 ms for about 10 seconds: nothing is lost,
// and the broker's trace holds every packet. Rounds are counted, not timed, so a busy machine
// makes the test slower, never smaller.
import mqtt from 'mqtt';
import { describe, expect, it } from 'vitest';
import { toTraceEntry, type PacketEntry, type TraceEntry } from '@shared/model/trace';
import { until } from '../../../testing/wait';
import { startAedesBroker } from './aedes-broker';

const CLIENTS = 200;
const ROUNDS = 100;
const EVERY_MS = 100;

describe('embedded broker under load', () => {
  it(`${CLIENTS} clients publishing QoS 1, ${ROUNDS} rounds: every message delivered, every packet traced`, async () => {
    const trace: TraceEntry[] = [];
    const broker = await startAedesBroker({ sink: (entry) => trace.push(toTraceEntry(entry)) });
    const clients = await Promise.all(
      Array.from({ length: CLIENTS }, (_, i) => {
        const client = mqtt.connect(`mqtt://127.0.0.1:${broker.port}`, { clientId: `load-${i}`, clean: true, reconnectPeriod: 0, protocolVersion: 4 });
        return new Promise<mqtt.MqttClient>((resolve, reject) => {
          client.once('connect', () => client.subscribe(`load/${i}`, { qos: 1 }, (error) => (error ? reject(error) : resolve(client))));
          client.once('error', reject);
        });
      }),
    );
    let received = 0;
    clients.forEach((client) => client.on('message', () => received++));
    let published = 0;
    const acknowledged: Promise<unknown>[] = [];
    let rounds = 0;
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (rounds++ === ROUNDS) {
          clearInterval(timer);
          resolve();
          return;
        }
        clients.forEach((client, i) => {
          published++;
          acknowledged.push(client.publishAsync(`load/${(i + 1) % CLIENTS}`, `m${published}`, { qos: 1 }));
        });
      }, EVERY_MS);
    });
    await Promise.all(acknowledged);
    await until(() => received >= published, 60_000, 'every message delivered');
    await Promise.all(clients.map((client) => client.endAsync()));
    await broker.close();

    expect(published).toBe(CLIENTS * ROUNDS);
    expect(received).toBe(published);
    const packets = trace.filter((entry): entry is PacketEntry => entry.kind === 'packet');
    const count = (dir: string, type: string) => packets.filter((entry) => entry.dir === dir && entry.typeName === type).length;
    expect(count('c2s', 'PUBLISH')).toBe(published);
    expect(count('s2c', 'PUBACK')).toBe(published);
    expect(count('s2c', 'PUBLISH')).toBe(published);
    expect(count('c2s', 'PUBACK')).toBe(published);
    expect(count('c2s', 'CONNECT')).toBe(CLIENTS);
    expect(trace.filter((entry) => entry.kind === 'frame-error')).toEqual([]);
  }, 120_000);
});
