// A captured session told as the TCP stream that would have carried it: a handshake, one
// segment per chunk (large chunks split), sequence and acknowledgement numbers that add up,
// and a close when the session had one. The frames come lazily, in the session's order.
import type { CapturedSession } from '@shared/model/capture';
import type { SessionEnds } from './session-endpoints';
import { buildTcpFrame } from './tcp-frame';
import { TCP_FLAGS } from './tcp-ip';
import { MAX_SEGMENT_PAYLOAD } from '../limits';

export interface TimedFrame {
  /** Epoch milliseconds. */
  time: number;
  frame: Uint8Array;
  comment?: string;
}

type Side = 'client' | 'broker';

/** Arbitrary, distinct initial sequence numbers: a reader must not care which. */
const INITIAL_SEQUENCE: Record<Side, number> = { client: 0x1000_0000, broker: 0x2000_0000 };
const EMPTY: Uint8Array = new Uint8Array(0);
const { syn, ack, fin, psh } = TCP_FLAGS;

export function* sessionFrames(session: CapturedSession, ends: SessionEnds, comment?: string): Generator<TimedFrame> {
  const next: Record<Side, number> = { client: INITIAL_SEQUENCE.client, broker: INITIAL_SEQUENCE.broker };
  const ipIds: Record<Side, number> = { client: 0, broker: 0 };
  const other = (side: Side): Side => (side === 'client' ? 'broker' : 'client');
  const frame = (from: Side, flags: number, payload = EMPTY): Uint8Array => {
    const built = buildTcpFrame({
      source: ends[from],
      destination: ends[other(from)],
      seq: next[from],
      ack: flags & ack ? next[other(from)] : 0,
      flags,
      payload,
      ipId: ipIds[from]++,
    });
    // SYN and FIN take one sequence number each, like a byte.
    next[from] = (next[from] + payload.length + (flags & (syn | fin) ? 1 : 0)) >>> 0;
    return built;
  };

  const opened = Math.min(session.startTime, session.chunks[0]?.time ?? session.startTime);
  yield { time: opened, frame: frame('client', syn), ...(comment ? { comment } : {}) };
  yield { time: opened, frame: frame('broker', syn | ack) };
  yield { time: opened, frame: frame('client', ack) };

  let last = opened;
  for (const chunk of session.chunks) {
    const from: Side = chunk.dir === 'c2s' ? 'client' : 'broker';
    for (let start = 0; start < chunk.bytes.length; start += MAX_SEGMENT_PAYLOAD) {
      yield { time: chunk.time, frame: frame(from, psh | ack, chunk.bytes.subarray(start, start + MAX_SEGMENT_PAYLOAD)) };
    }
    last = Math.max(last, chunk.time);
  }

  // A session saved while open ends where its recording does: a close it never had would read
  // back as one (tshark's FINs, our story's "closed by the client").
  const closed = session.lifecycle.find((record) => record.event.phase === 'closed');
  if (closed?.event.phase !== 'closed') return;
  const closer: Side = closed.event.by === 'broker' ? 'broker' : 'client';
  const closedAt = Math.max(last, closed.time);
  yield { time: closedAt, frame: frame(closer, fin | ack) };
  yield { time: closedAt, frame: frame(other(closer), fin | ack) };
  yield { time: closedAt, frame: frame(closer, ack) };
}
