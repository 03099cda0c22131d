// `npm run bench:ui`, second part: a plot of a JSON field over 10,000 messages. A raw publisher
// sends 10,000 JSON readings (eight numeric fields each) at 20,000 a second through mosquitto to
// the app's client; then the topic is typed into the Plot region and, once drawn, seven other
// fields are chosen one after another. The page measures each time from its data being there (the
// engine's answer come, or a field chosen) to uPlot's draw hook: the `plot: data to drawn` measure
// the Plot region keeps (renderer/features/plot/plot-timing.ts). Target: under 200 ms.
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodePacket } from '@shared/mqtt/encode';
import { startWebHostProcess } from '../e2e/support/web-host';
import { startMosquitto } from '../testing/mosquitto';
import { DRAWN_MEASURE } from '../renderer/features/plot/plot-timing';
import { openCdpPage, type CdpPage } from './support/cdp-page';
import { PAGE_HELPERS } from './support/page-helpers';

const MESSAGES = 10_000;
const RATE = 20_000;
const TICK_MS = 5;
const TOPIC = 'plot/line-1';
const FIELDS = ['sensor.temp', 'sensor.hum', 'sensor.pressure', 'sensor.lux', 'sensor.co2', 'battery', 'rssi', 'seq'];
const TARGET_MS = 200;

const reading = (n: number) =>
  JSON.stringify({ sensor: { temp: 20 + Math.sin(n / 200) * 5, hum: 40 + (n % 17), pressure: 1013 - (n % 9) / 10, lux: n % 1000, co2: 400 + (n % 300) }, battery: 100 - n / 1000, rssi: -40 - (n % 30), seq: n, site: 'bench' });

/** The readings, RATE a second, from a raw MQTT client. */
async function publishReadings(port: number): Promise<void> {
  const packets = Array.from({ length: MESSAGES }, (_, n) => Buffer.from(encodePacket({ type: 'PUBLISH', topic: TOPIC, qos: 0, payload: reading(n) })));
  const socket = net.connect({ host: '127.0.0.1', port });
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  socket.write(encodePacket({ type: 'CONNECT', clientId: `plot-bench-publisher-${process.pid}`, clean: true, keepAlive: 60 }));
  await new Promise<void>((resolve) => socket.once('data', () => resolve()));
  const started = performance.now();
  let sent = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(MESSAGES, Math.floor(((performance.now() - started) / 1000) * RATE));
      if (due > sent) {
        socket.write(Buffer.concat(packets.slice(sent, due)));
        sent = due;
      }
      if (sent >= MESSAGES) {
        clearInterval(timer);
        resolve();
      }
    }, TICK_MS);
  });
  await new Promise<void>((resolve) => socket.end(encodePacket({ type: 'DISCONNECT' }), resolve));
}

/** In the page: the Plot region's controls, and the latest drawn measure. */
const PLOT_HELPERS = `
  window.__plot = () => [...document.querySelectorAll('section')].find((section) => section.querySelector('h2')?.textContent === 'Plot');
  window.__plotControl = (label) => {
    const found = [...__plot().querySelectorAll('label')].find((element) => element.textContent.trim() === label);
    return document.getElementById(found.htmlFor);
  };
  window.__drawn = () => performance.getEntriesByName(${JSON.stringify(DRAWN_MEASURE)}).at(-1);
`;

interface Timing {
  /** From the data being there to the chart drawn. */
  dataToDrawnMs: number;
  /** From the action (typing the topic, choosing a field) to the chart drawn. */
  actionToDrawnMs: number;
}

/** Does `action` in the page and waits for the plot's next drawn measure and summary. */
async function timed(page: CdpPage, action: string, summary: string): Promise<Timing> {
  await page.evaluate(`(() => { performance.clearMeasures(${JSON.stringify(DRAWN_MEASURE)}); window.__actionAt = performance.now(); ${action}; })()`);
  await page.waitFor(`__drawn() && __plot().textContent.includes(${JSON.stringify(summary)})`, 60_000);
  return page.evaluate<Timing>(`(() => { const drawn = __drawn(); return { dataToDrawnMs: drawn.duration, actionToDrawnMs: drawn.startTime + drawn.duration - window.__actionAt }; })()`);
}

