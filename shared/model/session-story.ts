// The story of one connection, derived from its trace: the steps with their durations, what
// the CONNECT asked and the CONNACK granted, QoS flows, keep alive against its deadline, the end
// and, when it went wrong, a diagnosis. Raw bytes stay the source; this is read from them.
import { decode } from '../mqtt/decode';
import { findField, type Field } from '../mqtt/field';
import { toHex } from '../mqtt/hex';
import { propertyValues, type PropertyValues } from '../mqtt/property-values';
import { summarizeConnack, type ConnackSummary } from './connack';
import { diagnoseError, diagnoseRefusal, type Diagnosis } from './diagnosis';
import { diagnoseCapturedTls } from './captured-tls';
import { DIRECTION_WORDS, recordedFrom, type CloseCause, type Direction, type LifecycleEvent, type RecordedEntry, type RecordedFrameError, type RecordedPacket, type TraceEntry } from './trace';
import { reasonCodeMeaning } from '../mqtt/reason-codes';
import { FIELD_KEYS } from '../mqtt/field-keys';
import { fingerprintWithoutSecrets } from '../mqtt/secrets';
import { ANSWER_START_BYTES, diagnosePlainToTls } from './plain-to-tls';
import type { CaptureOrigin } from './capture';

/** The steps to a connection, by the lifecycle entry that ends each, with a long and a short name. */
const PHASES = {
  dns: { name: 'DNS lookup', short: 'DNS' },
  tcp: { name: 'TCP connect', short: 'TCP' },
  tls: { name: 'TLS handshake', short: 'TLS' },
  websocket: { name: 'WebSocket upgrade', short: 'WebSocket' },
  connack: { name: 'CONNECT → CONNACK', short: 'CONNECT → CONNACK' },
} as const;

export type { PropertyValues };

export interface Phase {
  name: (typeof PHASES)[keyof typeof PHASES]['name'];
  /** For a narrow place (the timeline). */
  short: (typeof PHASES)[keyof typeof PHASES]['short'];
  durationMs: number;
  start: number;
  end: number;
}


export interface ConnectRequest {
  /** The v5 CONNECT properties (empty before MQTT 5). */
  properties: PropertyValues;
  clientId: string;
  clean: boolean;
  keepAlive: number;
  /** The will's topic, when the CONNECT carried one. */
  willTopic?: string;
  protocolLevel: number;
  time: number;
  seq: number;
  /** The CONNECT's bytes in short, secrets aside: with `time`, what tells one connection seen
   *  twice (a copy of its recording) from a reconnect. */
  fingerprint: string;
}

export interface ConnackGrant extends ConnackSummary {
  time: number;
  seq: number;
  /** The v5 CONNACK properties: what the broker granted or told (empty before MQTT 5). */
  properties: PropertyValues;
  /** v5 properties the broker set (Server Keep Alive, Assigned Client Identifier, …). */
  serverKeepAlive?: number;
  assignedClientId?: string;
  serverReference?: string;
}

export interface QosFlow {
  /** Who started the flow: the publisher, or the client for (UN)SUBSCRIBE. */
  from: Direction;
  packetId: number;
  kind: 'PUBLISH QoS 1' | 'PUBLISH QoS 2' | 'SUBSCRIBE' | 'UNSUBSCRIBE';
  topic?: string;
  steps: { typeName: string; time: number; seq: number }[];
  complete: boolean;
  /** Never to complete: its packet id was used again before it did, or a long-running reader
   *  let it go (see `keepRecent`). */
  abandoned?: boolean;
}

export interface KeepAliveReport {
  /** Seconds: the CONNECT's keep alive, or the v5 Server Keep Alive that overrides it. */
  seconds: number;
  /** 1.5 × keep alive, after which the broker may close the connection [MQTT-3.1.2-24]. */
  deadlineMs: number;
  /** Each PINGREQ: `since` the client's previous packet, and the `deadline` that sets. */
  pings: { time: number; seq: number; since: number; deadline: number; roundTripMs?: number }[];
  /** The longest time the client sent nothing while connected. */
  longestSilenceMs: number;
  exceeded: boolean;
}

