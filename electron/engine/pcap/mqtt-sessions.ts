// Decides which TCP streams carry MQTT and turns each into a captured session. A stream is MQTT
// when one side opens with a CONNECT, when it uses a port MQTT is known on (1883, 8883, the one
// the caller names) or any port a CONNECT was seen going to: a client whose first packet is not
// a CONNECT is exactly what a person needs to see.
import { formatEndpoint, type CaptureLifecycle, type CapturedSession } from '@shared/model/capture';
import { DEFAULT_PORTS } from '@shared/model/broker-url';
import { CONNECT_SNIFF_LENGTH, looksLikeConnect } from './looks-like-connect';
import type { StreamSide, TcpStream } from './tcp-streams';

export interface MqttSessionOptions {
  /** A port to take as MQTT whatever its streams hold; its side is the broker. */
  port?: number;
}

const other = (side: StreamSide): StreamSide => (side === 0 ? 1 : 0);

/** The first bytes a side sent, across pieces, up to what the CONNECT check reads. */
function firstBytes(stream: TcpStream, side: StreamSide): Uint8Array {
  const start = new Uint8Array(CONNECT_SNIFF_LENGTH);
  let length = 0;
  for (const piece of stream.pieces) {
    if (piece.from !== side) continue;
    const taken = piece.bytes.subarray(0, CONNECT_SNIFF_LENGTH - length);
    start.set(taken, length);
    length += taken.length;
    if (length === CONNECT_SNIFF_LENGTH) break;
  }
  return start.subarray(0, length);
}

function connectSender(stream: TcpStream): StreamSide | undefined {
  if (looksLikeConnect(firstBytes(stream, 0))) return 0;
  if (looksLikeConnect(firstBytes(stream, 1))) return 1;
  return undefined;
}

export function mqttSessions(streams: readonly TcpStream[], options: MqttSessionOptions = {}): CapturedSession[] {
  const senders = streams.map(connectSender);
  const mqttPorts = new Set<number>([DEFAULT_PORTS.mqtt, DEFAULT_PORTS.mqtts]);
  if (options.port !== undefined) mqttPorts.add(options.port);
  streams.forEach((stream, index) => {
    const sender = senders[index];
    if (sender !== undefined) mqttPorts.add(stream.ends[other(sender)].port);
  });

  const sessions: CapturedSession[] = [];
  streams.forEach((stream, index) => {
    const sender = senders[index];
    const onMqttPort = stream.ends.map((end) => mqttPorts.has(end.port));
    if (sender === undefined && !onMqttPort[0] && !onMqttPort[1]) return;
    sessions.push(toSession(stream, clientSide(stream, sender, onMqttPort, options.port)));
  });
  return sessions;
}

/** The forced port's side is the broker; else the CONNECT's sender is the client; else the side off the MQTT port; else whoever opened. */
function clientSide(stream: TcpStream, sender: StreamSide | undefined, onMqttPort: boolean[], forcedPort: number | undefined): StreamSide {
  const forced = stream.ends.map((end) => end.port === forcedPort);
  if (forced[0] !== forced[1]) return forced[0] ? 1 : 0;
  if (sender !== undefined) return sender;
  if (onMqttPort[0] !== onMqttPort[1]) return onMqttPort[0] ? 1 : 0;
  return stream.syn?.from ?? 0;
}

function toSession(stream: TcpStream, clientIs: StreamSide): CapturedSession {
  const client = stream.ends[clientIs];
  const broker = stream.ends[other(clientIs)];
  const role = (side: StreamSide) => (side === clientIs ? 'client' : 'broker');
  const lifecycle: CaptureLifecycle[] = [];
  if (stream.syn?.answered !== undefined && stream.syn.from === clientIs) {
    const event = { phase: 'tcp', localAddress: formatEndpoint(client), remoteAddress: formatEndpoint(broker), durationMs: stream.syn.answered - stream.syn.time } as const;
    lifecycle.push({ time: stream.syn.answered, event });
  }
  if (stream.end) {
    const by = role(stream.end.from);
    const event = stream.end.reset
      ? ({ phase: 'closed', by: 'error', error: { code: 'ECONNRESET', message: `The ${by} reset the connection (TCP RST)` } } as const)
      : ({ phase: 'closed', by } as const);
    lifecycle.push({ time: stream.end.time, event });
  }
  return {
    id: `stream-${stream.index}`,
    origin: 'file',
    label: `${formatEndpoint(client)} → ${formatEndpoint(broker)}`,
    client,
    broker,
    startTime: stream.firstTime,
    chunks: stream.pieces.map((piece) => ({ dir: piece.from === clientIs ? 'c2s' : 's2c', time: piece.time, bytes: piece.bytes })),
    lifecycle,
  };
}
