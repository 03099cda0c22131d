// `mqttscope proxy --listen HOST:PORT --target HOST:PORT [--json]`: the recording proxy as a
// program. Prints where it listens, then every client connection's trace as it happens. Its flags
// are proxy.start's parameters, checked by its schema, and the proxy is the engine's.
import { parseArgs } from 'node:util';
import { ProxyFeature } from '../engine/features/proxy';
import { requestFromFlags } from './request-params';
import { ServerPrinter } from './server-printer';
import { savedOrFailed } from './save-flag';
import { UsageError } from './usage-error';

export const PROXY_USAGE = `mqttscope proxy --target HOST:PORT [--listen HOST:PORT] [--save FILE] [--json]
  --target HOST:PORT           the broker to forward to
  --listen HOST:PORT           where clients connect (default 127.0.0.1:1884; port 0 picks one)
  --save FILE                  write every connection's trace to FILE (open it with mqttscope open)
  --json                       JSON lines, each with the connection's id`;

/** HOST:PORT as written; the schema says which hosts and ports it takes. */
function hostPort(text: string | undefined, flag: string, fallback?: { host: string; port: number }): { host: string; port: number } {
  if (text === undefined) {
    if (fallback) return fallback;
    throw new UsageError(`${flag} HOST:PORT is required`);
  }
  const match = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(text);
  if (!match) throw new UsageError(`${flag} must be HOST:PORT, not "${text}"`);
  return { host: match[1].replace(/^\[|\]$/g, ''), port: Number(match[2]) };
}

export async function runProxy(args: string[], out: (line: string) => void): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { listen: { type: 'string' }, target: { type: 'string' }, save: { type: 'string' }, json: { type: 'boolean' } } }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const target = hostPort(values.target, '--target');
  const listen = hostPort(values.listen, '--listen', { host: '127.0.0.1', port: 1884 });
  const listenWords = `--listen must be HOST:PORT, not "${values.listen}"`;
  const targetWords = `--target must be HOST:PORT, not "${values.target}"`;
  const start = requestFromFlags(
    'proxy.start',
    { listenHost: listen.host, listenPort: listen.port, targetHost: target.host, targetPort: target.port },
    { listenHost: listenWords, listenPort: listenWords, targetHost: targetWords, targetPort: targetWords },
  );
  const printer = new ServerPrinter(out, { json: values.json ?? false, save: values.save, origin: 'proxy', diagnose: true });
  const feature = new ProxyFeature(printer);
  const proxy = await feature.handlers['proxy.start'](start);
  out(values.json ? JSON.stringify({ event: 'listening', host: proxy.host, port: proxy.port, target }) : `Recording proxy on ${proxy.host}:${proxy.port} → ${proxy.targetHost}:${proxy.targetPort} (Ctrl-C stops it)`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await feature.handlers['proxy.stop']({});
  return savedOrFailed(printer.saving, values.save);
}
