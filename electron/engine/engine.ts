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
import { labTargetName, type LabResult, type LabTag, type LabTarget } from '@shared/model/lab';
import type { Direction, RecordedEntry } from '@shared/model/trace';
import { formatEndpoint, parseEndpoint } from '@shared/model/capture';
import { startAedesBroker, type RunningBroker } from './broker/aedes-broker';
import { startMosquittoBroker, type RunningMosquitto } from './broker/mosquitto-broker';
import { InspectingClient } from './client/inspecting-client';
import { RepeatedPublication } from './client/repeated-publication';
import { startRecordingProxy, type RunningProxy } from './proxy/recording-proxy';
import { ProfileStore, type SecretBox } from './profiles/profile-store';
import { ensureDataDir } from './data-dir';
import { LocalServerSlot } from './local-server';
import { UpdatePusher } from './trace-store/update-pusher';
import { TraceStore } from './trace-store/trace-store';
import { Uploads } from './trace-store/uploads';
import { AppSettingsFile } from './app-settings';
import { Downloads } from './trace-store/downloads';
import { redactSecrets } from './trace-store/redact';
import { withEndpoints } from './trace-store/endpoints';
import { pcapngBlocks } from './pcap';
import { encodeTraceFile, sessionRecordFrom } from './trace-store/trace-file';
import { readCaptureFile } from './trace-store/read-capture-file';
import { EXPERIMENTS } from './lab/experiments';
import { labReport } from './lab/report';
import { embeddedLabTarget, reachable } from './lab/embedded-target';
import { experimentsNamed, runLab } from './lab/run-lab';
import { labTagOfClientId, newLabRunId } from './lab/lab-client-id';
import { LAB_PEERS_KEPT, MAX_OPENED_SESSIONS } from './limits';
import { FILE_PART_BYTES } from '@shared/limits';

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

/** A user given to the local broker, which the lab connects as (so refusals can be shown too). */
type LocalUser = { username: string; password: string } | undefined;

type Handlers = { [N in RequestName]: (params: ReturnType<typeof parseRequestParams<N>>) => Promise<RequestResults[N]> };

export class Engine {
  private readonly clients = new Map<string, InspectingClient>();
  /** At most one repeated publication a connection. */
  private readonly repeats = new Map<string, RepeatedPublication>();
  private readonly broker = new LocalServerSlot<({ kind: 'embedded'; running: RunningBroker } | { kind: 'mosquitto'; running: RunningMosquitto }) & { user: LocalUser }>('A local broker');
  private readonly proxy = new LocalServerSlot<{ running: RunningProxy; targetHost: string; targetPort: number }>('The recording proxy');
  private readonly updates: UpdatePusher;
  private readonly profiles: ProfileStore;
  private readonly traces: TraceStore;
  private readonly uploads: Uploads;
  private readonly settings: AppSettingsFile;
  private readonly downloads: Downloads;
  /** Settles once the trace store has read what it holds. */
  private readonly ready: Promise<void>;
  /** Connections whose recording has ended: nothing more of theirs is written. */
  private readonly finished = new Set<string>();
  /** Connections whose recording could not start, until they end. */
  private readonly unrecorded = new Set<string>();
  /** The lab's connections of this app by their local address (the newest LAB_PEERS_KEPT): the
   *  local broker's side of one whose CONNECT does not name its run (none sent, an empty client
   *  id) is known by its peer's address. */
  private readonly labPeers = new Map<string, LabTag>();
  /** True while the lab runs: one run at a time. */
  private labRunning = false;
  /** The broker the lab tested last and each experiment's latest result there, for `lab.report`. */
  private lastLab?: { target: LabTarget; results: Map<string, LabResult> };

