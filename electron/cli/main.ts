// `mqttscope`: the command line over the same engine and dissector as the app.
import { parseArgs } from 'node:util';
import { PROTOCOL_LEVELS, type ProtocolVersion } from '@shared/mqtt';
import { APP_VERSION } from '../engine/version';
import { runConnect } from './connect-command';
import { CONNECT_USAGE, parseConnectCommand, UsageError } from './connect-options';
import { decodeCommand } from './decode-command';
import { PROXY_USAGE, runProxy } from './proxy-command';
import { BROKER_USAGE, runBroker } from './broker-command';
import { standardOutput } from './line-writer';
import { OPEN_USAGE, runOpen } from './open-command';
import { EXPORT_USAGE, runExport } from './export-command';
import { LAB_USAGE, runLabCommand } from './lab-command';
import { CAPTURE_USAGE, runCapture } from './capture-command';

const USAGE = `mqttscope ${APP_VERSION} — MQTT at the byte level

usage:
  mqttscope decode HEX…                 decode packets given as hex; one JSON object per packet
  mqttscope decode --stream             read {"dir":"c2s"|"s2c","hex":"…"} lines of one connection
    --protocol 3.1|3.1.1|5              the version until a CONNECT says otherwise (default 3.1.1)

${CONNECT_USAGE}

${PROXY_USAGE}

${BROKER_USAGE}

${OPEN_USAGE}

${EXPORT_USAGE}

${LAB_USAGE}

${CAPTURE_USAGE}`;

const out = standardOutput();
const err = (line: string) => process.stderr.write(`${line}\n`);

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    out(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command === '--version') {
    out(APP_VERSION);
    return 0;
  }
  if (command === 'connect') {
    if (rest.includes('--help')) {
      out(CONNECT_USAGE);
      return 0;
    }
    try {
      return await runConnect(parseConnectCommand(rest), out);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      err(`mqttscope connect: ${error.message}\n\n${CONNECT_USAGE}`);
      return 2;
    }
  }
  const followers = { lab: { usage: LAB_USAGE, run: runLabCommand }, capture: { usage: CAPTURE_USAGE, run: runCapture } } as const;
  if (command === 'lab' || command === 'capture') {
    const { usage, run } = followers[command];
    if (rest.includes('--help')) {
      out(usage);
      return 0;
    }
    try {
      return await run(rest, out);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      err(`mqttscope ${command}: ${error.message}\n\n${usage}`);
      return 2;
    }
  }
  const files = { open: { usage: OPEN_USAGE, run: runOpen }, export: { usage: EXPORT_USAGE, run: runExport } } as const;
  if (command === 'open' || command === 'export') {
    const { usage, run } = files[command];
    if (rest.includes('--help')) {
      out(usage);
      return 0;
    }
    try {
      return await run(rest, out, err);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      err(`mqttscope ${command}: ${error.message}\n\n${usage}`);
      return 2;
    }
  }
  const servers = { proxy: { usage: PROXY_USAGE, run: runProxy, flag: '--listen' }, broker: { usage: BROKER_USAGE, run: runBroker, flag: '--port' } } as const;
  if (command === 'proxy' || command === 'broker') {
    const server = servers[command];
    if (rest.includes('--help')) {
      out(server.usage);
      return 0;
    }
    try {
      return await server.run(rest, out);
    } catch (error) {
      const busy = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
      if (!(error instanceof UsageError) && !busy) throw error;
      err(`mqttscope ${command}: ${busy ? `that address is already in use; choose another with ${server.flag}` : (error as Error).message}\n\n${server.usage}`);
      return 2;
    }
  }
  if (command !== 'decode') {
    err(`mqttscope: unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, allowPositionals: true, options: { stream: { type: 'boolean', default: false }, protocol: { type: 'string' } } });
  } catch (error) {
    err(`mqttscope decode: ${(error as Error).message}`);
    return 2;
  }
  const protocol = parsed.values.protocol;
  if (protocol !== undefined && !(protocol in PROTOCOL_LEVELS)) {
    err(`mqttscope decode: --protocol must be 3.1, 3.1.1 or 5, not "${protocol}"`);
    return 2;
  }
  return decodeCommand(
    {
      stream: parsed.values.stream ?? false,
      hex: parsed.positionals,
      protocolLevel: protocol === undefined ? undefined : PROTOCOL_LEVELS[protocol as ProtocolVersion],
    },
    out,
    err,
  );
}

// A reader that stops early (`| head`) is not an error; no other output error ends the program.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  err(`mqttscope: standard output failed (${error.code ?? error.message}); going on without it`);
});

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: Error) => {
    err(`mqttscope: ${error.message}`);
    process.exitCode = 1;
  },
);
