// A page in Chromium driven over the DevTools protocol with nothing else attached. Playwright
// turns on the Network domain, which copies every WebSocket frame to the driver on the page's
// main thread: fine for tests, but it would be measured as the app's own cost in a benchmark.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { CHROMIUM_ARGS, chromiumPath } from '../../testing/chromium';

export interface CdpPage {
  version: string;
  /** Runs an expression in the page (awaiting a promise) and returns its JSON value. */
  evaluate<T>(expression: string): Promise<T>;
  /** Polls an expression until it is truthy. */
  waitFor(expression: string, timeoutMs?: number): Promise<void>;
  /** Any DevTools protocol command, in the page's session. */
  command(method: string, params?: object): Promise<any>;
  /** Listens to a DevTools protocol event (one listener a method). */
  on(method: string, listener: (params: any) => void): void;
  close(): Promise<void>;
}

export async function openCdpPage(url: string, viewport = { width: 1600, height: 1000 }): Promise<CdpPage> {
  const executable = chromiumPath();
  if (!executable) throw new Error('No Chromium found: install Debian’s chromium or set MQTTSCOPE_CHROMIUM');
  const profile = mkdtempSync(path.join(tmpdir(), 'mqttscope-bench-chromium-'));
  const child = spawn(executable, ['--headless=new', '--remote-debugging-port=0', `--user-data-dir=${profile}`, `--window-size=${viewport.width},${viewport.height}`, ...CHROMIUM_ARGS, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const endpoint = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start:\n${output}`)), 15_000);
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });

  const socket = new WebSocket(endpoint, { perMessageDeflate: false });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let nextId = 1;
  const pending = new Map<number, { resolve: (value: any) => void; reject: (error: Error) => void }>();
  const listeners = new Map<string, (params: any) => void>();
  socket.on('message', (data) => {
    const message = JSON.parse(String(data));
    if (message.method) listeners.get(message.method)?.(message.params);
    const waiting = pending.get(message.id);
    if (!waiting) return;
    pending.delete(message.id);
    if (message.error) waiting.reject(new Error(message.error.message));
    else waiting.resolve(message.result);
  });
  const send = (method: string, params: object = {}, sessionId?: string): Promise<any> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });

  const { product } = await send('Browser.getVersion');
  const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
  await send('Emulation.setDeviceMetricsOverride', { ...viewport, deviceScaleFactor: 1, mobile: false }, sessionId);
  await send('Page.enable', {}, sessionId);
  await send('Page.navigate', { url }, sessionId);

  const evaluate = async <T>(expression: string): Promise<T> => {
    const { result, exceptionDetails } = await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, sessionId);
    if (exceptionDetails) throw new Error(`In the page: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value as T;
  };
  const waitFor = async (expression: string, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await evaluate<boolean>(`Boolean(${expression})`))) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${expression}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  await waitFor('document.readyState === "complete"');
  return {
    version: product,
    evaluate,
    waitFor,
    command: (method, params) => send(method, params, sessionId),
    on: (method, listener) => void listeners.set(method, listener),
    close: async () => {
      socket.close();
      child.kill();
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}