  constructor(private readonly options: EngineOptions) {
    ensureDataDir(options.dataDir);
    this.profiles = new ProfileStore(options.dataDir, options.secretBox);
    this.traces = new TraceStore(options.dataDir, (record, story) => (record.origin === 'broker' ? this.brokerSideLabTag(story.connect?.clientId, story.peerAddress) : undefined));
    this.updates = new UpdatePusher(
      async (id) => {
        const recorder = this.traces.recorder(id);
        return recorder ? this.traces.liveView(recorder) : this.traces.view(id);
      },
      (sessions) => options.emit('trace.update', { sessions }),
    );
    this.uploads = new Uploads(options.dataDir);
    this.settings = new AppSettingsFile(options.dataDir);
    this.downloads = new Downloads(options.dataDir);
    this.ready = Promise.all([
      this.traces.start().catch((error: Error) => void this.traces.note(`The trace folder could not be read: ${error.message}`)),
      this.settings.load(),
    ]).then(() => {});
  }

  /** Every entry of every connection: into the trace store, and the UI told what changed. */
  private readonly sink = (entry: RecordedEntry): void => {
    const id = entry.connectionId;
    const ends = entry.kind === 'lifecycle' && entry.event.phase === 'closed';
    if (this.finished.has(id)) return;
    if (this.unrecorded.has(id)) {
      if (ends) this.unrecorded.delete(id);
      return;
    }
    const recorder = this.traces.recorder(id) ?? this.recordSafely(sessionRecordFrom(entry, { origin: 'proxy', label: id }));
    if (!recorder) return;
    recorder.entry(entry);
    this.updates.mark(id);
    if (ends) {
      this.finished.add(id);
      // Told once more when the recording is complete: the session is closed for good then.
      void this.traces.finish(id).catch(() => {}).finally(() => {
        this.finished.delete(id);
        this.updates.mark(id);
      });
    }
  };

  private readonly onChunk = (connectionId: string, dir: Direction, chunk: Uint8Array, time: number): void => {
    if (!this.finished.has(connectionId)) this.traces.recorder(connectionId)?.chunk(dir, chunk, time);
  };

  /** A recording that cannot start (a full disk, a read-only folder) must not stop the connection;
   *  it is tried once. */
  private recordSafely(record: Parameters<TraceStore['record']>[0]) {
    try {
      return this.traces.record(record);
    } catch (error) {
      this.unrecorded.add(record.id);
      this.traces.note(`Session ${record.id} could not be recorded: ${(error as Error).message}`);
      return undefined;
    }
  }

