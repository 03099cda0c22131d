// The engine over the browser-mode host's WebSocket, with the run's token from the page URL.
import { WEB_API_PATH, type EngineApi, type EventName, type EventPayloads, type WireMessage } from '@shared/contract';

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

export class SocketApi implements EngineApi {
  private readonly socket: WebSocket | undefined;
  private readonly ready: Promise<void>;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<EventName, Set<(payload: never) => void>>();
  private nextId = 1;
  private failure: string | undefined;

  constructor(location: Location, onLost: (message: string) => void) {
    const token = new URLSearchParams(location.search).get('token');
    if (!token) {
      this.failure = 'This page was opened without its access token. Open the full URL that `npm run web` or `npm start` printed.';
      this.ready = Promise.resolve();
      queueMicrotask(() => onLost(this.failure!));
      return;
    }
    const socket = new WebSocket(`ws://${location.host}${WEB_API_PATH}?token=${encodeURIComponent(token)}`);
    this.socket = socket;
    this.ready = new Promise((resolve) => {
      socket.addEventListener('open', () => resolve());
      socket.addEventListener('close', () => resolve());
    });
    socket.addEventListener('message', (event) => this.receive(String(event.data)));
    socket.addEventListener('close', () => {
      this.failure = 'The connection to the MQTT Scope engine was lost. Is `npm run web` still running? Reload the page to reconnect.';
      for (const { reject } of this.pending.values()) reject(new Error(this.failure));
      this.pending.clear();
      onLost(this.failure);
    });
  }

  async request<N extends Parameters<EngineApi['request']>[0]>(name: N, params: Parameters<EngineApi['request']>[1]) {
    await this.ready;
    if (this.failure || !this.socket) throw new Error(this.failure ?? 'Not connected to the engine');
    const id = this.nextId++;
    const reply = new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.socket.send(JSON.stringify({ id, method: name, params }));
    return reply as never;
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    this.listeners.set(event, set);
    set.add(listener as (payload: never) => void);
    return () => void set.delete(listener as (payload: never) => void);
  }

  private receive(text: string): void {
    const message = JSON.parse(text) as WireMessage;
    if ('event' in message) {
      for (const listener of this.listeners.get(message.event) ?? []) listener(message.payload as never);
      return;
    }
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    if ('error' in message) pending.reject(new Error(message.error));
    else pending.resolve(message.result);
  }
}
