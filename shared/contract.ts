// The one typed contract between the engine and the UI: every request with its parameter
// schema and result type, every pushed event, and the transport names the hosts use.
import { z } from 'zod';
import { connectOptionsSchema, tlsSchema, websocketSchema, type ConnectOptions } from './model/connect-options';
import type { SessionSummary } from './model/session-summary';
import type { RowView, SessionUpdate, WindowContents } from './model/session-view';
import type { BrokerEvent, BrokerSession, MessagePreview } from './model/broker';
import type { ExperimentInfo, LabProgress, LabResult } from './model/lab';
import { liveRequestSchemas, type LiveResults, type RepeatProgress } from './model/live-actions';
import type { RetainedAnswer, TopicMessagesAnswer, TopicPayloadsAnswer, TopicsAnswer } from './model/topics';
import type { ExportedProfiles, Profile, ProfileProblem, ProfileSummary, ProfileTemplates } from './model/profile';
import { publishTemplateSchema, templateNameSchema } from './model/publish-template';
import type { TraceEntry } from './model/trace';
import {
  CONNECT_TIMEOUT_RANGE,
  FILE_NAME_MAX_CHARS,
  FILE_PART_BYTES,
  hostSchema,
  LAB_RUN_LIMITS,
  MAX_ACL_CHARS,
  MAX_CONFIRMED_DELETES,
  MAX_ENTRIES_PER_REQUEST,
  MAX_PACKET_BYTES,
  MAX_PAYLOADS_PER_ANSWER,
  MAX_ROWS_PER_REQUEST,
  MAX_TOPIC_RESULTS,
  mqttString,
  portOrAnySchema,
  portSchema,
  TRACE_CAP_MIN_BYTES,
} from './limits';

export * from './transport';

const sessionId = z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'Not a session id');

const rowFilter = {
  type: z.string().min(1).max(64).optional(),
  dir: z.enum(['c2s', 's2c']).optional(),
  text: z.string().min(1).max(256).optional(),
};

/** Entries a `sessions.previousOnTopic` question looks back through at most. */
export const PREVIOUS_ON_TOPIC_SCAN = 50_000;

