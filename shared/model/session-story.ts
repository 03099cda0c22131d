// The story of one connection, derived from its trace: the steps with their durations, what
// the CONNECT asked and the CONNACK granted, QoS flows, keep alive against its deadline, the end
// and, when it went wrong, a diagnosis. Raw bytes stay the source; this is read from them.
import { decode } from '../mqtt/decode';
import { findField, fromHex, type Field } from '../mqtt/field';
import { PROPERTY_BY_ID } from '../mqtt/properties';
import { summarize } from '../mqtt/summary';
import { summarizeConnack, type ConnackSummary } from './connack';
import { diagnoseError, diagnoseRefusal, type Diagnosis } from './diagnosis';
import type { CloseCause, Direction, FrameErrorEntry, LifecycleEvent, PacketEntry, TraceEntry } from './trace';
import { reasonCodeMeaning } from '../mqtt/reason-codes';

export interface Phase {
  name: 'DNS lookup' | 'TCP connect' | 'TLS handshake' | 'WebSocket upgrade' | 'CONNECT → CONNACK';
  durationMs: number;
}

/** A v5 property block by property name; a user property reads `key=value`, repeated ones join. */
export type PropertyValues = Record<string, string | number>;

export interface ConnectRequest {
  /** The v5 CONNECT properties (empty before MQTT 5). */
  properties: PropertyValues;
  clientId: string;
  clean: boolean;
  keepAlive: number;
  protocolLevel: number;
  time: number;
}

export interface ConnackGrant extends ConnackSummary {
  time: number;
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
  steps: { typeName: string; time: number }[];
  complete: boolean;
}

export interface KeepAliveReport {
  /** Seconds: the CONNECT's keep alive, or the v5 Server Keep Alive that overrides it. */
  seconds: number;
  /** 1.5 × keep alive, after which the broker may close the connection [MQTT-3.1.2-24]. */
  deadlineMs: number;
  pings: { time: number; roundTripMs?: number }[];
  /** The longest time the client sent nothing while connected. */
  longestSilenceMs: number;
  exceeded: boolean;
}

export interface SessionEnd {
  by: CloseCause;
  time: number;
  afterPacket?: string;
  error?: { code?: string; message: string };
}