  private readonly handlers: Handlers = {
    'app.info': async () => ({ version: this.options.version, host: this.options.host, dataDir: this.options.dataDir, secretsEncrypted: this.options.secretBox !== undefined, ...(this.options.secretBox ? {} : { secretsNote: this.options.secretsNote ?? BROWSER_SECRETS_NOTE }) }),
    'app.settings': async ({ onQuit }) => (onQuit === undefined ? this.settings.value : this.settings.update({ onQuit })),
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
    'profiles.saveTemplate': ({ id, template }) => this.profiles.saveTemplate(id, template),
    'profiles.deleteTemplate': ({ id, name }) => this.profiles.deleteTemplate(id, name),
    'connection.open': async (options) => {
      const connectionId = randomUUID();
      this.recordSafely({ id: connectionId, origin: 'client', label: `${options.clientId || '(empty client id)'}@${options.host}:${options.port}`, broker: { address: options.host, port: options.port }, startTime: Date.now() });
      const client = new InspectingClient(connectionId, options, this.sink, this.onChunk);
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
    'connection.publish': async ({ connectionId, publication, repeat }) => {
      const client = this.liveClient(connectionId);
      if (!repeat || repeat.count === 1) return { packetId: client.publish(publication), repeating: false };
      if (this.repeats.get(connectionId)?.running) throw new Error('A repeated publication is already running on this connection: stop it first');
      const repeated = new RepeatedPublication(client, publication, repeat.count, repeat.intervalMs, (progress) => {
        if (progress.done && this.repeats.get(connectionId) === repeated) this.repeats.delete(connectionId);
        this.options.emit('connection.repeat', progress);
      });
      const packetId = repeated.start();
      if (repeated.running) this.repeats.set(connectionId, repeated);
      return { packetId, repeating: repeated.running };
    },
    'connection.stopRepeat': async ({ connectionId }) => {
      const repeated = this.repeats.get(connectionId);
      repeated?.stop('Stopped');
      return { stopped: repeated !== undefined };
    },
    'connection.subscribe': async ({ connectionId, subscriptions, subscriptionIdentifier, userProperties }) => ({
      results: await this.liveClient(connectionId).subscribe(subscriptions, subscriptionIdentifier, userProperties),
    }),
    'connection.unsubscribe': async ({ connectionId, topics }) => ({ results: await this.liveClient(connectionId).unsubscribe(topics) }),
    'connection.subscriptions': async ({ connectionId }) => ({ subscriptions: this.clients.get(connectionId)?.subscriptions() ?? [] }),
    'broker.start': async ({ kind, host, port, users, allowAnonymous, connectTimeoutSeconds, maxPacketSize, persist, acl }) => {
      if (kind !== 'embedded') {
        // What mosquitto would not apply is refused, never dropped without a word.
        const embeddedOnly = [['An ACL', acl], ['A maximum packet size', maxPacketSize], ['A connect timeout', connectTimeoutSeconds], ['Persistence', persist]] as const;
        const given = embeddedOnly.find(([, value]) => value !== undefined);
        if (given) throw new Error(`${given[0]} is applied by the embedded broker only`);
      }
      const { sink, onChunk } = this;
      const user = users?.[0];
      const { running } = await this.broker.start(host, port, async () => {
        if (kind === 'embedded') {
          const persistDir = persist ? path.join(this.options.dataDir, 'broker') : undefined;
          return { kind, user, running: await startAedesBroker({ host, port, users, allowAnonymous, connectTimeoutSeconds, maxPacketSize, persistDir, acl, sink, onChunk, onEvent: (event) => this.options.emit('broker.event', event) }) };
        }
        return { kind, user, running: await startMosquittoBroker({ host, port, users, allowAnonymous, dir: path.join(this.options.dataDir, 'mosquitto'), sink, onChunk }) };
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
          running: await startRecordingProxy({ listenHost, listenPort, targetHost, targetPort, sink: this.sink, onChunk: this.onChunk }),
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
    'connections.live': async () => ({ connections: [...this.clients.values()].map((client) => ({ id: client.id, options: client.options })) }),
    'sessions.list': async () => ({ sessions: this.traces.list(), capBytes: this.traces.capBytes, problems: [...this.traces.problems] }),
    'sessions.entries': ({ id, from, count }) => this.traces.entries(id, from, count),
    'sessions.view': ({ id }) => this.traces.view(id),
    'sessions.rows': async ({ id, from, count, ...filter }) => (await this.traces.queries(id)).rows(from, count, filter),
    'sessions.position': async ({ id, seq, ...filter }) => ({ position: await (await this.traces.queries(id)).position(seq, filter) }),
    'sessions.previousOnTopic': async ({ id, seq }) => (await this.traces.queries(id)).previousOnTopic(seq),
    'sessions.window': async ({ id, start, end }) => (await this.traces.queries(id)).window(start, end),
    // A session recording now has its rate read at the clock; a past one's at its end.
    'sessions.topics': async ({ id, limit, ...question }) => (await this.traces.queries(id)).topics.levels({ limit, ...question }, this.traces.recorder(id) ? Date.now() : undefined),
    'sessions.topicMessages': async ({ id, topic, beforeSeq, limit }) => (await this.traces.queries(id)).topics.messages(topic, limit, beforeSeq),
    'sessions.topicPayloads': async ({ id, topic, ...range }) => (await this.traces.queries(id)).topics.payloads(topic, range),
    'sessions.retained': async ({ id, limit }) => (await this.traces.queries(id)).topics.retained(limit),
    'sessions.delete': async ({ id }) => {
      await this.traces.delete(id);
      return { deleted: true };
    },
    'files.open': async ({ upload, name, part, done }) => {
      const id = await this.uploads.add(upload, Buffer.from(part, 'base64'));
      if (!done) return { upload: id };
      const { sessions, problems } = readCaptureFile(await this.uploads.take(id), name);
      // A capture may hold any number of TCP streams; each kept one is a file of the store.
      if (sessions.length > MAX_OPENED_SESSIONS) problems.push(`${name} holds ${sessions.length} sessions; the first ${MAX_OPENED_SESSIONS} were opened`);
      const imported = await this.traces.importSessions(sessions.slice(0, MAX_OPENED_SESSIONS));
      const alreadyHeld = imported.filter(({ held }) => held).map(({ summary }) => summary.id);
      return { upload: id, sessions: imported.map(({ summary }) => summary), ...(alreadyHeld.length > 0 ? { alreadyHeld } : {}), problems };
    },
    'sessions.export': async ({ ids, format, includeSecrets }) => {
      const captured = await this.traces.captured(ids);
      const sessions = (includeSecrets ? captured : captured.map(redactSecrets)).map(withEndpoints);
      const { download, size } = await this.downloads.add(format === 'pcapng' ? pcapngBlocks(sessions) : encodeTraceFile(sessions));
      const stamp = new Date(sessions[0]?.startTime ?? Date.now()).toISOString().replace(/[:.]/g, '-');
      return { download, size, name: `mqtt-scope-${stamp}.${format === 'trace' ? 'mqtrace' : 'pcapng'}` };
    },
    'files.read': async ({ download, offset }) => {
      const { part, done } = await this.downloads.read(download, offset, FILE_PART_BYTES);
      return { part: Buffer.from(part).toString('base64'), done };
    },
    'sessions.settings': async ({ capBytes, deleting }) => ({ capBytes: capBytes === undefined ? this.traces.capBytes : (await this.traces.setCapBytes(capBytes, deleting)).capBytes }),
    'lab.list': async () => ({ experiments: EXPERIMENTS.map(({ name, title, clause, expectation }) => ({ name, title, clause, expectation })) }),
    'lab.run': async ({ names, broker }) => {
      if (this.labRunning) throw new Error('The lab is already running; wait for its results before starting another run');
      const total = experimentsNamed(names).length;
      this.labRunning = true;
      const emit = this.options.emit;
      let where: string | undefined;
      let done = 0;
      let release = () => {};
      // Every connection of this run is tagged with it, and with the experiment that opened it.
      const tag: LabTag = { run: newLabRunId(), experiment: '' };
      try {
        // The embedded local broker is tested as `mqttscope lab` tests it: the same credentials and its own sessions view.
        const local = broker ? undefined : this.broker.value;
        const embedded = local?.kind === 'embedded' ? await embeddedLabTarget(local.running, local.user) : undefined;
        if (embedded) release = embedded.release;
        const target = broker ?? embedded?.target ?? this.localTarget();
        const named = labTargetName(target);
        where = named;
        // The report holds one broker's results: a run against another starts it over.
        if (!this.lastLab || labTargetName(this.lastLab.target) !== named) this.lastLab = { target, results: new Map() };
        const { results } = this.lastLab;
        return {
          results: await runLab({
            target,
            names,
            runId: tag.run,
            recording: { sink: this.labSink(target, tag), onChunk: this.onChunk },
            ...(embedded ? { brokerSessions: embedded.brokerSessions } : {}),
            onStart: ({ name, title }) => {
              tag.experiment = name;
              emit('lab.progress', { broker: named, running: { name, title }, done, total });
            },
            onResult: (result) => {
              done += 1;
              results.set(result.name, result);
              emit('lab.result', result);
            },
          }),
        };
      } finally {
        release();
        this.labRunning = false;
        if (where !== undefined) emit('lab.progress', { broker: where, done, total });
      }
    },
    'lab.report': async () => {
      if (this.labRunning) throw new Error('The lab is running; save its report when the run has ended');
      if (!this.lastLab || this.lastLab.results.size === 0) throw new Error('No lab run yet: run an experiment first, then save its report');
      const { target, results } = this.lastLab;
      const ordered = EXPERIMENTS.flatMap((experiment) => results.get(experiment.name) ?? []);
      const when = new Date();
      const stamp = when.toISOString().replace(/[:.]/g, '-');
      return { name: `mqtt-scope-lab-${target.host.replace(/[^A-Za-z0-9.-]/g, '_')}-${target.port}-${stamp}.md`, markdown: labReport(target, ordered, when) };
    },
  };

  /** A connection of this app that is open, for an action on it. */
  private liveClient(connectionId: string): InspectingClient {
    const client = this.clients.get(connectionId);
    if (!client) throw new Error('This connection is not open (it ended, or it is not one of this app\'s connections)');
    return client;
  }

  /** The local broker (mosquitto) as the lab's target, with the first user it was given. */
  private localTarget(): LabTarget {
    const local = this.broker.value;
    if (!local) throw new Error('Start the local broker or give a broker for the lab to test');
    return { host: reachable(local.running.host), port: local.running.port, ...(local.user ?? {}) };
  }

  /** The engine's sink for the lab's connections: each is recorded as a client connection of
   *  this app, labelled as the lab's, before its first entry goes the usual way. */
  private labSink(target: LabTarget, tag: Readonly<LabTag>) {
    const seen = new Set<string>();
    return (entry: RecordedEntry): void => {
      const id = entry.connectionId;
      if (!seen.has(id)) {
        seen.add(id);
        if (!this.traces.recorder(id)) this.recordSafely({ id, origin: 'client', label: `lab@${labTargetName(target)}`, broker: { address: target.host, port: target.port }, startTime: Date.now(), lab: { ...tag } });
      }
      if (entry.kind === 'lifecycle' && entry.event.phase === 'tcp') this.rememberLabPeer(entry.event.localAddress, tag);
      this.sink(entry);
    };
  }

  private rememberLabPeer(localAddress: string, tag: Readonly<LabTag>): void {
    const endpoint = parseEndpoint(localAddress);
    if (!endpoint) return;
    this.labPeers.set(formatEndpoint(endpoint), { ...tag });
    if (this.labPeers.size > LAB_PEERS_KEPT) this.labPeers.delete(this.labPeers.keys().next().value!);
  }

  /** The lab run the local broker's side of a connection belongs to: the one its client id names,
   *  else the one whose connection its peer is. */
  private brokerSideLabTag(clientId: string | undefined, peerAddress: string | undefined): LabTag | undefined {
    const peer = peerAddress === undefined ? undefined : parseEndpoint(peerAddress);
    return labTagOfClientId(clientId) ?? (peer ? this.labPeers.get(formatEndpoint(peer)) : undefined);
  }

  private embeddedBroker(): RunningBroker {
    const broker = this.broker.value;
    if (!broker) throw new Error('No local broker is running');
    if (broker.kind !== 'embedded') throw new Error('Sessions and retained messages are shown for the embedded broker only; mosquitto keeps its own');
    return broker.running;
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
    const mode = this.settings.value.onQuit === 'drop' ? 'abort' : 'disconnect';
    await Promise.all([...this.clients.values()].map((client) => client.close({ mode })));
    await Promise.all([this.broker.stop(), this.proxy.stop()]);
    await this.traces.dispose();
    await this.updates.flush();
    this.updates.dispose();
    await this.uploads.dispose();
    await this.downloads.dispose();
  }
}
