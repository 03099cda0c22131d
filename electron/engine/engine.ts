// The engine behind every host: answers the contract's requests and pushes its events.
// Hosts (Electron IPC, the browser-mode WebSocket) only carry messages to and from here; each
// request is answered by its feature (features/), the one place that says what it does.
import { parseRequestParams, wireRequestSchema, type AppInfo, type RequestName, type RequestResults, type WireMessage } from '@shared/contract';
import { ProfileStore, type SecretBox } from './profiles/profile-store';
import type { TraceStore } from './trace-store/trace-store';
import { ensureDataDir } from './data-dir';
import { AppSettingsFile } from './app-settings';
import { AppFeature } from './features/app';
import { BrokerFeature } from './features/broker';
import { ConnectionsFeature } from './features/connections';
import { FilesFeature } from './features/files';
import type { EventSink, Handlers } from './features/handlers';
import { LabFeature } from './features/lab';
import { ProfilesFeature } from './features/profiles';
import { ProxyFeature } from './features/proxy';
import { CaptureFeature } from './features/capture';
import { Recording } from './features/recording';
import { SessionsFeature } from './features/sessions';

export type { EventSink };

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

export class Engine {
  private readonly recording: Recording;
  /** The recording's trace store (tests read its files). */
  private readonly traces: TraceStore;
  private readonly settings: AppSettingsFile;
  private readonly connections: ConnectionsFeature;
  private readonly broker: BrokerFeature;
  private readonly proxy: ProxyFeature;
  private readonly capture: CaptureFeature;
  private readonly files: FilesFeature;
  /** Settles once the trace store has read what it holds. */
  private readonly ready: Promise<void>;
  /** Every request's handler: a request of the contract without one here is a type error. */
  private readonly handlers: Handlers;

  constructor(private readonly options: EngineOptions) {
    const { dataDir } = options;
    // The host's sink is read at each event: a host (or a test) may swap it after the start.
    const emit: EventSink = (event, payload) => this.options.emit(event, payload);
    ensureDataDir(dataDir);
    const profiles = new ProfileStore(dataDir, options.secretBox);
    this.recording = new Recording(dataDir, emit);
    this.traces = this.recording.traces;
    this.settings = new AppSettingsFile(dataDir);
    this.connections = new ConnectionsFeature(this.recording, emit);
    this.broker = new BrokerFeature({ dataDir, recorder: this.recording, emit });
    this.proxy = new ProxyFeature(this.recording);
    this.capture = new CaptureFeature(this.recording, emit);
    this.files = new FilesFeature(dataDir, this.traces);
    const lab = new LabFeature({ recorder: this.recording, emit, localBroker: () => this.broker.local });
    const app = new AppFeature(options, this.settings, { broker: this.broker, proxy: this.proxy });
    this.handlers = {
      ...app.handlers,
      ...this.connections.handlers,
      ...this.broker.handlers,
      ...this.proxy.handlers,
      ...this.capture.handlers,
      ...new ProfilesFeature(profiles).handlers,
      ...new SessionsFeature(this.traces).handlers,
      ...this.files.handlers,
      ...lab.handlers,
    };
    this.ready = Promise.all([
      this.traces.start().catch((error: Error) => void this.traces.note(`The trace folder could not be read: ${error.message}`)),
      this.settings.load(),
    ]).then(() => {});
  }

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

  /** Validates the parameters against the contract, then runs the request. */
  async handle<N extends RequestName>(name: N, params: unknown): Promise<RequestResults[N]> {
    const handler = this.handlers[name] as (params: unknown) => Promise<RequestResults[N]>;
    const parsed = parseRequestParams(name, params);
    await this.ready;
    return handler(parsed);
  }

  /** The app is closing: its connections end as the person chose (DISCONNECT, or dropped so
   *  that the wills fire), then the local broker and proxy stop and the traces are completed. */
  async dispose(): Promise<void> {
    await this.ready;
    await this.connections.closeAll(this.settings.value.onQuit === 'drop' ? 'abort' : 'disconnect');
    await Promise.all([this.broker.stop(), this.proxy.stop(), this.capture.stop()]);
    // The last views are pushed from the sessions still held, before they are let go (after,
    // each would be read again from its file).
    await this.traces.finishAll();
    await this.recording.updates.flush();
    this.recording.updates.dispose();
    await this.traces.dispose();
    await this.files.dispose();
  }
}
