// The browser-mode host as a process (the built program: `dist/node/web.cjs`, or one from
// `buildWebHostProgram`) and a client of its WebSocket contract as the page speaks it: for tests
// that kill the host and benchmarks that read its memory.
import WebSocket from 'ws';
import { WEB_API_PATH, type EventName, type EventPayloads, type RequestName, type RequestParams, type RequestResults, type WireMessage } from '../shared/contract';
import { startProcess, type Started } from './processes';

export interface WebHostRun extends Started {
  /** The page URL the host printed, its token in the query. */
  url: string;
}

/** Starts the host program on a free loopback port with its own data folder. */
export async function runWebHost(program: string, dataDir: string, timeoutMs = 20_000): Promise<WebHostRun> {
  const started = await startProcess(process.execPath, [program, '--port', '0'], {
    ready: /Open: http:\/\/\S+/,
    env: { ...process.env, MQTTSCOPE_DATA_DIR: dataDir },
    timeoutMs,
  });
  return { ...started, url: /Open: (http:\/\/\S+)/.exec(started.line)![1] };
}

export interface ContractClient {
  request<N extends RequestName>(name: N, params: RequestParams<N>): Promise<RequestResults[N]>;
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): void;
  close(): void;
}

/** Opens the contract's WebSocket as the host's own page does: its origin, the run's token. */
export async function connectContract(pageUrl: string): Promise<ContractClient> {
  const page = new URL(pageUrl);
  const socket = new WebSocket(`ws://${page.host}${WEB_API_PATH}?token=${page.searchParams.get('token')}`, { headers: { Origin: page.origin }, perMessageDeflate: false });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let nextId = 1;
  const pending = new Map<number, { resolve: (value: never) => void; reject: (error: Error) => void }>();
  const listeners = new Map<EventName, (payload: never) => void>();
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as WireMessage;
    if ('event' in message) return listeners.get(message.event)?.(message.payload as never);
    const waiting = pending.get(message.id);
    pending.delete(message.id);
    if ('error' in message) waiting?.reject(new Error(message.error));
    else waiting?.resolve(message.result as never);
  });
  socket.on('close', () => {
    for (const waiting of pending.values()) waiting.reject(new Error('The host closed the socket'));
    pending.clear();
  });
  return {
    request: (name, params) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        socket.send(JSON.stringify({ id, method: name, params }));
      }),
    on: (event, listener) => void listeners.set(event, listener as (payload: never) => void),
    close: () => socket.terminate(),
  };
}