export interface SessionEnd {
  by: CloseCause;
  time: number;
  afterPacket?: string;
  /** Whether the client said goodbye with DISCONNECT; without one the broker publishes the will. */
  disconnectSent: boolean;
  error?: { code?: string; message: string };
}

export interface SessionStory {
  connectionId: string;
  /** Whose view of the connection this is: this app's client, the local broker's or the proxy's
   *  (a client of theirs), a capture read from a file or a live one (somebody else's client).
   *  Only `client` is this app's own. */
  origin: CaptureOrigin;
  /** For the broker's, the proxy's and a live capture's connections: the client's address. */
  peerAddress?: string;
  /** For a live capture's connections: the broker's address. */
  brokerAddress?: string;
  /** A live capture that began while the connection was open: no handshake to show. */
  joinedOpen?: true;
  phases: Phase[];
  /** The TLS session the broker agreed to, with its certificate chain. */
  tls?: Extract<LifecycleEvent, { phase: 'tls' }>;
  connect?: ConnectRequest;
  connack?: ConnackGrant;
  flows: QosFlow[];
  keepAlive?: KeepAliveReport;
  end?: SessionEnd;
  /** A recording read back that stops with the connection still open (saved while open, a
   *  capture stopped first): the time of its last record. Never set beside `end`. */
  recordingEnd?: number;
  diagnosis?: Diagnosis;
}

const FLOW_STEPS: Record<string, { kind: QosFlow['kind']; fromPublisher: boolean; last: boolean }> = {
  PUBACK: { kind: 'PUBLISH QoS 1', fromPublisher: false, last: true },
  PUBREC: { kind: 'PUBLISH QoS 2', fromPublisher: false, last: false },
  PUBREL: { kind: 'PUBLISH QoS 2', fromPublisher: true, last: false },
  PUBCOMP: { kind: 'PUBLISH QoS 2', fromPublisher: false, last: true },
  SUBACK: { kind: 'SUBSCRIBE', fromPublisher: false, last: true },
  UNSUBACK: { kind: 'UNSUBSCRIBE', fromPublisher: false, last: true },
};

const other = (dir: Direction): Direction => (dir === 'c2s' ? 's2c' : 'c2s');

/** Flows that share packet ids: a PUBLISH's (QoS 1 and 2 alike), a SUBSCRIBE's, an UNSUBSCRIBE's. */
const ID_FAMILY: Record<QosFlow['kind'], number> = { 'PUBLISH QoS 1': 0, 'PUBLISH QoS 2': 0, SUBSCRIBE: 1, UNSUBSCRIBE: 2 };
/** An open flow's key, a number (a flood's QoS 1 messages make no key strings): its packet id,
 *  its family of ids, and which side started it. */
const flowKey = (from: Direction, kind: QosFlow['kind'], packetId: number): number => packetId * 8 + ID_FAMILY[kind] * 2 + (from === 's2c' ? 1 : 0);

/** The tree the tap decoded; a packet read back from a file is decoded here. */
const treeOf = (entry: RecordedPacket) => entry.decoded ?? decode(entry.bytes, { protocolLevel: entry.protocolLevel });

function readConnect(entry: RecordedPacket): ConnectRequest | undefined {
  const bytes = entry.bytes;
  const packet = treeOf(entry);
  const clientId = findField(packet.fields, FIELD_KEYS.clientId)?.value;
  const clean = findField(packet.fields, FIELD_KEYS.cleanSession)?.value;
  const keepAlive = findField(packet.fields, FIELD_KEYS.keepAlive)?.value;
  const willTopic = findField(packet.fields, FIELD_KEYS.willTopic)?.value;
  if (typeof clean !== 'boolean' || typeof keepAlive !== 'number') return undefined;
  return {
    clientId: typeof clientId === 'string' ? clientId : '',
    clean,
    keepAlive,
    ...(typeof willTopic === 'string' ? { willTopic } : {}),
    protocolLevel: packet.protocolLevel,
    time: entry.time,
    seq: entry.seq,
    fingerprint: fingerprintWithoutSecrets(bytes, packet.fields),
    properties: propertyValues(findField(packet.fields, FIELD_KEYS.properties)),
  };
}

