// `npm run bench`, part three: the embedded broker traced (as the app runs it: the engine's trace
// store recording every connection to disk) and untraced, next to mosquitto, each in a process of
// its own, moving messages from one mqtt.js publisher to one mqtt.js subscriber, QoS 0 and 1.
// Each figure is the median of ROUNDS runs taken in turn; beside each rate, the broker process's
// CPU time per message.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { startMosquitto } from '../testing/mosquitto';
import type { BrokerHostMessage } from './support/broker-host';
import { processCpuMicros } from './support/process-cpu';

const MESSAGES = 50_000;
const ROUNDS = 7;
/** Rounds run first and not counted: until the JIT has compiled the broker's paths, a round runs
 *  at a third of the speed it settles at. */
const WARM_UP_ROUNDS = 2;
const PAYLOAD = 'x'.repeat(32);

interface Broker {
  name: string;
  port: number;
  /** CPU time the broker's process has used, in microseconds. */
  cpuMicros(): Promise<number>;
  stop(): Promise<void>;
}

/** An embedded broker in a child process (dist/node/bench-broker-host.cjs). */
async function hostedBroker(mode: 'traced' | 'untraced'): Promise<Broker> {
  const child: ChildProcess = fork(path.join(__dirname, 'bench-broker-host.cjs'), [mode], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = () => new Promise<BrokerHostMessage>((resolve) => child.once('message', (message) => resolve(message as BrokerHostMessage)));
  const { port } = (await next()) as { port: number };
  return {
    name: `embedded, ${mode}`,
    port,
    cpuMicros: async () => {
      const answer = next();
      child.send('usage');
      const { usage } = (await answer) as { usage: NodeJS.CpuUsage };
      return usage.user + usage.system;
    },
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.send('stop');
      }),
  };
}

async function mosquittoBroker(): Promise<Broker> {
  // mosquitto drops QoS 1 messages past 1,000 queued for a subscriber that falls behind: the
  // burst would never arrive whole. The embedded broker queues without a limit.
  const mosquitto = await startMosquitto(mkdtempSync(path.join(tmpdir(), 'mqttscope-bench-broker-')), [], { maxQueuedMessages: MESSAGES });
  return {
    name: 'mosquitto',
    port: mosquitto.port,
    cpuMicros: async () => processCpuMicros(mosquitto.pid),
    stop: mosquitto.stop,
  };
}

/** Messages per second from publisher to subscriber through the broker, and its CPU µs a message. */
async function run(broker: Broker, qos: 0 | 1, round: number): Promise<{ rate: number; cpuPerMessage: number }> {
  const options = { reconnectPeriod: 0, protocolVersion: 4 as const, clean: true };
  const url = `mqtt://127.0.0.1:${broker.port}`;
  const subscriber = await mqtt.connectAsync(url, { ...options, clientId: `sub-${qos}-${round}` });
  await subscriber.subscribeAsync('bench/flow', { qos });
  const publisher = await mqtt.connectAsync(url, { ...options, clientId: `pub-${qos}-${round}` });
  let received = 0;
  const all = new Promise<void>((resolve) => subscriber.on('message', () => ++received === MESSAGES && resolve()));
  const cpuBefore = await broker.cpuMicros();
  const started = performance.now();
  for (let i = 0; i < MESSAGES; i++) publisher.publish('bench/flow', PAYLOAD, { qos });
  await all;
  const seconds = (performance.now() - started) / 1000;
  const cpu = (await broker.cpuMicros()) - cpuBefore;
  await Promise.all([publisher.endAsync(), subscriber.endAsync()]);
  return { rate: MESSAGES / seconds, cpuPerMessage: cpu / MESSAGES };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];

async function main(): Promise<void> {
  const brokers = [await hostedBroker('traced'), await hostedBroker('untraced'), await mosquittoBroker()];
  try {
    console.log(`\nBrokers, each in its own process: ${MESSAGES} messages of ${PAYLOAD.length} B from one mqtt.js publisher to one subscriber, median of ${ROUNDS} rounds after ${WARM_UP_ROUNDS} to warm up (Node ${process.version})`);
    for (const qos of [0, 1] as const) {
      const results = new Map<Broker, { rate: number; cpuPerMessage: number }[]>(brokers.map((broker) => [broker, []]));
      for (let round = 0; round < WARM_UP_ROUNDS; round++) for (const broker of brokers) await run(broker, qos, -1 - round);
      for (let round = 0; round < ROUNDS; round++) for (const broker of brokers) results.get(broker)!.push(await run(broker, qos, round));
      const [traced, untraced, mosquitto] = brokers.map((broker) => ({ rate: median(results.get(broker)!.map((result) => result.rate)), cpu: median(results.get(broker)!.map((result) => result.cpuPerMessage)) }));
      const figure = (name: string, value: { rate: number; cpu: number }) => `${name} ${(value.rate / 1000).toFixed(1)} k msg/s (${value.cpu.toFixed(1)} µs CPU/msg)`;
      console.log(`  QoS ${qos}: ${figure('embedded traced', traced)}; ${figure('untraced', untraced)}; ${figure('mosquitto', mosquitto)}`);
      console.log(
        `         tracing costs ${((1 - traced.rate / untraced.rate) * 100).toFixed(0)}% of the throughput (${((traced.cpu / untraced.cpu - 1) * 100).toFixed(0)}% more CPU a message); traced / mosquitto ${(traced.rate / mosquitto.rate).toFixed(2)}×`,
      );
    }
  } finally {
    await Promise.all(brokers.map((broker) => broker.stop()));
  }
}

void main();
