// `node scripts/busy-machine.mjs [runs] [-- command…]`: runs the test suite (default `npm test`,
// three times) on a machine kept busy on purpose — four CPU hogs (`yes > /dev/null`) and a QoS 0
// flood of 20,000 messages a second through a mosquitto on a loopback port, taken by a
// mosquitto_sub — so a test that waits on the clock instead of an event shows itself. Everything
// it starts stops when the runs end, and the flood never outlives MAX_MINUTES.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mqttPacket from 'mqtt-packet';

const HOGS = 4;
const RATE = 20_000;
const TICK_MS = 10;
const MAX_MINUTES = 120;
const TOPIC = 'busy-machine/flood';

const separator = process.argv.indexOf('--');
const runs = Number(process.argv[2] && process.argv[2] !== '--' ? process.argv[2] : 3);
const command = separator > 0 ? process.argv.slice(separator + 1) : ['npm', 'test'];
const children = [];

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function startChild(program, args, options = {}) {
  const child = spawn(program, args, { stdio: 'ignore', ...options });
  children.push(child);
  return child;
}

function stopAll() {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
}

async function startMosquitto() {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'busy-machine-'));
  const config = path.join(dir, 'mosquitto.conf');
  writeFileSync(config, `listener ${port} 127.0.0.1\nallow_anonymous true\nmax_queued_messages 100000\n`);
  startChild('mosquitto', ['-c', config]);
  for (let attempt = 0; attempt < 200; attempt++) {
    const open = await new Promise((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port }, () => resolve(socket));
      socket.on('error', () => resolve(undefined));
    });
    if (open) return { port, socket: open };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('mosquitto did not start');
}

/** A raw publisher: one pre-encoded PUBLISH written RATE times a second, on a schedule. */
function flood(socket, counter) {
  socket.write(mqttPacket.generate({ cmd: 'connect', clientId: 'busy-machine-flood', clean: true, keepalive: 60, protocolVersion: 4 }));
  socket.on('error', () => {});
  const publish = mqttPacket.generate({ cmd: 'publish', topic: TOPIC, qos: 0, payload: Buffer.from('{"t":21.5,"rh":40,"seq":12345}') });
  const started = performance.now();
  const timer = setInterval(() => {
    const due = Math.floor(((performance.now() - started) / 1000) * RATE);
    // A broker that stops reading makes the flood wait instead of queueing without bound.
    if (due > counter.sent && socket.writableLength < 1 << 20) {
      const count = Math.min(due - counter.sent, RATE);
      socket.write(Buffer.concat(Array(count).fill(publish)));
      counter.sent += count;
    }
  }, TICK_MS);
  return () => {
    clearInterval(timer);
    socket.destroy();
  };
}

/** The command, its output shown as it comes and kept for its closing line; the flood goes on meanwhile. */
function runCommand() {
  return new Promise((resolve) => {
    const child = spawn(command[0], command.slice(1), { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      stdout = (stdout + chunk.toString('utf8')).slice(-64 * 1024);
    });
    child.on('close', (status) => resolve({ status, stdout }));
  });
}

async function main() {
  for (let i = 0; i < HOGS; i++) startChild('sh', ['-c', 'exec yes > /dev/null']);
  const mosquitto = await startMosquitto();
  startChild('mosquitto_sub', ['-h', '127.0.0.1', '-p', String(mosquitto.port), '-t', TOPIC, '-q', '0'], { stdio: ['ignore', 'ignore', 'ignore'] });
  const counter = { sent: 0 };
  const stopFlood = flood(mosquitto.socket, counter);
  const deadline = setTimeout(stopAll, MAX_MINUTES * 60_000);
  deadline.unref();
  console.log(`busy machine: ${HOGS} CPU hogs, a ${RATE.toLocaleString('en-US')} msg/s flood through mosquitto on 127.0.0.1:${mosquitto.port}`);

  const results = [];
  for (let run = 1; run <= runs; run++) {
    const started = Date.now();
    const sentBefore = counter.sent;
    const result = await runCommand();
    const seconds = (Date.now() - started) / 1000;
    const closing = result.stdout.split('\n').filter((line) => /^tests: \d+ passed, \d+ failed/.test(line)).pop() ?? '(no closing line)';
    const rate = Math.round((counter.sent - sentBefore) / seconds);
    results.push(`run ${run}: ${closing}, exit ${result.status}, ${seconds.toFixed(0)} s, flood ${rate.toLocaleString('en-US')} msg/s`);
    console.log(`\n== busy machine ${results.at(-1)}\n`);
  }
  stopFlood();
  stopAll();
  console.log(results.join('\n'));
  process.exit(results.every((line) => / 0 failed, exit 0,/.test(line)) ? 0 : 1);
}

process.on('SIGINT', () => {
  stopAll();
  process.exit(130);
});
main().catch((error) => {
  console.error(error);
  stopAll();
  process.exit(1);
});