function readConnack(entry: RecordedPacket): ConnackGrant | undefined {
  const packet = treeOf(entry);
  const summary = summarizeConnack(packet);
  if (!summary) return undefined;
  const grant: ConnackGrant = { ...summary, time: entry.time, seq: entry.seq, properties: {} };
  if (summary.protocolLevel === 5) {
    grant.properties = propertyValues(findField(packet.fields, FIELD_KEYS.properties));
    const { 'Server Keep Alive': keepAlive, 'Assigned Client Identifier': assigned, 'Server Reference': reference } = grant.properties;
    if (typeof keepAlive === 'number') grant.serverKeepAlive = keepAlive;
    if (typeof assigned === 'string') grant.assignedClientId = assigned;
    if (typeof reference === 'string') grant.serverReference = reference;
  }
  return grant;
}

/** Reads a connection's story as its entries arrive: each entry is read once, so a trace of
 *  hundreds of thousands of packets costs one pass, and `story()` is cheap to call per batch. */
export class SessionStoryBuilder {
  private readonly phases: Phase[] = [];
  private readonly flows: QosFlow[] = [];
  private readonly openFlows = new Map<number, QosFlow>();
  private readonly pings: KeepAliveReport['pings'] = [];
  private origin: SessionStory['origin'];
  private peerAddress: string | undefined;
  private brokerAddress: string | undefined;
  private joinedOpen = false;
  private tls: SessionStory['tls'];
  private connect: ConnectRequest | undefined;
  private connack: ConnackGrant | undefined;
  private end: SessionEnd | undefined;
  private recordingEnd: number | undefined;
  private lastPacket: RecordedPacket | undefined;
  private brokerDisconnect: { code: number; time: number } | undefined;
  private disconnectSent = false;
  /** Flows completed or abandoned since the list was last trimmed. */
  private finishedFlows = 0;
  /** Index in `pings` of the oldest one without a PINGRESP. */
  private unansweredPing = 0;
  private unframed: RecordedFrameError | undefined;
  /** The first bytes the broker sent: enough to recognise a TLS answer to a plain CONNECT. */
  private readonly answerStart: number[] = [];
  /** Whether the client sent any byte (a packet, or bytes that are not one). */
  private clientSent = false;
  /** When the connection was up for MQTT: the end of its last step (TCP, TLS, WebSocket), or
   *  when the broker or the proxy accepted it. */
  private upAt: number | undefined;
  /** Client sends after the CONNACK: the last one, and the longest gap between two. */
  private lastClientSend: number | undefined;
  private longestClientGap = 0;

  /**
   * @param keepRecent how many finished QoS flows, and how many pings, a long-running reader
   *   keeps (the newest; open flows are always kept): a command line following a busy connection
   *   must not grow without a bound. The UI keeps them all.
   * @param recordedBy who recorded the connection, as its session record says: a recording read
   *   back keeps it (a capture is not this app's client). An `accepted` entry says it too.
   */
  constructor(
    readonly connectionId: string,
    private readonly keepRecent = Infinity,
    recordedBy: CaptureOrigin = 'client',
  ) {
    this.origin = recordedBy;
  }

  add(entry: RecordedEntry): void {
    if (entry.kind === 'lifecycle') return this.addLifecycle(entry.event, entry.time);
    if (entry.dir === 'c2s') this.clientSent = true;
    for (let at = 0; entry.dir === 's2c' && this.answerStart.length < ANSWER_START_BYTES && at < entry.bytes.length; at++) this.answerStart.push(entry.bytes[at]);
    if (entry.kind === 'frame-error') {
      // Kept: its own copy of the bytes, not a view of the chunk they came in.
      if (entry.dir === 's2c') this.unframed ??= { ...entry, bytes: entry.bytes.slice() };
      return;
    }
    this.addPacket(entry);
  }

  /** Entries as the engine records them, or read as hex (a page's, a test's). */
  addAll(entries: readonly (RecordedEntry | TraceEntry)[]): this {
    for (const entry of entries) this.add('hex' in entry ? recordedFrom(entry) : entry);
    return this;
  }

  /** The recording is over at `time` (a file read to its last record): without an end of its own
   *  the connection was still open then, which is all the recording can say. */
  recordingEnded(time: number): void {
    if (!this.end) this.recordingEnd = time;
  }

