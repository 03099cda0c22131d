// TCP connections seen on an interface, as they happen: each direction put back in order, and
// each connection that carries MQTT (a side opens with a CONNECT, or an end is on an MQTT port)
// or TLS (a side opens with a ClientHello) told to a tap of its own as its bytes become readable;
// over TLS, what its handshake shows. A connection already open when the
// capture began is read from its first whole packet, and the bytes before it are said.
// Memory is bounded: finished connections are let go, and past MAX_LIVE_CONNECTIONS the one
// silent longest is; past MAX_LIVE_HELD_BYTES held out of order by all of them, the ones heard
// from longest ago give up their gaps (said, as not waited for) and deliver what they held.
import { formatEndpoint, type CaptureEndpoint } from '@shared/model/capture';
import { formatBytes } from '@shared/format-bytes';
import type { Direction } from '@shared/model/trace';
import { PACKET_TYPE_IDS, REQUIRED_HEADER_FLAGS, type PacketTypeId } from '@shared/mqtt/constants';
import { headerFlagsOf, packetLength, packetTypeOf, publishQos, readFixedHeader } from '@shared/mqtt/fixed-header';
import { VBI_INCOMPLETE, VBI_MALFORMED } from '@shared/mqtt/variable-byte-integer';
import { concatBytes } from '@shared/mqtt/field';
import { DEFAULT_PORTS } from '@shared/model/broker-url';
import { CONNECT_SNIFF_LENGTH, looksLikeConnect } from '../pcap/looks-like-connect';
import { looksLikeTlsClientHello } from './looks-like-tls';
import { TlsHandshakeReader, type TlsHandshakeSummary } from './tls-handshake';
import { TCP_FLAGS } from '../pcap/tcp-ip';
import { TcpReassembly, type HeldCount } from '../pcap/tcp-reassembly';
import { connectionKey, type TcpSegmentInput } from '../pcap/tcp-streams';
import { JOIN_SCAN_BYTES, MAX_LIVE_CONNECTIONS, MAX_LIVE_HELD_BYTES, SKIPPED_SAMPLE_BYTES } from '../limits';

/** What the capture tells of one MQTT connection; see ConnectionTap. */
export interface LiveTap {
  bytes(dir: Direction, chunk: Uint8Array, time: number): void;
  /** Bytes before the first whole packet of a connection joined while open. */
  skipped(dir: Direction, bytes: Uint8Array, message: string, time: number): void;
  tcp(durationMs: number, time: number): void;
  closed(by: 'client' | 'broker' | 'error', error: { code?: string; message: string } | undefined, time: number): void;
  /** The capture stopped following the connection while it was open: its recording ends here. */
  ended(time: number): void;
  /** A TLS connection's handshake, as far as the capture could read it: told once, when it
   *  completed or failed, or when the connection ended before either. */
  tls(summary: TlsHandshakeSummary, durationMs: number, time: number): void;
}

export interface LiveConnection {
  client: CaptureEndpoint;
  broker: CaptureEndpoint;
  startTime: number;
  /** The capture began while it was open: its SYN was not seen. */
  joinedOpen: boolean;
}

type Side = 0 | 1;

interface MqttFollowed {
  tap: LiveTap;
  client: Side;
  /** Per side: joined while open, its first whole packet not found yet; the bytes skipped so far. */
  joined: [boolean, boolean];
  skipped: [number, number];
  tls?: TlsFollowed;
}

interface TlsFollowed {
  reader: TlsHandshakeReader;
  /** When the client's first byte came. */
  start: number;
  told: boolean;
}

interface Tracked {
  ends: [CaptureEndpoint, CaptureEndpoint];
  /** The first end's key, to tell which side a segment came from. */
  firstEnd: string;
  firstTime: number;
  lastTime: number;
  syn?: { from: Side; time: number; answered?: number };
  reassembly: [TcpReassembly, TcpReassembly];
  /** Undecided until the first bytes come; then an MQTT connection's tap (its handshake's reader
   *  when it is MQTT over TLS), or false. */
  mqtt: MqttFollowed | false | undefined;
  /** The first bytes of each side while undecided (a CONNECT may come in pieces). */
  start: [Uint8Array, Uint8Array];
  /** What came while undecided, each piece with its side and time, in the order it came. */
  pending: { from: Side; bytes: Uint8Array; time: number }[];
  finished: [boolean, boolean];
  /** The side whose FIN came first: the one that closed. */
  closer?: Side;
  /** Set while its gaps are given up for want of room, not because it ended. */
  givingUp?: boolean;
}