interface Round {
  first: Timing;
  choices: Timing[];
  chromium: string;
}

async function round(): Promise<Round> {
  // Room for the whole burst however slowly the app reads it (mosquitto drops past 1,000 queued by default).
  const mosquitto = await startMosquitto(mkdtempSync(path.join(tmpdir(), 'mqttscope-bench-plot-')), [], { maxQueuedMessages: 2 * MESSAGES });
  const host = await startWebHostProcess(mkdtempSync(path.join(tmpdir(), 'mqttscope-bench-plot-data-')));
  const page = await openCdpPage(host.url);
  try {
    await page.waitFor(`[...document.querySelectorAll('button')].some((button) => button.textContent === 'Connect' && !button.disabled)`);
    await page.evaluate(PAGE_HELPERS + PLOT_HELPERS);
    await page.evaluate(`(() => {
      __fill('Host', '127.0.0.1'); __fill('Port', '${mosquitto.port}'); __fill('Client ID', 'plot-bench');
      __fill('Subscribe to', '${TOPIC} 0'); __press('Connect');
    })()`);
    await page.waitFor(`[...document.querySelectorAll('[role=row]')].some((row) => row.textContent.includes('SUBACK'))`);
    await publishReadings(mosquitto.port);
    await page.waitFor(`__count() >= ${MESSAGES + 4}`, 60_000).catch(async (error: Error) => {
      throw new Error(`${error.message} (the page shows ${await page.evaluate<number>('__count()')} packets)`);
    });
    await page.evaluate(`__openDrawer('Plot')`);
    // The Plot tab's code (uPlot) comes the first time it is shown.
    await page.waitFor(`!!__plot()`);
    const points = `${MESSAGES.toLocaleString('en-US')} points`;
    const typeTopic = `(() => { const input = __plotControl('Topic'); Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, ${JSON.stringify(TOPIC)}); input.dispatchEvent(new Event('input', { bubbles: true })); })()`;
    const first = await timed(page, typeTopic, points);
    const choices: Timing[] = [];
    for (const field of FIELDS.slice(1)) {
      const choose = `(() => { const select = __plotControl('Value'); select.value = ${JSON.stringify(field)}; select.dispatchEvent(new Event('change', { bubbles: true })); })()`;
      choices.push(await timed(page, choose, points));
    }
    return { first, choices, chromium: page.version };
  } finally {
    await page.close();
    await host.stop();
    await mosquitto.stop();
  }
}

const ROUNDS = Number(process.env.MQTTSCOPE_BENCH_ROUNDS ?? 3);
const ms = (value: number) => `${value.toFixed(0)} ms`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const rounds: Round[] = [];
  for (let index = 0; index < ROUNDS; index++) rounds.push(await round());
  console.log(`\nPlot of a JSON field over ${MESSAGES.toLocaleString('en-US')} messages (${FIELDS.length} numeric fields each), ${rounds[0].chromium}, ${ROUNDS} rounds`);
  rounds.forEach((result, index) => {
    const data = result.choices.map((choice) => choice.dataToDrawnMs);
    console.log(`  round ${index + 1}`);
    console.log(`    topic typed:   answer there → drawn ${ms(result.first.dataToDrawnMs)} (typed → drawn ${ms(result.first.actionToDrawnMs)}, the engine's reading of the payloads included)`);
    console.log(`    field chosen:  chosen → drawn median ${ms(median(data))}, worst ${ms(Math.max(...data))} (${data.length} fields)`);
  });
  const worst = Math.max(...rounds.flatMap((result) => [result.first.dataToDrawnMs, ...result.choices.map((choice) => choice.dataToDrawnMs)]));
  console.log(`  target: data there → drawn under ${TARGET_MS} ms → ${worst < TARGET_MS ? 'met' : 'MISSED'} in every round (worst ${ms(worst)})`);
}

void main();