export const requestSchemas = {
  'app.info': z.object({}).strict(),
  /** What closing the app does to its open connections: read it, or set it. */
  'app.settings': z.object({ onQuit: z.enum(['disconnect', 'drop']).optional() }).strict(),
  'connection.open': connectOptionsSchema.strict(),
  'connection.close': z.object({
    connectionId: z.string().min(1).max(64),
    /** `disconnect` (the default) sends DISCONNECT first; `abort` just drops the socket, so the will fires. */
    mode: z.enum(['disconnect', 'abort']).optional(),
    /** MQTT 5 DISCONNECT reason code. */
    reasonCode: z.number().int().min(0).max(255).optional(),
  }).strict(),
  ...liveRequestSchemas,
  'broker.start': z.object({
    /** `embedded` (Aedes: MQTT 3.1 and 3.1.1, sessions visible) or `mosquitto` (MQTT 5, behind the recording proxy). */
    kind: z.enum(['embedded', 'mosquitto']),
    /** 127.0.0.1 unless the person asks for every interface. */
    host: hostSchema().optional(),
    port: portOrAnySchema().optional(),
    users: z.array(z.object({ username: mqttString('Username').min(1), password: mqttString('Password') }).strict()).max(1000).optional(),
    allowAnonymous: z.boolean().optional(),
    connectTimeoutSeconds: z.number().min(CONNECT_TIMEOUT_RANGE.min).max(CONNECT_TIMEOUT_RANGE.max).optional(),
    /** The largest packet a client may send the embedded broker (default 16 MiB, the engine's DEFAULT_MAX_PACKET_SIZE). */
    maxPacketSize: z.number().int().min(2).max(MAX_PACKET_BYTES).optional(),
    /** Keep the embedded broker's sessions, queued and retained messages across restarts. */
    persist: z.boolean().optional(),
    /** The embedded broker's access control, as the text of a mosquitto acl_file. */
    acl: z.string().max(MAX_ACL_CHARS).optional(),
  }).strict(),
  'broker.stop': z.object({}).strict(),
  /** What runs locally: the broker and the recording proxy, if started. */
  'local.status': z.object({}).strict(),
  'proxy.start': z.object({
    /** 127.0.0.1 unless the person asks for every interface. */
    listenHost: hostSchema('Listen host').optional(),
    listenPort: portOrAnySchema('Listen port').optional(),
    targetHost: hostSchema('Forward-to host'),
    targetPort: portSchema('Forward-to port'),
  }).strict(),
  'proxy.stop': z.object({}).strict(),
  'profiles.list': z.object({}).strict(),
  'profiles.get': z.object({ id: z.string().min(1).max(64) }).strict(),
  'profiles.save': z.object({
    id: z.string().min(1).max(64).optional(),
    name: z.string().max(200),
    options: connectOptionsSchema,
    /** Without OS encryption, keep passwords on disk in clear (the UI warns first). */
    keepSecretsInClear: z.boolean().optional(),
  }).strict(),
  'profiles.rename': z.object({ id: z.string().min(1).max(64), name: z.string().max(200) }).strict(),
  'profiles.duplicate': z.object({ id: z.string().min(1).max(64) }).strict(),
  'profiles.delete': z.object({ id: z.string().min(1).max(64) }).strict(),
  'profiles.export': z.object({ ids: z.array(z.string().min(1).max(64)).max(10_000), includeSecrets: z.boolean().optional() }).strict(),
  'profiles.import': z.object({ document: z.unknown() }).strict(),
  /** Keeps a publish template with the profile, in place of the one of the same name. */
  'profiles.saveTemplate': z.object({ id: z.string().min(1).max(64), template: publishTemplateSchema }).strict(),
  'profiles.deleteTemplate': z.object({ id: z.string().min(1).max(64), name: templateNameSchema }).strict(),
  'broker.sessions': z.object({}).strict(),
  'broker.retained': z.object({}).strict(),
  'broker.purgeSession': z.object({ clientId: mqttString('Client ID').min(1) }).strict(),
  'broker.purgeRetained': z.object({ topic: mqttString('Topic').min(1) }).strict(),
  /** This app's connections that are open now, with their options (a reloaded page reattaches). */
  'connections.live': z.object({}).strict(),
  /** What the trace store holds: every recorded session, open ones included, newest first. */
  'sessions.list': z.object({}).strict(),
  /** A session as the UI shows it (counts, times, type names, its story), live or past. */
  'sessions.view': z.object({ id: sessionId }).strict(),
  /** Rows of a session's packet list by range, filtered in the engine. */
  'sessions.rows': z.object({
    id: sessionId,
    from: z.number().int().min(0),
    count: z.number().int().min(1).max(MAX_ROWS_PER_REQUEST),
    ...rowFilter,
  }).strict(),
  /** Where a row is in the filtered list (-1 when the filter leaves it out). */
  'sessions.position': z.object({ id: sessionId, seq: z.number().int().min(0), ...rowFilter }).strict(),
  /** A time window's packets, or their density when there are too many, for the timeline. */
  'sessions.window': z.object({ id: sessionId, start: z.number(), end: z.number() }).strict(),
  /** A level of the session's topic tree (the top levels without `parent`), or the levels
   *  anywhere whose path holds `search`: counts, rate, newest value, retained state. */
  'sessions.topics': z.object({
    id: sessionId,
    parent: mqttString('Topic').optional(),
    search: z.string().min(1).max(256).optional(),
    limit: z.number().int().min(1).max(MAX_TOPIC_RESULTS),
  }).strict().refine((question) => question.parent === undefined || question.search === undefined, { message: 'Ask for a level or a search, not both', path: ['search'] }),
  /** A topic's messages, newest first; `beforeSeq` pages on from the oldest one shown. */
  'sessions.topicMessages': z.object({
    id: sessionId,
    topic: mqttString('Topic').min(1),
    beforeSeq: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(MAX_TOPIC_RESULTS),
  }).strict(),
  /** A topic's payloads as text, for a plot: the newest `limit` of its messages after
   *  `afterSeq` and before `beforeSeq`, oldest first; `beforeSeq` pages back. */
  'sessions.topicPayloads': z.object({
    id: sessionId,
    topic: mqttString('Topic').min(1),
    afterSeq: z.number().int().min(0).optional(),
    beforeSeq: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(MAX_PAYLOADS_PER_ANSWER),
  }).strict(),
  /** The retained messages the session received, newest per topic (cleared ones said so). */
  'sessions.retained': z.object({ id: sessionId, limit: z.number().int().min(1).max(MAX_TOPIC_RESULTS) }).strict(),
  /** A session's entries by range, live or past (bytes read from the store). */
  'sessions.entries': z.object({
    id: sessionId,
    from: z.number().int().min(0),
    count: z.number().int().min(1).max(MAX_ENTRIES_PER_REQUEST),
  }).strict(),
  /** The PUBLISH before `seq` on the same topic and in the same direction, looked for among
   *  at most PREVIOUS_ON_TOPIC_SCAN entries back (`complete` false: not found within them). */
  'sessions.previousOnTopic': z.object({ id: sessionId, seq: z.number().int().min(0) }).strict(),
  'sessions.delete': z.object({ id: sessionId }).strict(),
  /** A file the person opens (a saved trace, pcap or pcapng), sent in parts of at most
   *  FILE_PART_BYTES; the last part (`done`) reads it into sessions of the store. */
  'files.open': z.object({
    upload: z.string().uuid().optional(),
    name: z.string().max(FILE_NAME_MAX_CHARS),
    part: z.string().max(Math.ceil(FILE_PART_BYTES / 3) * 4).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'A part is base64'),
    done: z.boolean(),
  }).strict(),
  /** Sessions as one file to save (a trace, or pcapng for Wireshark), secrets blanked unless
   *  `includeSecrets`; read it with `files.read`. */
  'sessions.export': z.object({
    ids: z.array(sessionId).min(1).max(1000),
    format: z.enum(['trace', 'pcapng']),
    includeSecrets: z.boolean().optional(),
  }).strict(),
  /** A part of an export, from `offset`, at most FILE_PART_BYTES, base64. */
  'files.read': z.object({ download: z.string().uuid(), offset: z.number().int().min(0) }).strict(),
  /** The store's size cap: read it, or set it (the oldest closed sessions go past it).
   *  `deleting`: the sessions the person confirmed the cap deletes; when the store's own list
   *  holds any other, it refuses and deletes nothing (the page shows the new list again). */
  'sessions.settings': z.object({
    capBytes: z.number().int().min(TRACE_CAP_MIN_BYTES).max(Number.MAX_SAFE_INTEGER).optional(),
    deleting: z.array(sessionId).max(MAX_CONFIRMED_DELETES).optional(),
  }).strict(),
  /** The handshake lab's experiments: name, title, clause, expectation. */
  'lab.list': z.object({}).strict(),
  /** Runs experiments (all without `names`) against `broker`, or the local broker when one runs;
   *  one run at a time. Their connections are recorded and shown like any other. */
  'lab.run': z.object({
    names: z.array(z.string().min(1).max(LAB_RUN_LIMITS.nameChars)).min(1).max(LAB_RUN_LIMITS.names).optional(),
    broker: z.object({
      host: hostSchema(),
      port: portSchema(),
      username: mqttString('Username').optional(),
      password: mqttString('Password').optional(),
      tls: tlsSchema.optional(),
      websocket: websocketSchema.optional(),
    }).strict().optional(),
  }).strict(),
  /** The lab's results for the broker it tested last, as a Markdown conformance report (each
   *  experiment's latest result; a run against another broker starts the report over). */
  'lab.report': z.object({}).strict(),
} as const;