const { syn, ack, fin, rst } = TCP_FLAGS;
const other = (side: Side): Side => (side === 0 ? 1 : 0);

export class LiveStreams {
  private readonly open = new Map<string, Tracked>();
  private readonly held: HeldCount = { bytes: 0 };

  constructor(
    /** Ports taken as MQTT whatever their connections hold (a CONNECT's port joins them). */
    private readonly mqttPorts: Set<number>,
    private readonly tapFor: (connection: LiveConnection) => LiveTap,
    private readonly maxHeldBytes = MAX_LIVE_HELD_BYTES,
  ) {}

  get connections(): number {
    return this.open.size;
  }

  /** Bytes held out of order, all connections together. */
  get heldBytes(): number {
    return this.held.bytes;
  }

  accept(segment: TcpSegmentInput): void {
    const source = formatEndpoint(segment.source);
    const key = connectionKey(source, formatEndpoint(segment.destination));
    let tracked = this.open.get(key);
    if (!tracked) {
      tracked = this.track(segment, source);
      this.open.set(key, tracked);
    } else {
      // Most recently heard at the end: the one silent longest is first to go.
      this.open.delete(key);
      this.open.set(key, tracked);
    }
    const from: Side = tracked.firstEnd === source ? 0 : 1;
    tracked.lastTime = segment.time;
    if (segment.flags & syn) {
      if (!(segment.flags & ack)) tracked.syn ??= { from, time: segment.time };
      else if (tracked.syn && tracked.syn.from !== from && tracked.syn.answered === undefined) tracked.syn.answered = segment.time;
    }
    tracked.reassembly[from].accept(segment.seq, (segment.flags & syn) !== 0, segment.payload, segment.time, segment.offset);
    if (this.held.bytes > this.maxHeldBytes) this.giveUpGaps();
    if (segment.flags & (fin | rst)) {
      const reset = (segment.flags & rst) !== 0;
      if (reset) tracked.finished = [true, true];
      else tracked.finished[from] = true;
      tracked.closer ??= from;
      // Over: what it held past a gap is told before its end.
      if (tracked.finished[0] && tracked.finished[1]) deliverHeld(tracked);
      if (reset && this.refusedBeforeBytes(tracked, from, segment.time)) {
        this.open.delete(key);
        return;
      }
      if (tracked.mqtt) {
        tellTls(tracked.mqtt, segment.time, true);
        const by = (reset ? from : tracked.closer) === tracked.mqtt.client ? 'client' : 'broker';
        if (reset) tracked.mqtt.tap.closed('error', { code: 'ECONNRESET', message: `The ${by} reset the connection (TCP RST)` }, segment.time);
        else if (tracked.finished[0] && tracked.finished[1]) tracked.mqtt.tap.closed(by, undefined, segment.time);
      }
      if (tracked.finished[0] && tracked.finished[1]) this.open.delete(key);
    }
    if (this.open.size > MAX_LIVE_CONNECTIONS) this.forgetOldest();
  }

  /** The capture stopped: the recordings of connections still open end here (not the connections). */
  stop(time: number): void {
    for (const tracked of this.open.values()) {
      deliverHeld(tracked);
      if (!tracked.mqtt) continue;
      tellTls(tracked.mqtt, time, true);
      tracked.mqtt.tap.ended(time);
    }
    this.open.clear();
  }

  private forgetOldest(): void {
    const [key, tracked] = this.open.entries().next().value!;
    deliverHeld(tracked);
    if (tracked.mqtt) {
      tellTls(tracked.mqtt, tracked.lastTime, true);
      tracked.mqtt.tap.ended(tracked.lastTime);
    }
    this.open.delete(key);
  }

  /**
   * A reset before either side sent a byte, on a connection dialled to an MQTT port: a device that
   * cannot reach its broker, the commonest trouble of all. Told as a session of its own: refused
   * (the reset answered the SYN), or reset once up.
   */
  private refusedBeforeBytes(tracked: Tracked, from: Side, time: number): boolean {
    const dialled = tracked.syn;
    if (tracked.mqtt !== undefined || !dialled || tracked.start[0].length + tracked.start[1].length > 0) return false;
    const client = dialled.from;
    const broker = other(client);
    if (!this.mqttPorts.has(tracked.ends[broker].port)) return false;
    const tap = this.tapFor({ client: tracked.ends[client], broker: tracked.ends[broker], startTime: tracked.firstTime, joinedOpen: false });
    tracked.mqtt = { tap, client, joined: [false, false], skipped: [0, 0] };
    if (dialled.answered === undefined) {
      tap.closed('error', { code: 'ECONNREFUSED', message: `${formatEndpoint(tracked.ends[broker])} refused the TCP connection: a reset (RST) answered its SYN` }, time);
    } else {
      tap.tcp(dialled.answered - dialled.time, dialled.answered);
      tap.closed('error', { code: 'ECONNRESET', message: `The ${from === client ? 'client' : 'broker'} reset the connection (TCP RST) before either side sent a byte` }, time);
    }
    return true;
  }

