// The engine behind every host: answers the contract's requests and pushes its events.
// Hosts (Electron IPC, the browser-mode WebSocket) only carry messages to and from here.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import {
  parseRequestParams,
  wireRequestSchema,
  type AppInfo,
  type EventName,
  type EventPayloads,
  type RequestName,
  type RequestResults,
  type WireMessage,
} from '@shared/contract';
import type { TraceEntry } from '@shared/model/trace';
import { startAedesBroker, type RunningBroker } from './broker/aedes-broker';
import { startMosquittoBroker, type RunningMosquitto } from './broker/mosquitto-broker';
import { InspectingClient } from './client/inspecting-client';
import { startRecordingProxy, type RunningProxy } from './proxy/recording-proxy';
import { ProfileStore, type SecretBox } from './profiles/profile-store';
import { ensureDataDir } from './data-dir';
import { LocalServerSlot } from './local-server';
import { TraceBatcher } from '@shared/model/trace-batcher';

const proxyInfo = ({ running, targetHost, targetPort }: { running: RunningProxy; targetHost: string; targetPort: number }) => ({ host: running.host, port: running.port, targetHost, targetPort });

export type EventSink = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;

const BROWSER_SECRETS_NOTE = 'No OS keychain here (browser mode): saved passwords are kept only until the app stops.';

export interface EngineOptions {
  host: AppInfo['host'];
  dataDir: string;
  version: string;
  emit: EventSink;
  /** The host's encryption for saved secrets (Electron: safeStorage); none in browser mode. */
  secretBox?: SecretBox;
  /** Why saved secrets are not encrypted, when they are not (told to the person). */
  secretsNote?: string;
}

type Handlers = { [N in RequestName]: (params: ReturnType<typeof parseRequestParams<N>>) => Promise<RequestResults[N]> };

export class Engine {
  private readonly clients = new Map<string, InspectingClient>();
  private readonly broker = new LocalServerSlot<{ kind: 'embedded'; running: RunningBroker } | { kind: 'mosquitto'; running: RunningMosquitto }>('A local broker');
  private readonly proxy = new LocalServerSlot<{ running: RunningProxy; targetHost: string; targetPort: number }>('The recording proxy');
  private readonly batcher: TraceBatcher;
  private readonly profiles: ProfileStore;

  constructor(private readonly options: EngineOptions) {
    ensureDataDir(options.dataDir);
    this.profiles = new ProfileStore(options.dataDir, options.secretBox);
    this.batcher = new TraceBatcher((entries) => options.emit('trace.batch', { entries }));
  }

  private readonly handlers: Handlers = {
    'app.info': async () => ({ version: this.options.version, host: this.options.host, dataDir: this.options.dataDir, secretsEncrypted: this.options.secretBox !== undefined, ...(this.options.secretBox ? {} : { secretsNote: this.options.secretsNote ?? BROWSER_SECRETS_NOTE }) }),
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
    'broker.start': async ({ kind, host, port, users, allowAnonymous, connectTimeoutSeconds, maxPacketSize, persist, acl }) => {
      if (kind !== 'embedded') {
        // What mosquitto would not apply is refused, never dropped without a word.
        const embeddedOnly = [['An ACL', acl], ['A maximum packet size', maxPacketSize], ['A connect timeout', connectTimeoutSeconds], ['Persistence', persist]] as const;
        const given = embeddedOnly.find(([, value]) => value !== undefined);
        if (given) throw new Error(`${given[0]} is applied by the embedded broker only`);
      }
      const sink = (entry: TraceEntry) => this.batcher.push(entry);
      const { running } = await this.broker.start(host, port, async () => {
        if (kind === 'embedded') {
          const persistDir = persist ? path.join(this.options.dataDir, 'broker') : undefined;
          return { kind, running: await startAedesBroker({ host, port, users, allowAnonymous, connectTimeoutSeconds, maxPacketSize, persistDir, acl, sink, onEvent: (event) => this.options.emit('broker.event', event) }) };
        }
        return { kind, running: await startMosquittoBroker({ host, port, users, allowAnonymous, dir: path.join(this.options.dataDir, 'mosquitto'), sink }) };
      });
      return { kind, host: running.host, port: running.port };
    },
    'broker.stop': async () => ({ stopped: await this.broker.stop() }),
    'local.status': async () => {
      const broker = this.broker.value;
      const proxy = this.proxy.value;
      return {
        ...(broker ? { broker: { kind: broker.kind, host: broker.running.host, port: broker.running.port } } : {}),
        ...(proxy ? { proxy: proxyInfo(proxy) } : {}),
      };
    },
    'proxy.start': async ({ listenHost, listenPort, targetHost, targetPort }) =>
      proxyInfo(
        await this.proxy.start(listenHost, listenPort, async () => ({
          running: await startRecordingProxy({ listenHost, listenPort, targetHost, targetPort, sink: (entry) => this.batcher.push(entry) }),
          targetHost,
          targetPort,
        })),
      ),
    'proxy.stop': async () => ({ stopped: await this.proxy.stop() }),
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

  private embeddedBroker(): RunningBroker {
    const broker = this.broker.value;
    if (!broker) throw new Error('No local broker is running');
    if (broker.kind !== 'embedded') throw new Error('Sessions and retained messages are shown for the embedded broker only; mosquitto keeps its own');
    return broker.running;
  }

  /** Validates the parameters against the contract, then runs the request. */
  /**
   * One request as either host carries it (`{id, method, params}`), answered as the wire message
   * the page reads: its result, or an error in words. Never throws.
   */
  async answer(message: unknown): Promise<WireMessage> {
    const request = wireRequestSchema.safeParse(message);
    if (!request.success) return { id: -1, error: 'The message is not a request of the contract' };
    const { id, method, params } = request.data;
    try {
      return { id, result: await this.handle(method, params) };
    } catch (error) {
      return { id, error: (error as Error).message };
    }
  }

  async handle<N extends RequestName>(name: N, params: unknown): Promise<RequestResults[N]> {
    const handler = this.handlers[name] as (params: unknown) => Promise<RequestResults[N]>;
    return handler(parseRequestParams(name, params));
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.clients.values()].map((client) => client.close()));
    await Promise.all([this.broker.stop(), this.proxy.stop()]);
    this.batcher.dispose();
  }
}