export type RequestName = keyof typeof requestSchemas;
export const REQUEST_NAMES = Object.keys(requestSchemas) as RequestName[];

export type RequestParams<N extends RequestName> = z.input<(typeof requestSchemas)[N]>;

export interface AppInfo {
  version: string;
  host: 'electron' | 'web';
  dataDir: string;
  /** True when saved secrets are encrypted by the OS keychain (Electron's safeStorage). */
  secretsEncrypted: boolean;
  /** When they are not: why, in words for the person. */
  secretsNote?: string;
}

export interface RunningBrokerInfo {
  kind: 'embedded' | 'mosquitto';
  host: string;
  port: number;
}

export interface RunningProxyInfo {
  host: string;
  port: number;
  targetHost: string;
  targetPort: number;
}

export interface RequestResults extends LiveResults {
  'app.info': AppInfo;
  'app.settings': { onQuit: 'disconnect' | 'drop' };
  'connection.open': { connectionId: string };
  'connection.close': { closed: boolean };
  'broker.start': RunningBrokerInfo;
  'broker.stop': { stopped: boolean };
  'local.status': { broker?: RunningBrokerInfo; proxy?: RunningProxyInfo };
  'proxy.start': RunningProxyInfo;
  'proxy.stop': { stopped: boolean };
  'profiles.list': { profiles: ProfileSummary[]; problems: ProfileProblem[] };
  'profiles.get': Profile;
  'profiles.save': ProfileSummary;
  'profiles.rename': ProfileSummary;
  'profiles.duplicate': ProfileSummary;
  'profiles.delete': { deleted: true };
  'profiles.export': ExportedProfiles;
  'profiles.import': { imported: ProfileSummary[]; problems: string[] };
  'profiles.saveTemplate': ProfileTemplates;
  'profiles.deleteTemplate': ProfileTemplates;
  'broker.sessions': BrokerSession[];
  'broker.retained': MessagePreview[];
  'broker.purgeSession': { purged: true };
  'broker.purgeRetained': { purged: true };
  'connections.live': { connections: { id: string; options: ConnectOptions }[] };
  'sessions.list': { sessions: SessionSummary[]; capBytes: number; problems: string[] };
  'sessions.view': SessionUpdate;
  'sessions.rows': { rows: RowView[]; total: number };
  'sessions.position': { position: number };
  'sessions.window': WindowContents;
  'sessions.entries': { entries: TraceEntry[]; total: number; open: boolean };
  'sessions.previousOnTopic': { seq?: number; scanned: number; complete: boolean };
  'sessions.topics': TopicsAnswer;
  'sessions.topicMessages': TopicMessagesAnswer;
  'sessions.topicPayloads': TopicPayloadsAnswer;
  'sessions.retained': RetainedAnswer;
  'sessions.delete': { deleted: true };
  /** `alreadyHeld`: the ids among `sessions` the store held before (the same recording opened again: shown, not copied). */
  'files.open': { upload: string; sessions?: SessionSummary[]; alreadyHeld?: string[]; problems?: string[] };
  'sessions.export': { download: string; name: string; size: number };
  'files.read': { part: string; done: boolean };
  'sessions.settings': { capBytes: number };
  'lab.list': { experiments: ExperimentInfo[] };
  'lab.run': { results: LabResult[] };
  'lab.report': { name: string; markdown: string };
}