  /** Too much held out of order: the connections heard from longest ago deliver what they hold. */
  private giveUpGaps(): void {
    for (const tracked of this.open.values()) {
      if (this.held.bytes <= this.maxHeldBytes) return;
      tracked.givingUp = true;
      deliverHeld(tracked);
      tracked.givingUp = false;
    }
  }

  private track(segment: TcpSegmentInput, source: string): Tracked {
    const tracked: Tracked = {
      ends: [segment.source, segment.destination],
      firstEnd: source,
      firstTime: segment.time,
      lastTime: segment.time,
      reassembly: [] as unknown as Tracked['reassembly'],
      mqtt: undefined,
      start: [new Uint8Array(0), new Uint8Array(0)],
      pending: [],
      finished: [false, false],
    };
    const side = (from: Side) =>
      new TcpReassembly(
        (piece) => this.readable(tracked, from, piece.bytes, piece.time),
        (gap) => {
          if (!tracked.mqtt) return;
          const why = tracked.givingUp ? `were not waited for any longer: the capture held ${formatBytes(this.maxHeldBytes)} out of order` : 'were never captured';
          tracked.mqtt.tap.skipped(this.dirOf(tracked, from), new Uint8Array(0), `${gap.missing} bytes of this connection ${why} (after its byte ${gap.at}); what follows the gap is kept`, tracked.lastTime);
        },
        this.held,
      );
    tracked.reassembly = [side(0), side(1)];
    return tracked;
  }

  private dirOf(tracked: Tracked, from: Side): Direction {
    return tracked.mqtt && from === tracked.mqtt.client ? 'c2s' : 's2c';
  }

  /** Bytes of one side, in order. */
  private readable(tracked: Tracked, from: Side, bytes: Uint8Array, time: number): void {
    if (tracked.mqtt === false) return;
    if (tracked.mqtt === undefined && !this.decide(tracked, from, bytes, time)) return;
    const mqtt = tracked.mqtt as MqttFollowed;
    if (mqtt.tls) {
      // Encrypted: the handshake is read, the MQTT inside cannot be.
      mqtt.tls.reader.push(from === mqtt.client ? 'client' : 'server', bytes, time);
      tellTls(mqtt, time, false);
      return;
    }
    const dir = this.dirOf(tracked, from);
    if (mqtt.joined[from]) {
      // Joined while open: framing starts at the first whole packet, looked for in the first
      // JOIN_SCAN_BYTES; what is skipped is said by its length, a sample of it kept.
      if (mqtt.skipped[from] >= JOIN_SCAN_BYTES) return;
      const start = firstWholePacket(bytes);
      const skipped = start ?? bytes.length;
      mqtt.skipped[from] += skipped;
      if (start === undefined) {
        const givenUp = mqtt.skipped[from] >= JOIN_SCAN_BYTES ? `; none in its first ${mqtt.skipped[from]} bytes, so the rest of this direction is not read` : '';
        mqtt.tap.skipped(dir, bytes.subarray(0, SKIPPED_SAMPLE_BYTES), `The capture began inside this connection: ${bytes.length} bytes hold no whole packet to start from${givenUp}`, time);
        return;
      }
      mqtt.joined[from] = false;
      if (start > 0) mqtt.tap.skipped(dir, bytes.subarray(0, Math.min(start, SKIPPED_SAMPLE_BYTES)), `The capture began inside this connection: the ${start} bytes before its first whole packet are not read`, time);
      bytes = bytes.subarray(start);
    }
    mqtt.tap.bytes(dir, bytes, time);
  }