export interface SessionStory {
  connectionId: string;
  phases: Phase[];
  /** The TLS session the broker agreed to, with its certificate chain. */
  tls?: Extract<LifecycleEvent, { phase: 'tls' }>;
  connect?: ConnectRequest;
  connack?: ConnackGrant;
  flows: QosFlow[];
  keepAlive?: KeepAliveReport;
  end?: SessionEnd;
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

/** A property block's values by property name. */
export function propertyValues(block: Field | undefined): PropertyValues {
  const values: PropertyValues = {};
  for (const property of block?.children ?? []) {
    if (property.key !== 'mqtt.property_id') continue;
    const name = PROPERTY_BY_ID[property.value as number]?.name ?? `0x${(property.value as number).toString(16)}`;
    const parts = (property.children ?? []).filter((child) => !child.key.endsWith('_len')).map((child) => child.value);
    const value = parts.length === 2 ? `${parts[0]}=${parts[1]}` : (parts[0] as string | number);
    values[name] = name in values ? `${values[name]}, ${value}` : value;
  }
  return values;
}

function readConnect(entry: PacketEntry): ConnectRequest | undefined {
  const packet = decode(fromHex(entry.hex)!, { protocolLevel: entry.protocolLevel });
  const clientId = findField(packet.fields, 'mqtt.clientid')?.value;
  const clean = findField(packet.fields, 'mqtt.conflag.cleansess')?.value;
  const keepAlive = findField(packet.fields, 'mqtt.kalive')?.value;
  if (typeof clean !== 'boolean' || typeof keepAlive !== 'number') return undefined;
  return { clientId: typeof clientId === 'string' ? clientId : '', clean, keepAlive, protocolLevel: packet.protocolLevel, time: entry.time, properties: propertyValues(findField(packet.fields, 'mqtt.properties')) };
}

function readConnack(entry: PacketEntry): ConnackGrant | undefined {
  const summary = summarizeConnack(entry.hex, entry.protocolLevel);
  if (!summary) return undefined;
  const grant: ConnackGrant = { ...summary, time: entry.time, properties: {} };
  if (summary.protocolLevel === 5) {
    const packet = decode(fromHex(entry.hex)!, { protocolLevel: 5 });
    grant.properties = propertyValues(findField(packet.fields, 'mqtt.properties'));
    const { 'Server Keep Alive': keepAlive, 'Assigned Client Identifier': assigned, 'Server Reference': reference } = grant.properties;
    if (typeof keepAlive === 'number') grant.serverKeepAlive = keepAlive;
    if (typeof assigned === 'string') grant.assignedClientId = assigned;
    if (typeof reference === 'string') grant.serverReference = reference;
  }
  return grant;
}

export function buildSessionStory(connectionId: string, entries: readonly TraceEntry[]): SessionStory {
  const story: SessionStory = { connectionId, phases: [], flows: [] };
  const openFlows = new Map<string, QosFlow>();
  const clientSends: number[] = [];
  const pings: KeepAliveReport['pings'] = [];
  let lastPacket: string | undefined;
  let brokerDisconnect: { code: number; time: number } | undefined;
  let unframed: FrameErrorEntry | undefined;

  for (const entry of entries) {
    if (entry.kind === 'lifecycle') {
      const event = entry.event;
      if (event.phase === 'dns') story.phases.push({ name: 'DNS lookup', durationMs: event.durationMs });
      if (event.phase === 'tcp') story.phases.push({ name: 'TCP connect', durationMs: event.durationMs });
      if (event.phase === 'websocket') story.phases.push({ name: 'WebSocket upgrade', durationMs: event.durationMs });
      if (event.phase === 'tls') {
        story.phases.push({ name: 'TLS handshake', durationMs: event.durationMs });
        story.tls = event;
      }
      if (event.phase === 'closed') story.end = { by: event.by, time: entry.time, afterPacket: lastPacket, ...(event.error ? { error: event.error } : {}) };
      continue;
    }
    if (entry.kind === 'frame-error') {
      if (entry.dir === 's2c') unframed ??= entry;
      continue;
    }
    lastPacket = `${entry.typeName} (${entry.dir === 'c2s' ? 'client → broker' : 'broker → client'})`;
    if (entry.dir === 'c2s') clientSends.push(entry.time);
    const summary = summarize(fromHex(entry.hex)!, entry.protocolLevel);
    switch (entry.typeName) {
      case 'CONNECT':
        story.connect ??= readConnect(entry);
        break;
      case 'CONNACK':
        if (!story.connack && entry.dir === 's2c') {
          story.connack = readConnack(entry);
          if (story.connect && story.connack) story.phases.push({ name: 'CONNECT → CONNACK', durationMs: story.connack.time - story.connect.time });
        }
        break;
      case 'PINGREQ':
        if (entry.dir === 'c2s') pings.push({ time: entry.time });
        break;
      case 'PINGRESP': {
        const waiting = pings.find((ping) => ping.roundTripMs === undefined);
        if (waiting) waiting.roundTripMs = entry.time - waiting.time;
        break;
      }
      case 'DISCONNECT':
        if (entry.dir === 's2c') brokerDisconnect = { code: summary.reasonCode ?? 0, time: entry.time };
        break;
      case 'PUBLISH':
        if ((summary.qos ?? 0) > 0 && summary.packetId !== undefined) {
          const flow: QosFlow = { from: entry.dir, packetId: summary.packetId, kind: summary.qos === 1 ? 'PUBLISH QoS 1' : 'PUBLISH QoS 2', topic: summary.topic, steps: [{ typeName: 'PUBLISH', time: entry.time }], complete: false };
          openFlows.set(`${entry.dir}:publish:${summary.packetId}`, flow);
          story.flows.push(flow);
        }
        break;
      case 'SUBSCRIBE':
      case 'UNSUBSCRIBE':
        if (summary.packetId !== undefined) {
          const flow: QosFlow = { from: entry.dir, packetId: summary.packetId, kind: entry.typeName, topic: summary.topic, steps: [{ typeName: entry.typeName, time: entry.time }], complete: false };
          openFlows.set(`${entry.dir}:${entry.typeName === 'SUBSCRIBE' ? 'sub' : 'unsub'}:${summary.packetId}`, flow);
          story.flows.push(flow);
        }
        break;
      default: {
        const step = FLOW_STEPS[entry.typeName];
        if (!step || summary.packetId === undefined) break;
        const publisher = step.fromPublisher ? entry.dir : other(entry.dir);
        const family = step.kind === 'SUBSCRIBE' ? 'sub' : step.kind === 'UNSUBSCRIBE' ? 'unsub' : 'publish';
        const key = `${publisher}:${family}:${summary.packetId}`;
        const flow = openFlows.get(key);
        if (!flow) break;
        flow.steps.push({ typeName: entry.typeName, time: entry.time });
        if (step.last) {
          flow.complete = true;
          openFlows.delete(key);
        }
      }
    }
  }

  story.keepAlive = keepAliveReport(story, clientSends, pings);
  story.diagnosis = diagnose(story, brokerDisconnect, unframed);
  return story;
}

function keepAliveReport(story: SessionStory, clientSends: number[], pings: KeepAliveReport['pings']): KeepAliveReport | undefined {
  const seconds = story.connack?.serverKeepAlive ?? story.connect?.keepAlive;
  if (!story.connack?.accepted || !seconds) return undefined;
  const deadlineMs = seconds * 1500;
  const until = story.end?.time ?? clientSends.at(-1) ?? story.connack.time;
  const times = [...clientSends.filter((time) => time >= story.connack!.time), until];
  let longestSilenceMs = 0;
  let previous = story.connack.time;
  for (const time of times) {
    longestSilenceMs = Math.max(longestSilenceMs, time - previous);
    previous = time;
  }
  return { seconds, deadlineMs, pings, longestSilenceMs, exceeded: longestSilenceMs > deadlineMs };
}

function looksLikeHttp(hex: string): boolean {
  return hex.startsWith('485454502f'); // "HTTP/"
}

function diagnose(story: SessionStory, brokerDisconnect: { code: number; time: number } | undefined, unframed: FrameErrorEntry | undefined): Diagnosis | undefined {
  const { end, connack } = story;
  if (connack && !connack.accepted) return diagnoseRefusal(connack.code, connack.protocolLevel, connack.serverReference);
  if (unframed?.reason === 'oversize') {
    return { layer: 'MQTT', title: 'The broker sent a packet larger than the maximum packet size', detail: unframed.message, hint: 'Raise the maximum packet size, or find out what the broker sends (a retained message?).' };
  }
  if (unframed && looksLikeHttp(unframed.hex)) {
    return { layer: 'MQTT', title: 'The port answered in HTTP, not MQTT', detail: 'The broker side sent an HTTP response to the CONNECT.', hint: 'This is a web port; use the broker’s MQTT port, or ws:// with its WebSocket path.' };
  }
  if (unframed && !connack) {
    return {
      layer: 'MQTT',
      title: 'The broker sent bytes that are not MQTT',
      detail: `${unframed.message} (${unframed.hex.length / 2} bytes, starting ${unframed.hex.slice(0, 16)}).`,
      hint: 'Check that the port is an MQTT broker’s, and that TLS or WebSocket is used where the broker expects them.',
    };
  }
  if (end?.error) return diagnoseError(end.error);
  if (!end || end.by !== 'broker') return undefined;
  if (!connack) {
    return {
      layer: 'MQTT',
      title: 'The broker closed the connection without a CONNACK',
      detail: story.connect ? `It closed ${(end.time - story.connect.time).toFixed(0)} ms after the CONNECT, without answering it.` : 'It closed before any CONNECT was sent.',
      hint: 'The port may not speak plain MQTT (TLS or WebSocket port?), or the broker found the CONNECT malformed or its version unsupported; its log says which.',
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