  private addLifecycle(event: LifecycleEvent, time: number): void {
    switch (event.phase) {
      case 'accepted':
        this.origin = event.by;
        this.peerAddress = event.clientAddress;
        if (event.by === 'capture') this.brokerAddress = event.localAddress;
        if (event.joinedOpen) this.joinedOpen = true;
        this.upAt = time;
        break;
      case 'dns':
      case 'tcp':
      case 'websocket':
      case 'tls':
        this.phases.push({ ...PHASES[event.phase], durationMs: event.durationMs, start: time - event.durationMs, end: time });
        if (event.phase !== 'dns') this.upAt = time;
        if (event.phase === 'tls') this.tls = event;
        break;
      case 'closed':
        this.end = { by: event.by, time, disconnectSent: this.disconnectSent, afterPacket: this.lastPacket && describeSender(this.lastPacket), ...(event.error ? { error: event.error } : {}) };
    }
  }

  private addPacket(entry: RecordedPacket): void {
    this.lastPacket = entry;
    const previousClientSend = this.lastClientSend ?? this.connack?.time ?? entry.time;
    if (entry.dir === 'c2s' && this.connack && entry.time >= this.connack.time) {
      this.longestClientGap = Math.max(this.longestClientGap, entry.time - (this.lastClientSend ?? this.connack.time));
      this.lastClientSend = entry.time;
    }
    switch (entry.typeName) {
      case 'CONNECT':
        this.connect ??= readConnect(entry);
        return;
      case 'CONNACK':
        if (!this.connack && entry.dir === 's2c') {
          this.connack = readConnack(entry);
          if (this.connect && this.connack) this.phases.push({ ...PHASES.connack, durationMs: this.connack.time - this.connect.time, start: this.connect.time, end: this.connack.time });
        }
        return;
      case 'PINGREQ':
        if (entry.dir === 'c2s') {
          this.pings.push({ time: entry.time, seq: entry.seq, since: previousClientSend, deadline: previousClientSend + deadlineMsOf(this.keepAliveSeconds() ?? 0) });
          if (this.pings.length > 2 * this.keepRecent) {
            const forgotten = this.pings.length - this.keepRecent;
            this.pings.splice(0, forgotten);
            this.unansweredPing = Math.max(0, this.unansweredPing - forgotten);
          }
        }
        return;
      case 'PINGRESP': {
        // The oldest ping not answered yet; pings are answered in order.
        const waiting = this.pings[this.unansweredPing];
        if (waiting) {
          waiting.roundTripMs = entry.time - waiting.time;
          this.unansweredPing++;
        }
        return;
      }
      case 'PUBLISH':
        // A QoS 0 PUBLISH starts no flow: its first byte says so without reading the rest.
        if (entry.facts.qos === 0) return;
    }
    const summary = entry.facts;
    switch (entry.typeName) {
      case 'DISCONNECT':
        if (entry.dir === 's2c') this.brokerDisconnect = { code: summary.reasonCode ?? 0, time: entry.time };
        else this.disconnectSent = true;
        return;
      case 'PUBLISH':
        if (summary.packetId !== undefined) {
          this.startFlow({ from: entry.dir, packetId: summary.packetId, kind: summary.qos === 1 ? 'PUBLISH QoS 1' : 'PUBLISH QoS 2', topic: summary.topic, steps: [{ typeName: 'PUBLISH', time: entry.time, seq: entry.seq }], complete: false });
        }
        return;
      case 'SUBSCRIBE':
      case 'UNSUBSCRIBE':
        if (summary.packetId !== undefined) {
          this.startFlow({ from: entry.dir, packetId: summary.packetId, kind: entry.typeName, topic: summary.topic, steps: [{ typeName: entry.typeName, time: entry.time, seq: entry.seq }], complete: false });
        }
        return;
    }
    const step = FLOW_STEPS[entry.typeName];
    if (!step || summary.packetId === undefined) return;
    const publisher = step.fromPublisher ? entry.dir : other(entry.dir);
    const key = flowKey(publisher, step.kind, summary.packetId);
    const flow = this.openFlows.get(key);
    if (!flow) return;
    flow.steps.push({ typeName: entry.typeName, time: entry.time, seq: entry.seq });
    if (step.last) {
      flow.complete = true;
      this.openFlows.delete(key);
      this.finished();
    }
  }

