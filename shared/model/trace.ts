// Trace entries: what the engine records about a connection, in time order. Raw bytes are
// the source of truth; everything shown is derived from them.
import type { Direction } from '../mqtt/connection-decoder';
import type { DecodedPacket } from '../mqtt/field';
import { fromHex, toHex } from '../mqtt/hex';
import { summarize, type PacketSummary } from '../mqtt/summary';

export type { Direction };

/** A direction in words, as the story and the timeline say it. */
export const DIRECTION_WORDS = { c2s: 'client → broker', s2c: 'broker → client' } as const;

/** The same as a column heading writes it: `Client → Broker`. */
export const DIRECTION_TITLES = Object.fromEntries(
  Object.entries(DIRECTION_WORDS).map(([dir, words]) => [dir, words.replace(/\b\w/g, (letter) => letter.toUpperCase())]),
) as Record<Direction, string>;

interface TraceBase {
  connectionId: string;
  /** Order within the connection, from 0. */
  seq: number;
  /** Milliseconds since the epoch, read from a monotonic high-resolution clock. */
  time: number;
}

export interface PacketEntry extends TraceBase {
  kind: 'packet';
  dir: Direction;
  /** The whole packet, fixed header included, as lowercase hex. */
  hex: string;
  typeName: string;
  /** The protocol level the packet is read as (learned from the CONNECT). */
  protocolLevel: number;
  problemCount: number;
}

/** Bytes that could not be framed into a packet: an oversize or a truncated packet. */
export interface FrameErrorEntry extends TraceBase {
  kind: 'frame-error';
  dir: Direction;
  /** Oversize: only the header is kept. Malformed: (a sample of) the bytes that could not be
   *  framed. Truncated: the start of a packet the stream ended inside. */
  reason: 'oversize' | 'malformed' | 'truncated';
  hex: string;
  message: string;
  /** Bytes of the stream it covers when that is more than `hex` holds (an oversize packet). */
  streamBytes?: number;
}

/** One certificate of the chain the broker presented, leaf first. */
export interface CertificateInfo {
  subject: string;
  issuer: string;
  subjectAltNames?: string;
  validFrom: string;
  validTo: string;
  fingerprint256: string;
}

/** What a capture saw of a TLS handshake it took no part in (the rest of a `tls` step is what
 *  the server chose, its certificates when sent in cleartext, and whether the client went on). */
export interface PassiveTls {
  /** The host name the client asked for (SNI). */
  serverName?: string;
  offeredVersions: string[];
  alpnOffered?: string[];
  alerts: { from: 'client' | 'server'; level: string; description: string }[];
  /** TLS 1.3: the certificates are encrypted, and so are alerts after the server's hello. */
  certificatesHidden?: boolean;
  alertsHidden?: boolean;
  handshakeComplete: boolean;
}

export type CloseCause = 'client' | 'broker' | 'error';

export type LifecycleEvent =
  /** First entry of a connection the local broker or the proxy accepted from a client, or a
   *  capture found between a client and its broker (`localAddress`: the broker's end). */
  | { phase: 'accepted'; by: 'broker' | 'proxy' | 'capture'; clientAddress: string; localAddress?: string; /** A capture that began while the connection was open: its handshake was not seen. */ joinedOpen?: true }
  | { phase: 'dns'; host: string; addresses: string[]; durationMs: number }
  | { phase: 'tcp'; localAddress: string; remoteAddress: string; durationMs: number }
  | { phase: 'websocket'; url: string; status: number; protocol?: string; durationMs: number }
  | { phase: 'tls'; protocol: string; cipher: string; alpn?: string; authorized: boolean; authorizationError?: string; chain: CertificateInfo[]; durationMs: number; passive?: PassiveTls }
  | { phase: 'closed'; by: CloseCause; error?: { code?: string; message: string } };

export interface LifecycleEntry extends TraceBase {
  kind: 'lifecycle';
  event: LifecycleEvent;
}

/** An entry as a person or a file reads it: bytes as hex. Made from a recorded entry only at that
 *  edge (the UI's entry request, `--json`, an export); the engine itself keeps bytes. */
export type TraceEntry = PacketEntry | FrameErrorEntry | LifecycleEntry;

/** A packet as the engine records it: its bytes (a view of what crossed the wire; copy them to
 *  keep them past the sink's turn) and the facts every reader needs, read once at the tap. */
export interface RecordedPacket extends Omit<PacketEntry, 'hex'> {
  bytes: Uint8Array;
  facts: PacketSummary;
  /** The tree the tap decoded, for a reader in the same turn (the story's CONNECT and CONNACK);
   *  absent on entries read back from a file. */
  decoded?: DecodedPacket;
  /** Set by the tap on a packet it found plainly clean and so did not decode (see plainly-clean.ts). */
  plainlyClean?: true;
}

export interface RecordedFrameError extends Omit<FrameErrorEntry, 'hex'> {
  bytes: Uint8Array;
}

export type RecordedEntry = RecordedPacket | RecordedFrameError | LifecycleEntry;

/** The entry as a person or a file reads it: the one place the engine's bytes become hex. */
export function toTraceEntry(entry: RecordedEntry): TraceEntry {
  if (entry.kind === 'lifecycle') return entry;
  if (entry.kind === 'frame-error') {
    const { bytes, ...rest } = entry;
    return { ...rest, hex: toHex(bytes) };
  }
  const { connectionId, seq, time, dir, bytes, typeName, protocolLevel, problemCount } = entry;
  return { kind: 'packet', connectionId, seq, time, dir, hex: toHex(bytes), typeName, protocolLevel, problemCount };
}

/** An entry read as hex (a test's, a page's) as the engine records it. */
export function recordedFrom(entry: TraceEntry): RecordedEntry {
  if (entry.kind === 'lifecycle') return entry;
  const { hex, ...rest } = entry;
  const bytes = fromHex(hex) ?? new Uint8Array();
  return rest.kind === 'packet' ? { ...rest, bytes, facts: summarize(bytes, rest.protocolLevel) } : { ...rest, bytes };
}