  /** Whether the connection is MQTT, from the first bytes of a side; false while it cannot say yet. */
  private decide(tracked: Tracked, from: Side, bytes: Uint8Array, time: number): boolean {
    const start = joined(tracked.start[from], bytes.subarray(0, CONNECT_SNIFF_LENGTH));
    tracked.start[from] = start;
    let client: Side | undefined;
    if (looksLikeConnect(start)) {
      client = from;
      this.mqttPorts.add(tracked.ends[other(from)].port);
    } else if (looksLikeTlsClientHello(start)) {
      // MQTT over TLS cannot be told from other TLS: the capture filter chose its port.
      client = from;
    } else if (this.mqttPorts.has(tracked.ends[0].port) !== this.mqttPorts.has(tracked.ends[1].port)) {
      client = this.mqttPorts.has(tracked.ends[0].port) ? 1 : 0;
    } else if (this.mqttPorts.has(tracked.ends[0].port)) {
      client = tracked.syn?.from ?? from;
    } else if (start.length < CONNECT_SNIFF_LENGTH) {
      // Too few bytes yet to tell a CONNECT: asked again when more come. A copy of these few: the
      // piece may be a view of a whole captured block.
      tracked.pending.push({ from, bytes: new Uint8Array(bytes), time });
      return false;
    }
    if (client === undefined) {
      tracked.mqtt = false;
      tracked.pending = [];
      return false;
    }
    const broker = other(client);
    const opened = tracked.syn?.from === client;
    const tap = this.tapFor({ client: tracked.ends[client], broker: tracked.ends[broker], startTime: tracked.firstTime, joinedOpen: !opened });
    const overTls = looksLikeTlsClientHello(tracked.start[client]) || tracked.ends[broker].port === DEFAULT_PORTS.mqtts;
    tracked.mqtt = { tap, client, joined: [!opened, !opened], skipped: [0, 0], ...(overTls ? { tls: { reader: new TlsHandshakeReader(), start: time, told: false } } : {}) };
    if (opened && tracked.syn?.answered !== undefined) tap.tcp(tracked.syn.answered - tracked.syn.time, tracked.syn.answered);
    // What came while undecided goes first, each piece from its side at its own time (a
    // connection joined while open may have pinged for a while before its port was known).
    const pending = tracked.pending;
    tracked.pending = [];
    for (const piece of pending) this.readable(tracked, piece.from, piece.bytes, piece.time);
    this.readable(tracked, from, bytes, time);
    return false;
  }
}

/** What a connection holds past its gaps, delivered after them (each gap said). */
function deliverHeld(tracked: Tracked): void {
  for (const reassembly of tracked.reassembly) if (reassembly.holding > 0) reassembly.finish(tracked.lastTime);
}

/** A TLS handshake is told once: when it completed or failed (a fatal alert), or at the end. */
function tellTls(mqtt: MqttFollowed, time: number, ending: boolean): void {
  const tls = mqtt.tls;
  if (!tls || tls.told) return;
  if (ending) tls.reader.finish();
  else if (!tls.reader.settled) return;
  tls.told = true;
  mqtt.tap.tls(tls.reader.summary(), time - tls.start, time);
}

/** The two in order; no copy when the first is empty. */
const joined = (a: Uint8Array, b: Uint8Array): Uint8Array => (a.length === 0 ? b : concatBytes([a, b]));

/** Whether a byte can begin a packet: a known type with the flags it must have. */
function canBeginPacket(first: number): boolean {
  const type = packetTypeOf(first);
  if (type === 0) return false;
  if (type === PACKET_TYPE_IDS.PUBLISH) return publishQos(first) !== 3;
  return headerFlagsOf(first) === (REQUIRED_HEADER_FLAGS[type as PacketTypeId] ?? 0);
}

/**
 * Where the first whole packet of bytes caught mid-stream begins: the first offset (within
 * JOIN_SCAN_BYTES) from which packets follow one another to the end of the bytes exactly, or for
 * two packets at least before the last runs on past them (its rest comes next).
 */
export function firstWholePacket(bytes: Uint8Array): number | undefined {
  const last = Math.min(bytes.length, JOIN_SCAN_BYTES);
  for (let start = 0; start < last; start++) {
    let at = start;
    let packets = 0;
    while (at < bytes.length && canBeginPacket(bytes[at])) {
      const header = readFixedHeader(bytes, at, bytes.length);
      if (header === VBI_MALFORMED) break;
      if (header === VBI_INCOMPLETE) return packets >= 2 ? start : undefined;
      at += packetLength(header);
      packets++;
    }
    if (at === bytes.length || (at > bytes.length && packets >= 3)) return start;
  }
  return undefined;
}