export interface EventPayloads {
  /** Sessions that changed (new entries, a new step in their story), at most ten times a
   *  second: counts and stories, never the packets — those are asked for by range. */
  'trace.update': { sessions: SessionUpdate[] };
  /** What the local broker did on its own: connections, refusals, wills, takeovers. */
  'broker.event': BrokerEvent;
  /** What the lab runs now: sent before each experiment (`running`) and once when the run ends
   *  (without). `broker` is the target, so a view can tell a run against another broker. */
  'lab.progress': LabProgress;
  /** One experiment's result, as soon as it is known; `lab.run` still answers with them all. */
  'lab.result': LabResult;
  /** A repeated publication's progress, at most five times a second, and once when it ends. */
  'connection.repeat': RepeatProgress;
  /** A file the OS handed the desktop app (a double click, a second launch, File → Open),
   *  already read by the engine: its sessions to show, or how many profiles it imported. */
  'files.opened': FilesOpened;
  /** A command chosen in the desktop app's menu, carried out by the page as its button is. */
  'menu.command': { command: MenuCommand };
}
export type EventName = keyof EventPayloads;

export interface FilesOpened {
  name: string;
  kind: 'trace' | 'profiles';
  sessions: SessionSummary[];
  /** The ids among `sessions` the store held before: the same recording opened again. */
  alreadyHeld?: string[];
  /** Profiles imported, for a profiles file. */
  profiles?: number;
  problems: string[];
}

/** The menu's commands that the page carries out (they press the button the shortcut presses). */
export const MENU_COMMANDS = ['connect', 'disconnect', 'palette', 'drawer'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** What the renderer talks to, whichever host it runs under. */
export interface EngineApi {
  request<N extends RequestName>(name: N, params: RequestParams<N>): Promise<RequestResults[N]>;
  /** Subscribes to a pushed event; returns the function that unsubscribes. */
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
}

/** Messages on the browser-mode WebSocket. */
export const wireRequestSchema = z.object({
  id: z.number().int().nonnegative(),
  method: z.enum(REQUEST_NAMES as [RequestName, ...RequestName[]]),
  params: z.unknown(),
}).strict();
export type WireRequest = z.infer<typeof wireRequestSchema>;

export type WireMessage =
  | { id: number; result: unknown }
  | { id: number; error: string }
  | { event: EventName; payload: unknown };

/** Checks a request's parameters against the contract; throws an error a person can read. */
export function parseRequestParams<N extends RequestName>(name: N, params: unknown): z.output<(typeof requestSchemas)[N]> {
  const parsed = requestSchemas[name].safeParse(params);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'params'}: ${issue.message}`).join('; ');
    throw new Error(`Invalid parameters for ${name}: ${detail}`);
  }
  return parsed.data as z.output<(typeof requestSchemas)[N]>;
}