  /** A flow completed or was abandoned; past twice `keepRecent` of them, the oldest go. */
  private finished(): void {
    if (++this.finishedFlows <= 2 * this.keepRecent) return;
    let finished = this.finishedFlows;
    const kept = this.flows.filter((flow) => !(flow.complete || flow.abandoned) || finished-- <= this.keepRecent);
    this.flows.length = 0;
    this.flows.push(...kept);
    this.finishedFlows = this.keepRecent;
  }

  private startFlow(flow: QosFlow): void {
    const key = flowKey(flow.from, flow.kind, flow.packetId);
    // A packet id used again while its flow is open: that flow will never complete.
    const previous = this.openFlows.get(key);
    if (previous) this.abandon(key, previous);
    this.openFlows.set(key, flow);
    this.flows.push(flow);
    // A peer that never acknowledges must not grow a long-running reader's open flows either.
    if (this.openFlows.size > 2 * this.keepRecent) {
      const [oldestKey, oldest] = this.openFlows.entries().next().value!;
      this.abandon(oldestKey, oldest);
    }
  }

  private abandon(key: number, flow: QosFlow): void {
    flow.abandoned = true;
    this.openFlows.delete(key);
    this.finished();
  }

  /** The story so far. Its lists grow in place as entries arrive; the object itself is new. */
  story(): SessionStory {
    const story: SessionStory = { connectionId: this.connectionId, origin: this.origin, phases: this.phases, flows: this.flows };
    if (this.peerAddress) story.peerAddress = this.peerAddress;
    if (this.brokerAddress) story.brokerAddress = this.brokerAddress;
    if (this.joinedOpen) story.joinedOpen = true;
    if (this.tls) story.tls = this.tls;
    if (this.connect) story.connect = this.connect;
    if (this.connack) story.connack = this.connack;
    if (this.end) story.end = this.end;
    else if (this.recordingEnd !== undefined) story.recordingEnd = this.recordingEnd;
    story.keepAlive = this.keepAliveReport();
    story.diagnosis = diagnose(story, this.brokerDisconnect, this.unframed, this.answerStart, this.clientSent ? undefined : this.upAt);
    return story;
  }

  /** The CONNECT's keep alive, or the v5 Server Keep Alive that overrides it. */
  private keepAliveSeconds(): number | undefined {
    return this.connack?.serverKeepAlive ?? this.connect?.keepAlive;
  }

  private keepAliveReport(): KeepAliveReport | undefined {
    const connack = this.connack;
    const seconds = this.keepAliveSeconds();
    if (!connack?.accepted || !seconds) return undefined;
    const deadlineMs = deadlineMsOf(seconds);
    const lastSend = this.lastClientSend ?? connack.time;
    const until = this.end?.time ?? lastSend;
    const longestSilenceMs = Math.max(this.longestClientGap, until - lastSend);
    return { seconds, deadlineMs, pings: this.pings, longestSilenceMs, exceeded: longestSilenceMs > deadlineMs };
  }
}

/** 1.5 × keep alive: past it without a packet the broker may close the connection [MQTT-3.1.2-24]. */
const deadlineMsOf = (keepAliveSeconds: number) => keepAliveSeconds * 1500;

const describeSender = (entry: RecordedPacket) => `${entry.typeName} (${DIRECTION_WORDS[entry.dir]})`;

export function buildSessionStory(connectionId: string, entries: readonly (RecordedEntry | TraceEntry)[]): SessionStory {
  return new SessionStoryBuilder(connectionId).addAll(entries).story();
}

const HTTP_START = [0x48, 0x54, 0x54, 0x50, 0x2f]; // "HTTP/"

function looksLikeHttp(bytes: Uint8Array): boolean {
  return HTTP_START.every((byte, at) => bytes[at] === byte);
}

/**
 * @param silentSince when the connection was up, for a client that has sent nothing since: a
 *   broker closing it then is not answering anything, it stopped waiting (its connect timeout).
 */
