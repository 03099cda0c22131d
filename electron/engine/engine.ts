// The engine behind every host: answers the contract's requests and pushes its events.
// Hosts (Electron IPC, the browser-mode WebSocket) only carry messages to and from here.
import { randomUUID } from 'node:crypto';
import {
  parseRequestParams,
  type AppInfo,
  type EventName,
  type EventPayloads,
  type RequestName,
  type RequestResults,
} from '@shared/contract';
import { InspectingClient } from './client/inspecting-client';
import { ensureDataDir } from './data-dir';
import { TraceBatcher } from './trace/batcher';

export type EventSink = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;

export interface EngineOptions {
  host: AppInfo['host'];
  dataDir: string;
  version: string;
  emit: EventSink;
}

type Handlers = { [N in RequestName]: (params: ReturnType<typeof parseRequestParams<N>>) => Promise<RequestResults[N]> };

export class Engine {
  private readonly clients = new Map<string, InspectingClient>();
  private readonly batcher: TraceBatcher;

  constructor(private readonly options: EngineOptions) {
    ensureDataDir(options.dataDir);
    this.batcher = new TraceBatcher((entries) => options.emit('trace.batch', { entries }));
  }

  private readonly handlers: Handlers = {
    'app.info': async () => ({ version: this.options.version, host: this.options.host, dataDir: this.options.dataDir }),
    'connection.open': async (options) => {
      const connectionId = randomUUID();
      const client = new InspectingClient(connectionId, options, (entry) => this.batcher.push(entry));
      this.clients.set(connectionId, client);
      void client.closed.then(() => this.clients.delete(connectionId));
      client.start();
      return { connectionId };
    },
    'connection.close': async ({ connectionId, mode, reasonCode }) => {
      const client = this.clients.get(connectionId);
      if (!client) return { closed: false };
      await client.close({ mode, reasonCode });
      return { closed: true };
    },
  };

  /** Validates the parameters against the contract, then runs the request. */
  handle<N extends RequestName>(name: N, params: unknown): Promise<RequestResults[N]> {
    const handler = this.handlers[name] as (params: unknown) => Promise<RequestResults[N]>;
    return handler(parseRequestParams(name, params));
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.clients.values()].map((client) => client.close()));
    this.batcher.dispose();
  }
}
