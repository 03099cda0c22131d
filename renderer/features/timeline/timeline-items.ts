// What the timeline draws for a connection in a time window: the connection's steps, its
// packets (or, when too many to draw one by one, how many fall in each stretch of the lane),
// QoS flows as groups, pings against the keep-alive deadline, and the end.
import { endShort } from '@shared/model/outcome';
import type { SessionStory } from '@shared/model/session-story';
import type { Direction } from '@shared/model/trace';
import { rowTypeName, type RowEntry, type TraceLog } from '../../store/trace-log';

export interface TimeWindow {
  start: number;
  end: number;
}

export interface PhaseItem {
  name: string;
  start: number;
  end: number;
}

export interface PacketItem {
  seq: number;
  time: number;
  dir: Direction;
  typeName: string;
  problem: boolean;
}

/** Packets too dense to draw one by one: how many a lane has in each stretch. */
export interface DensityItem {
  dir: Direction;
  start: number;
  end: number;
  count: number;
  firstSeq: number;
}

export interface FlowItem {
  label: string;
  from: Direction;
  start: number;
  end: number;
  complete: boolean;
  seq: number;
}

export interface PingItem {
  seq: number;
  time: number;
  /** The client's previous send, from which the 1.5 × keep-alive deadline runs. */
  since: number;
  deadline: number;
  roundTripMs?: number;
}

export interface TimelineItems {
  phases: PhaseItem[];
  packets: PacketItem[];
  density: DensityItem[];
  flows: FlowItem[];
  pings: PingItem[];
  handshake?: { start: number; end: number; seq: number };
  /** The end, with who caused it in words. */
  end?: { time: number; by: string; label: string };
}

/** Above this many packets in the window, lanes show density instead of single packets. */
export const MAX_DRAWN_PACKETS = 400;
const DENSITY_BUCKETS = 200;


/** The first row at or after `time` (rows are in time order). */
export function firstRowAt(rows: readonly RowEntry[], time: number): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (rows[middle].time < time) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The whole span of a connection's trace, from the start of its first step. */
export function traceSpan(log: TraceLog): TimeWindow {
  const start = log.startTime;
  const end = log.entries.at(-1)?.time ?? start;
  return { start, end: Math.max(end, start + 1) };
}

/** The whole session, from its start (the axis's 0) to a little after its last entry. */
export function sessionWindow(log: TraceLog): TimeWindow {
  const span = traceSpan(log);
  return { start: span.start, end: span.end + (span.end - span.start) * 0.04 };
}

/** From the first step to a little after the CONNACK (or the end, if there was none). */
export function handshakeWindow(log: TraceLog, story: SessionStory): TimeWindow {
  const span = traceSpan(log);
  const until = story.connack?.time ?? story.end?.time ?? span.end;
  const length = Math.max(until - span.start, 0.5);
  return { start: span.start, end: until + length * 0.1 };
}

export function timelineItems(log: TraceLog, story: SessionStory, window: TimeWindow): TimelineItems {
  const inWindow = (time: number) => time >= window.start && time <= window.end;
  // The steps to connect; CONNECT → CONNACK is drawn as the handshake.
  const phases: PhaseItem[] = story.phases.filter((phase) => phase.name !== 'CONNECT → CONNACK').map((phase) => ({ name: phase.short, start: phase.start, end: phase.end }));

  const rows = log.rows;
  const from = firstRowAt(rows, window.start);
  const to = firstRowAt(rows, window.end + 1e-9);
  const packets: PacketItem[] = [];
  const density: DensityItem[] = [];
  if (to - from <= MAX_DRAWN_PACKETS) {
    for (let index = from; index < to; index++) {
      const row = rows[index];
      packets.push({ seq: row.seq, time: row.time, dir: row.dir, typeName: rowTypeName(row), problem: row.kind !== 'packet' || row.problemCount > 0 });
    }
  } else {
    // Counted per stretch from the running totals: a handful of binary searches, however many rows.
    const width = (window.end - window.start) / DENSITY_BUCKETS;
    let first = from;
    for (let bucket = 0; bucket < DENSITY_BUCKETS && first < to; bucket++) {
      const start = window.start + bucket * width;
      const last = bucket === DENSITY_BUCKETS - 1 ? to : Math.min(to, firstRowAt(rows, start + width));
      const client = log.clientRowsBefore[last] - log.clientRowsBefore[first];
      const counts = { c2s: client, s2c: last - first - client };
      for (const dir of ['c2s', 's2c'] as const) {
        if (counts[dir] === 0) continue;
        let index = first;
        while (rows[index].dir !== dir) index++;
        density.push({ dir, start, end: start + width, count: counts[dir], firstSeq: rows[index].seq });
      }
      first = last;
    }
  }

  const flows = story.flows
    .filter((flow) => flow.steps.at(-1)!.time >= window.start && flow.steps[0].time <= window.end)
    .slice(0, MAX_DRAWN_PACKETS)
    .map((flow) => ({
      label: `${flow.kind} id ${flow.packetId}${flow.complete ? '' : ' (open)'}`,
      from: flow.from,
      start: flow.steps[0].time,
      end: flow.steps.at(-1)!.time,
      complete: flow.complete,
      seq: flow.steps[0].seq,
    }));

  const pings: PingItem[] = [];
  const keepAlive = story.keepAlive;
  for (const ping of keepAlive?.pings ?? []) {
    if (inWindow(ping.time)) pings.push({ seq: ping.seq, time: ping.time, since: ping.since, deadline: ping.deadline, roundTripMs: ping.roundTripMs });
  }

  const { connect, connack, end } = story;
  return {
    phases,
    packets,
    density,
    flows,
    pings,
    ...(connect && connack ? { handshake: { start: connect.time, end: connack.time, seq: connack.seq } } : {}),
    ...(end ? { end: { time: end.time, by: end.by, label: endShort(story) ?? '' } } : {}),
  };
}