function diagnose(story: SessionStory, brokerDisconnect: { code: number; time: number } | undefined, unframed: RecordedFrameError | undefined, answerStart: readonly number[], silentSince: number | undefined): Diagnosis | undefined {
  const { end, connack } = story;
  // A capture of MQTT over TLS: the handshake is all it can read; what went wrong is said there.
  if (story.tls?.passive) return diagnoseCapturedTls(story.tls, end?.error);
  // Joined after the handshake: nothing to say of a CONNECT or a CONNACK it never saw.
  if (story.joinedOpen && !story.connect) return end?.error ? diagnoseError(end.error) : undefined;
  if (connack && !connack.accepted) return diagnoseRefusal(connack.code, connack.protocolLevel, connack.serverReference);
  if (unframed?.reason === 'oversize') {
    return { layer: 'MQTT', title: 'The broker sent a packet larger than the maximum packet size', detail: unframed.message, hint: 'Raise the maximum packet size, or find out what the broker sends (a retained message?).' };
  }
  if (unframed && looksLikeHttp(unframed.bytes)) {
    return { layer: 'MQTT', title: 'The port answered in HTTP, not MQTT', detail: 'The broker side sent an HTTP response to the CONNECT.', hint: 'This is a web port; use the broker’s MQTT port, or ws:// with its WebSocket path.' };
  }
  const plainToTls = diagnosePlainToTls(story, answerStart);
  if (plainToTls) return plainToTls;
  if (unframed && !connack) {
    return {
      layer: 'MQTT',
      title: 'The broker sent bytes that are not MQTT',
      detail: `${unframed.message} (${unframed.bytes.length} bytes, starting ${toHex(unframed.bytes, 0, Math.min(8, unframed.bytes.length))}).`,
      hint: 'Check that the port is an MQTT broker’s, and that TLS or WebSocket is used where the broker expects them.',
    };
  }
  if (end?.error) return diagnoseError(end.error);
  if (!end || end.by !== 'broker') return undefined;
  if (!connack && !story.connect && silentSince !== undefined) {
    return {
      layer: 'MQTT',
      title: 'No CONNECT was sent',
      detail: `No CONNECT was sent; the broker closed the connection after ${((end.time - silentSince) / 1000).toFixed(1)} s (its connect timeout).`,
      hint: 'Send the CONNECT as soon as the connection is up: a broker closes a connection that sends none within its connect timeout (3.1).',
    };
  }
  if (!connack) {
    return {
      layer: 'MQTT',
      title: 'The broker closed the connection without a CONNACK',
      detail: story.connect ? `It closed ${(end.time - story.connect.time).toFixed(0)} ms after the CONNECT, without answering it.` : 'It closed before any CONNECT was sent.',
      hint: 'The port may expect TLS (try mqtts://) or WebSocket (ws://), or the broker found the CONNECT malformed or its version unsupported; its log says which.',
    };
  }
  if (brokerDisconnect && brokerDisconnect.code !== 0) {
    const meaning = reasonCodeMeaning('DISCONNECT', brokerDisconnect.code);
    return {
      layer: 'MQTT',
      title: `The broker disconnected the client: ${meaning?.name ?? 'unknown reason'} (0x${brokerDisconnect.code.toString(16).padStart(2, '0')})`,
      detail: meaning?.explanation ?? 'The reason code is not defined by the specification.',
      hint: brokerDisconnect.code === 0x8e ? 'Another client connected with the same client id; give each client its own id.' : 'See the reason; the broker’s log has more.',
    };
  }
  if (story.keepAlive?.exceeded) {
    return {
      layer: 'MQTT',
      title: 'Keep-alive timeout',
      detail: `The client sent nothing for ${(story.keepAlive.longestSilenceMs / 1000).toFixed(1)} s; the broker may close after ${(story.keepAlive.deadlineMs / 1000).toFixed(1)} s (1.5 × keep alive).`,
      hint: 'Send PINGREQ before the keep alive runs out, or raise the keep alive.',
    };
  }
  return {
    layer: 'MQTT',
    title: 'The broker dropped the connection after accepting it',
    detail: `It closed the connection after ${end.afterPacket ?? 'the CONNACK'}.`,
    hint: 'Often another client with the same client id took over the session, or an access rule refused a PUBLISH or SUBSCRIBE (MQTT 3 has no other way to say no).',
  };
}
