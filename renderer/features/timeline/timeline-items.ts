// What the timeline draws for a connection in a time window: the connection's steps, its
// packets (or, when too many to draw one by one, how many fall in each stretch of the lane),
// QoS flows as groups, pings against the keep-alive deadline, and the end.
import { endShort } from '@shared/model/outcome';
import type { SessionStory } from '@shared/model/session-story';
import type { Direction } from '@shared/model/trace';
import type { DensityItem, PacketItem, SessionUpdate, WindowContents } from '@shared/model/session-view';
import { MAX_DRAWN_PACKETS } from '@shared/limits';

export type { DensityItem, PacketItem };

export interface TimeWindow {
  start: number;
  end: number;
}

export interface PhaseItem {
  name: string;
  start: number;
  end: number;
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

/** The times a trace spans, as its view says them. */
export type TraceTimes = Pick<SessionUpdate, 'startTime' | 'lastTime'>;

/** The whole span of a connection's trace, from the start of its first step. */
export function traceSpan(trace: TraceTimes): TimeWindow {
  return { start: trace.startTime, end: Math.max(trace.lastTime, trace.startTime + 1) };
}

/** The whole session, from its start (the axis's 0) to a little after its last entry. */
export function sessionWindow(trace: TraceTimes): TimeWindow {
  const span = traceSpan(trace);
  return { start: span.start, end: span.end + (span.end - span.start) * 0.04 };
}

/** From the first step to a little after the CONNACK (or the end, if there was none). */
export function handshakeWindow(trace: TraceTimes, story: SessionStory): TimeWindow {
  const span = traceSpan(trace);
  const until = story.connack?.time ?? story.end?.time ?? span.end;
  const length = Math.max(until - span.start, 0.5);
  return { start: span.start, end: until + length * 0.1 };
}

/** The window's items: the packets (or their density) as the engine counted them, and what the
 *  story says — steps, flows, pings, the handshake and the end. */
export function timelineItems(story: SessionStory, window: TimeWindow, contents: WindowContents): TimelineItems {
  const inWindow = (time: number) => time >= window.start && time <= window.end;
  // The steps to connect; CONNECT → CONNACK is drawn as the handshake.
  const phases: PhaseItem[] = story.phases.filter((phase) => phase.name !== 'CONNECT → CONNACK').map((phase) => ({ name: phase.short, start: phase.start, end: phase.end }));
  const { packets, density } = contents;

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
