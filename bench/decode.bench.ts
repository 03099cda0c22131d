// `npm run bench`: our decoder against mqtt-packet's parser on the same byte streams, in one run.
// Both sides frame the stream themselves from 64 KiB chunks, as they would from a socket.
import mqttPacket from 'mqtt-packet';
import { decode } from '@shared/mqtt/decode';
import type { Field } from '@shared/mqtt/field';
import { MqttFramer } from '@shared/mqtt/framer';
import { summarize } from '@shared/mqtt/summary';
import { handshakeHeavy, smallPublishes, v5WithProperties, type Corpus } from './corpora';

const CHUNK = 64 * 1024;

/** Reads the text a person sees first: topics and the payload as text. */
function readTexts(fields: readonly Field[]): number {
  let read = 1;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    if (field.key === 'mqtt.topic') read += (field.value as string).length;
    else if (field.key === 'mqtt.msg' && field.children) read += (field.children[0].value as string).length;
  }
  return read;
}

function readEveryValue(fields: readonly Field[]): number {
  let read = 0;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    if (field.value !== undefined) read++;
    if (field.children) read += readEveryValue(field.children);
  }
  return read;
}
const SAMPLES = 5;
const SAMPLE_MS = 400;

function unexpectedFrame(): never {
  throw new Error('the corpus is made of whole, valid packets');
}

function chunks(stream: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < stream.length; i += CHUNK) out.push(stream.subarray(i, i + CHUNK));
  return out;
}

/**
 * Runs `pass` (one whole corpus) in SAMPLES rounds of at least SAMPLE_MS each and returns the
 * median rate in passes per second: a 2-core machine's hiccups move the mean, not the median.
 */
function measure(pass: () => number, expected: number): number {
  for (let i = 0; i < 3; i++) if (pass() !== expected) throw new Error(`decoded ${pass()} packets, expected ${expected}`);
  const rates: number[] = [];
  for (let sample = 0; sample < SAMPLES; sample++) {
    let passes = 0;
    const started = performance.now();
    let elapsed = 0;
    while (elapsed < SAMPLE_MS) {
      pass();
      passes++;
      elapsed = performance.now() - started;
    }
    rates.push((passes * 1000) / elapsed);
  }
  return rates.sort((a, b) => a - b)[Math.floor(SAMPLES / 2)];
}

function runCorpus(corpus: Corpus) {
  const pieces = chunks(corpus.stream);
  const level = corpus.protocolVersion;
  const peer = () => {
    let count = 0;
    const parser = mqttPacket.parser({ protocolVersion: level });
    parser.on('packet', () => count++);
    parser.on('error', (error) => {
      throw error;
    });
    for (const piece of pieces) parser.parse(piece);
    return count;
  };
  // The tree with every range, the topic and the payload text read; labels and the payload's
  // hex are made when shown. The second variant reads every value of the tree.
  const full = (read: (fields: readonly Field[]) => number) => () => {
    let count = 0;
    const framer = new MqttFramer();
    const context = { protocolLevel: level };
    const onPacket = (buffer: Uint8Array, start: number, end: number) => {
      if (read(decode(buffer.subarray(start, end), context).fields) > 0) count++;
    };
    for (const piece of pieces) framer.scan(piece, onPacket, unexpectedFrame);
    return count;
  };
  // A packet list reads a topic's text only for the rows on screen; the second variant reads
  // every topic, for the worst case.
  const summary = (readTopics: boolean) => () => {
    let count = 0;
    const framer = new MqttFramer();
    const onPacket = (buffer: Uint8Array, start: number, end: number) => {
      const packet = summarize(buffer, level, start, end);
      if (packet.type > 0 && (!readTopics || packet.topic !== '')) count++;
    };
    for (const piece of pieces) framer.scan(piece, onPacket, unexpectedFrame);
    return count;
  };
  const rates = {
    peer: measure(peer, corpus.packets),
    full: measure(full(readTexts), corpus.packets),
    fullValues: measure(full(readEveryValue), corpus.packets),
    summary: measure(summary(false), corpus.packets),
    summaryTopics: measure(summary(true), corpus.packets),
  };
  const mb = corpus.stream.length / 1e6;
  const row = (name: string, passes: number) =>
    `  ${name.padEnd(30)} ${(passes * corpus.packets / 1e6).toFixed(2).padStart(7)} M packets/s ${(passes * mb).toFixed(0).padStart(6)} MB/s`;
  console.log(`\n${corpus.name}: ${corpus.packets} packets, ${(mb).toFixed(2)} MB`);
  console.log(row('mqtt-packet parser', rates.peer));
  console.log(`${row('MQTT Scope full decode (tree)', rates.full)}   ${(rates.full / rates.peer).toFixed(2)}× mqtt-packet`);
  console.log(`${row('  … reading every value', rates.fullValues)}   ${(rates.fullValues / rates.peer).toFixed(2)}× mqtt-packet`);
  console.log(`${row('MQTT Scope summary decode', rates.summary)}   ${(rates.summary / rates.peer).toFixed(2)}× mqtt-packet`);
  console.log(`${row('  … reading every topic', rates.summaryTopics)}   ${(rates.summaryTopics / rates.peer).toFixed(2)}× mqtt-packet`);
  return {
    name: corpus.name,
    full: rates.full / rates.peer,
    fullValues: rates.fullValues / rates.peer,
    summary: rates.summary / rates.peer,
    summaryTopics: rates.summaryTopics / rates.peer,
  };
}

console.log(`Node ${process.version}; each figure is the median of ${SAMPLES} runs of at least ${SAMPLE_MS} ms, after a warm-up.`);
const results = [smallPublishes(100_000), v5WithProperties(50_000), handshakeHeavy(5_000)].map(runCorpus);
console.log('\nratio to mqtt-packet: full tree (every value) / summary (every topic)');
for (const result of results) {
  const pair = (a: number, b: number) => `${a.toFixed(2)}× (${b.toFixed(2)}×)`;
  console.log(`  ${result.name.padEnd(38)} ${pair(result.full, result.fullValues).padEnd(18)} / ${pair(result.summary, result.summaryTopics)}`);
}
