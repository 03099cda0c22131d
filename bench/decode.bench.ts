// `npm run bench`: our decoder against mqtt-packet's parser on the same byte streams, in one run.
// Both sides frame the stream themselves from 64 KiB chunks, as they would from a socket.
import mqttPacket from 'mqtt-packet';
import { decode } from '@shared/mqtt/decode';
import { MqttFramer } from '@shared/mqtt/framer';
import { summarize } from '@shared/mqtt/summary';
import { handshakeHeavy, smallPublishes, v5WithProperties, type Corpus } from './corpora';

const CHUNK = 64 * 1024;
const MIN_MS = 1500;

function chunks(stream: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < stream.length; i += CHUNK) out.push(stream.subarray(i, i + CHUNK));
  return out;
}

/** Runs `pass` (one whole corpus) until MIN_MS have gone by; returns passes per second. */
function measure(pass: () => number, expected: number): number {
  for (let i = 0; i < 3; i++) if (pass() !== expected) throw new Error(`decoded ${pass()} packets, expected ${expected}`);
  let passes = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < MIN_MS) {
    pass();
    passes++;
    elapsed = performance.now() - started;
  }
  return (passes * 1000) / elapsed;
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
  const full = () => {
    let count = 0;
    const framer = new MqttFramer();
    for (const piece of pieces) {
      for (const frame of framer.push(piece)) {
        if (frame.kind === 'packet' && decode(frame.bytes, { protocolLevel: level }).fields.length > 0) count++;
      }
    }
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
    const onOther = () => {
      throw new Error('unexpected frame');
    };
    for (const piece of pieces) framer.scan(piece, onPacket, onOther);
    return count;
  };
  const rates = {
    peer: measure(peer, corpus.packets),
    full: measure(full, corpus.packets),
    summary: measure(summary(false), corpus.packets),
    summaryTopics: measure(summary(true), corpus.packets),
  };
  const mb = corpus.stream.length / 1e6;
  const row = (name: string, passes: number) =>
    `  ${name.padEnd(30)} ${(passes * corpus.packets / 1e6).toFixed(2).padStart(7)} M packets/s ${(passes * mb).toFixed(0).padStart(6)} MB/s`;
  console.log(`\n${corpus.name}: ${corpus.packets} packets, ${(mb).toFixed(2)} MB`);
  console.log(row('mqtt-packet parser', rates.peer));
  console.log(`${row('MQTT Scope full decode (tree)', rates.full)}   ${(rates.full / rates.peer).toFixed(2)}× mqtt-packet`);
  console.log(`${row('MQTT Scope summary decode', rates.summary)}   ${(rates.summary / rates.peer).toFixed(2)}× mqtt-packet`);
  console.log(`${row('  … reading every topic', rates.summaryTopics)}   ${(rates.summaryTopics / rates.peer).toFixed(2)}× mqtt-packet`);
  return { name: corpus.name, full: rates.full / rates.peer, summary: rates.summary / rates.peer, summaryTopics: rates.summaryTopics / rates.peer };
}

console.log(`Node ${process.version}; each figure is the mean over at least ${MIN_MS} ms after a warm-up.`);
const results = [smallPublishes(100_000), v5WithProperties(50_000), handshakeHeavy(5_000)].map(runCorpus);
console.log('\nratio to mqtt-packet (full tree / summary / summary reading every topic):');
for (const result of results) {
  console.log(`  ${result.name.padEnd(38)} ${result.full.toFixed(2)}× / ${result.summary.toFixed(2)}× / ${result.summaryTopics.toFixed(2)}×`);
}
