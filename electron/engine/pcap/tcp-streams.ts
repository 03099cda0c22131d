// Sorts TCP segments into connections (by their two ends, both directions) and reassembles each
// direction. Streams are numbered in the order they first appear, as Wireshark's tcp.stream is.
import { formatEndpoint, type CaptureEndpoint } from '@shared/model/capture';
import type { CaptureProblems } from './capture-problems';
import { TCP_FLAGS } from './tcp-ip';
import { TcpReassembly, type StreamGap } from './tcp-reassembly';

/** 0: the end that sent the first segment seen; 1: the other. */
export type StreamSide = 0 | 1;

export interface StreamPiece {
  from: StreamSide;
  time: number;
  bytes: Uint8Array;
}

export interface TcpStream {
  index: number;
  ends: [CaptureEndpoint, CaptureEndpoint];
  firstTime: number;
  /** Who sent the SYN, when it was seen, and when its SYN-ACK came back. */
  syn?: { from: StreamSide; time: number; answered?: number };
  /** Payload in order per direction, both directions in the order it became readable. */
  pieces: StreamPiece[];
  /** The first FIN or RST. */
  end?: { from: StreamSide; time: number; reset: boolean };
  finished: [boolean, boolean];
}

export interface TcpSegmentInput {
  source: CaptureEndpoint;
  destination: CaptureEndpoint;
  seq: number;
  flags: number;
  payload: Uint8Array;
  time: number;
  /** File offset of the frame. */
  offset: number;
}

interface Tracked {
  stream: TcpStream;
  reassembly: [TcpReassembly, TcpReassembly];
  lastTime: number;
}

const { syn, ack, fin, rst } = TCP_FLAGS;
const endKey = (endpoint: CaptureEndpoint) => formatEndpoint(endpoint);

/** A TCP connection's key, the same from either end: its two ends' keys, in order. */
export function connectionKey(source: string, destination: string): string {
  return source < destination ? `${source} ${destination}` : `${destination} ${source}`;
}

export class TcpStreams {
  private readonly open = new Map<string, Tracked>();
  private readonly all: Tracked[] = [];

  constructor(private readonly problems: CaptureProblems) {}

  accept(segment: TcpSegmentInput): void {
    const source = endKey(segment.source);
    const destination = endKey(segment.destination);
    const key = connectionKey(source, destination);
    let tracked = this.open.get(key);
    const opening = (segment.flags & (syn | ack)) === syn;
    if (!tracked || (opening && isOver(tracked.stream))) {
      tracked = this.start(segment);
      this.open.set(key, tracked);
    }
    const { stream } = tracked;
    const from: StreamSide = endKey(stream.ends[0]) === source ? 0 : 1;
    tracked.lastTime = segment.time;

    if (segment.flags & syn) {
      if (!(segment.flags & ack)) stream.syn ??= { from, time: segment.time };
      else if (stream.syn && stream.syn.from !== from) stream.syn.answered ??= segment.time;
    }
    tracked.reassembly[from].accept(segment.seq, (segment.flags & syn) !== 0, segment.payload, segment.time, segment.offset);
    if (segment.flags & (fin | rst)) {
      stream.end ??= { from, time: segment.time, reset: (segment.flags & rst) !== 0 };
      if (segment.flags & rst) stream.finished = [true, true];
      else stream.finished[from] = true;
    }
  }

  /** Every stream, in order of appearance, its held segments delivered after their gaps. */
  finish(): TcpStream[] {
    for (const tracked of this.all) for (const reassembly of tracked.reassembly) reassembly.finish(tracked.lastTime);
    return this.all.map((tracked) => tracked.stream);
  }

  private start(segment: TcpSegmentInput): Tracked {
    const stream: TcpStream = { index: this.all.length, ends: [segment.source, segment.destination], firstTime: segment.time, pieces: [], finished: [false, false] };
    const side = (from: StreamSide) =>
      new TcpReassembly(
        (piece) => stream.pieces.push({ from, ...piece }),
        (gap) => this.reportGap(stream, from, gap),
      );
    const tracked: Tracked = { stream, reassembly: [side(0), side(1)], lastTime: segment.time };
    this.all.push(tracked);
    return tracked;
  }

  private reportGap(stream: TcpStream, from: StreamSide, gap: StreamGap): void {
    const sender = formatEndpoint(stream.ends[from]);
    this.problems.add(gap.offset, `stream-${stream.index}: ${gap.missing} bytes from ${sender} were never captured (after its byte ${gap.at}); what follows the gap is kept`);
  }
}

function isOver(stream: TcpStream): boolean {
  return stream.finished[0] && stream.finished[1];
}
