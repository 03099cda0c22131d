// `npm run web`: the browser-mode host as a program. Prints the URL to open, then serves
// until stopped.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveDataDir } from '../engine/data-dir';
import { APP_VERSION } from '../engine/version';
import { isLoopback, startWebHost } from './server';
import { portProblem } from '@shared/limits';

const USAGE = 'usage: npm run web -- [--port N] [--host ADDRESS]';

function fail(message: string): never {
  console.error(`mqttscope web: ${message}\n${USAGE}`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values: { port?: string; host?: string };
  try {
    ({ values } = parseArgs({ options: { port: { type: 'string' }, host: { type: 'string' } }, strict: true }));
  } catch (error) {
    fail((error as Error).message);
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  const portWrong = portProblem(port, '--port', true);
  if (portWrong) fail(`${portWrong}, not "${values.port}"`);
  const host = values.host ?? '127.0.0.1';

  let web;
  try {
    web = await startWebHost({
      host,
      port,
      staticDir: path.join(__dirname, '..', 'renderer'),
      dataDir: resolveDataDir(),
      version: APP_VERSION,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') fail(`port ${port} on ${host} is already in use; choose another with --port`);
    fail(`could not start: ${(error as Error).message}`);
  }
  if (!isLoopback(host)) console.log(`Warning: listening on ${host}, reachable from other machines (the token still guards the API).`);
  console.log(`MQTT Scope (browser mode) is running. Open: ${web.url}`);
  const stop = () => void web.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

// Nothing a client sends may end the host: an error that escaped every handler is logged and
// the host keeps serving the connections that are fine.
process.on('uncaughtException', (error) => console.error(`mqttscope web: kept serving after an unexpected error: ${error.stack ?? error}`));
process.on('unhandledRejection', (reason) => console.error(`mqttscope web: kept serving after an unexpected error: ${(reason as Error)?.stack ?? reason}`));

void main();
