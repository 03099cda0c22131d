// The timeline's labels, band by band, placed by the label layout: the steps (two rows above the
// client lane), each lane's packets, the handshake and the QoS flows between the lanes, the end,
// and the axis. Marks outside the window are drawn at its edge but get no label.
import { axisTicks, formatDuration, type Tick } from '../../ui/format';
import { layoutLabels, type LabelRequest, type PlacedLabel } from './label-layout';
import type { TimeWindow, TimelineItems } from './timeline-items';

export interface LabelGeometry {
  view: TimeWindow;
  /** The time the axis counts from. */
  origin: number;
  /** The plot's left and right edges, in pixels. */
  left: number;
  right: number;
  /** Rows available to the steps' and to the middle band's labels. */
  phaseRows: number;
  middleRows: number;
  /** Room an axis label needs. */
  tickSpacing: number;
  measure(text: string): number;
}

export interface TimelineLabels {
  phases: (PlacedLabel | undefined)[];
  /** By the index of the packet in `items.packets`. */
  packets: (PlacedLabel | undefined)[];
  handshake?: PlacedLabel;
  flows: (PlacedLabel | undefined)[];
  end?: PlacedLabel;
  ticks: { tick: Tick; label?: PlacedLabel }[];
}

export const handshakeText = (handshake: { start: number; end: number }) => `CONNECT → CONNACK ${formatDuration(handshake.end - handshake.start)}`;

export function timelineLabels(items: TimelineItems, geometry: LabelGeometry): TimelineLabels {
  const { view, origin, left, right, measure } = geometry;
  const x = (time: number) => left + ((time - view.start) / (view.end - view.start)) * (right - left);
  const clampX = (time: number) => Math.min(Math.max(x(time), left), right);
  const inView = (start: number, end = start) => end >= view.start && start <= view.end;

  /** Lays out the labels asked for (undefined: none for that mark), answering in the order given. */
  const layout = (requests: (LabelRequest | undefined)[], rows = 1) => {
    const asked = requests.flatMap((request, index) => (request ? [index] : []));
    const placed = layoutLabels(asked.map((index) => requests[index]!), { left, right, rows, measure });
    const result: (PlacedLabel | undefined)[] = requests.map(() => undefined);
    asked.forEach((index, position) => (result[index] = placed[position]));
    return result;
  };

  const phases = layout(
    items.phases.map((phase) => (inView(phase.start, phase.end) ? { x: clampX(phase.start), text: `${phase.name} ${formatDuration(phase.end - phase.start)}` } : undefined)),
    geometry.phaseRows,
  );
  // Each lane's packets share a band.
  const lanes = (['c2s', 's2c'] as const).map((dir) => layout(items.packets.map((packet) => (packet.dir === dir ? { x: x(packet.time) + 3, text: packet.typeName } : undefined))));
  const packets = items.packets.map((packet, index) => lanes[packet.dir === 'c2s' ? 0 : 1][index]);

  const { handshake, end } = items;
  const middle = layout(
    [
      handshake && inView(handshake.start, handshake.end) ? { x: clampX(handshake.start) + 4, text: handshakeText(handshake) } : undefined,
      ...items.flows.map((flow) => ({ x: clampX(flow.start) + 2, text: flow.label, maxWidth: clampX(flow.end) - clampX(flow.start) })),
    ],
    geometry.middleRows,
  );

  const ticks = axisTicks(view.start - origin, view.end - origin, Math.max(1, Math.floor((right - left) / geometry.tickSpacing)));
  const tickLabels = layout(ticks.map((tick) => ({ x: x(origin + tick.ms), text: tick.label, anchor: 'middle' })));

  return {
    phases,
    packets,
    handshake: middle[0],
    flows: middle.slice(1),
    end: end && inView(end.time) ? layout([{ x: clampX(end.time) - 4, text: end.label, anchor: 'end' }])[0] : undefined,
    ticks: ticks.map((tick, index) => ({ tick, label: tickLabels[index] })),
  };
}
