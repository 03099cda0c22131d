// The engine behind every host: answers the contract's requests and pushes its events.
// Hosts (Electron IPC, the browser-mode WebSocket) only carry messages to and from here.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import {
  parseRequestParams,
  type AppInfo,
  type EventName,
  type EventPayloads,
  type RequestName,
  type RequestResults,
} from '@shared/contract';
import type { TraceEntry } from '@shared/model/trace';
import { startAedesBroker, type RunningBroker } from './broker/aedes-broker';
import { startMosquittoBroker, type RunningMosquitto } from './broker/mosquitto-broker';
import { InspectingClient } from './client/inspecting-client';
import { startRecordingProxy, type RunningProxy } from './proxy/recording-proxy';
import { ProfileStore, type SecretBox } from './profiles/profile-store';
import { ensureDataDir } from './data-dir';
import { TraceBatcher } from '@shared/model/trace-batcher';

export type EventSink = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;

export interface EngineOptions {
  host: AppInfo['host'];
  dataDir: string;
  version: string;
  emit: EventSink;
  /** The host's encryption for saved secrets (Electron: safeStorage); none in browser mode. */
  secretBox?: SecretBox;
}

type Handlers = { [N in RequestName]: (params: ReturnType<typeof parseRequestParams<N>>) => Promise<RequestResults[N]> };

export class Engine {
  private readonly clients = new Map<string, InspectingClient>();
  private broker: { kind: 'embedded'; running: RunningBroker } | { kind: 'mosquitto'; running: RunningMosquitto } | undefined;
  /** Set while a broker starts, so a second start cannot race the first. */
  private brokerStarting = false;
  private proxy: { running: RunningProxy; targetHost: string; targetPort: number } | undefined;
  private proxyStarting = false;
  private readonly batcher: TraceBatcher;
  private readonly profiles: ProfileStore;

  constructor(private readonly options: EngineOptions) {
    ensureDataDir(options.dataDir);
    this.profiles = new ProfileStore(options.dataDir, options.secretBox);
    this.batcher = new TraceBatcher((entries) => options.emit('trace.batch', { entries }));
  }

  private readonly handlers: Handlers = {
    'app.info': async () => ({ version: this.options.version, host: this.options.host, dataDir: this.options.dataDir, secretsEncrypted: this.options.secretBox !== undefined }),
    'profiles.list': () => this.profiles.list(),
    'profiles.get': ({ id }) => this.profiles.get(id),
    'profiles.save': (request) => this.profiles.save(request),
    'profiles.rename': ({ id, name }) => this.profiles.rename(id, name),
    'profiles.duplicate': ({ id }) => this.profiles.duplicate(id),
    'profiles.delete': async ({ id }) => {
      await this.profiles.delete(id);
      return { deleted: true };
    },
    'profiles.export': ({ ids, includeSecrets }) => this.profiles.export(ids, includeSecrets),
    'profiles.import': ({ document }) => this.profiles.import(document),
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
    'broker.start': async ({ kind, host, port, users, allowAnonymous, connectTimeoutSeconds, persist }) => {
      if (this.broker) throw new Error(`A local broker is already running on ${this.broker.running.host}:${this.broker.running.port}; stop it first`);
      if (this.brokerStarting) throw new Error('A local broker is starting; wait for it');
      this.brokerStarting = true;
      const sink = (entry: TraceEntry) => this.batcher.push(entry);
      try {
        if (kind === 'embedded') {
          const persistDir = persist ? path.join(this.options.dataDir, 'broker') : undefined;
          const running = await startAedesBroker({ host, port, users, allowAnonymous, connectTimeoutSeconds, persistDir, sink, onEvent: (event) => this.options.emit('broker.event', event) });
          this.broker = { kind, running };
        } else {
          const running = await startMosquittoBroker({ host, port, users, allowAnonymous, dir: path.join(this.options.dataDir, 'mosquitto'), sink });
          this.broker = { kind, running };
        }
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new Error(`Port ${port} on ${host ?? '127.0.0.1'} is already in use; choose another port`);
        throw error;
      } finally {
        this.brokerStarting = false;
      }
      return { kind, host: this.broker.running.host, port: this.broker.running.port };
    },
    'broker.stop': async () => {
      if (!this.broker) return { stopped: false };
      const { running } = this.broker;
      this.broker = undefined;
      await running.close();
      return { stopped: true };
    },
    'local.status': async () => ({
      ...(this.broker ? { broker: { kind: this.broker.kind, host: this.broker.running.host, port: this.broker.running.port } } : {}),
      ...(this.proxy ? { proxy: this.proxyInfo(this.proxy) } : {}),
    }),
    'proxy.start': async ({ listenHost, listenPort, targetHost, targetPort }) => {
      if (this.proxy) throw new Error(`The recording proxy is already running on ${this.proxy.running.host}:${this.proxy.running.port}; stop it first`);
      if (this.proxyStarting) throw new Error('The recording proxy is starting; wait for it');
      this.proxyStarting = true;
      try {
        const running = await startRecordingProxy({ listenHost, listenPort, targetHost, targetPort, sink: (entry) => this.batcher.push(entry) });
        this.proxy = { running, targetHost, targetPort };
        return this.proxyInfo(this.proxy);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new Error(`Port ${listenPort} on ${listenHost ?? '127.0.0.1'} is already in use; choose another port`);
        throw error;
      } finally {
        this.proxyStarting = false;
      }
    },
    'proxy.stop': async () => {
      if (!this.proxy) return { stopped: false };
      const { running } = this.proxy;
      this.proxy = undefined;
      await running.close();
      return { stopped: true };
    },
    'broker.sessions': async () => this.embeddedBroker().sessions(),
    'broker.retained': async () => this.embeddedBroker().retained(),
    'broker.purgeSession': async ({ clientId }) => {
      await this.embeddedBroker().purgeSession(clientId);
      return { purged: true };
    },
    'broker.purgeRetained': async ({ topic }) => {
      await this.embeddedBroker().purgeRetained(topic);
      return { purged: true };
    },
  };

  private proxyInfo({ running, targetHost, targetPort }: NonNullable<Engine['proxy']>) {
    return { host: running.host, port: running.port, targetHost, targetPort };
  }

  private embeddedBroker(): RunningBroker {
    if (!this.broker) throw new Error('No local broker is running');
    if (this.broker.kind !== 'embedded') throw new Error('Sessions and retained messages are shown for the embedded broker only; mosquitto keeps its own');
    return this.broker.running;
  }

  /** Validates the parameters against the contract, then runs the request. */
  async handle<N extends RequestName>(name: N, params: unknown): Promise<RequestResults[N]> {
    const handler = this.handlers[name] as (params: unknown) => Promise<RequestResults[N]>;
    return handler(parseRequestParams(name, params));
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.clients.values()].map((client) => client.close()));
    if (this.broker) await this.broker.running.close();
    if (this.proxy) await this.proxy.running.close();
    this.broker = undefined;
    this.proxy = undefined;
    this.batcher.dispose();
  }
}
