// A connection as captured: the raw chunks that crossed the wire in each direction, stamped,
// and what happened around them. The trace store writes this, a saved trace file holds it, and
// pcap and pcapng are read into it and written from it. Packets are derived from the chunks.
import type { Direction, LifecycleEvent } from './trace';
import { inRange, PORT_OR_ANY_RANGE } from '../limits';

export interface CaptureChunk {
  dir: Direction;
  /** Epoch milliseconds, sub-millisecond (microseconds in pcap). */
  time: number;
  bytes: Uint8Array;
}

export interface CaptureLifecycle {
  time: number;
  event: LifecycleEvent;
}

/** One end of the TCP connection: an IPv4 or IPv6 address and a port. */
export interface CaptureEndpoint {
  address: string;
  port: number;
}

/** Who recorded the connection: this app's client, the recording proxy, the local broker, a
 *  capture (pcap, pcapng) it was read from, or a live capture from a network interface: somebody
 *  else's client. A saved trace keeps the origin it was recorded with. */
export type CaptureOrigin = 'client' | 'proxy' | 'broker' | 'file' | 'capture';

export interface CapturedSession {
  id: string;
  origin: CaptureOrigin;
  /** What a person calls it: a client id, or `10.0.0.1:50312 → 10.0.0.2:1883`. */
  label: string;
  client?: CaptureEndpoint;
  broker?: CaptureEndpoint;
  /** Epoch milliseconds of its first record. */
  startTime: number;
  chunks: CaptureChunk[];
  lifecycle: CaptureLifecycle[];
}

/** `10.0.0.1:1883` or `[::1]:1883` read back; undefined when it is neither. */
export function parseEndpoint(text: string): CaptureEndpoint | undefined {
  const bracketed = /^\[([^\]]+)\]:(\d{1,5})$/.exec(text);
  const match = bracketed ?? /^(.*):(\d{1,5})$/.exec(text);
  if (!match || match[1] === '') return undefined;
  const port = Number(match[2]);
  return inRange(port, PORT_OR_ANY_RANGE) ? { address: match[1].replace(/^::ffff:(?=\d+\.)/, ''), port } : undefined;
}

export function formatEndpoint({ address, port }: CaptureEndpoint): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}
