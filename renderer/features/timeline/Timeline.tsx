// The session as a two-lane picture, client above and broker below, in time order: the steps
// to connect, CONNECT → CONNACK, every packet (or their density when there are too many), QoS
// flows as groups, pings against the keep-alive deadline and the end. Zoom from the whole
// session to one handshake; choosing an item chooses its packet. The picture is one tab stop:
// the arrow keys move from item to item in time order.
import { memo, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode, type WheelEvent } from 'react';
import { useActiveConnection, useStore } from '../../store';
import { DIRECTION_WORDS } from '@shared/model/trace';
import type { ConnectionView } from '../../store/connections-slice';
import { useThrottled } from '../../ui/useThrottled';
import { formatCount, formatDuration, formatOffset, formatWallClock } from '../../ui/format';
import { Reconnects } from './Reconnects';
import { useElementSize } from '../../ui/useElementSize';
import type { PlacedLabel } from './label-layout';
import { handshakeText, timelineLabels } from './timeline-labels';
import { TimelineLegend } from './TimelineLegend';
import { textWidth } from './text-width';
import { handshakeWindow, sessionWindow, timelineItems, type TimeWindow } from './timeline-items';
import { useWindowContents } from './useWindowContents';
import { MAX_DRAWN_PACKETS } from '@shared/limits';

const LANE_NAMES_WIDTH = 64;
const RIGHT_MARGIN = 8;
const HEIGHT = 192;
const CLIENT_Y = 60;
const BROKER_Y = 134;
const MIDDLE_Y = (CLIENT_Y + BROKER_Y) / 2;
const LANE_OF = { c2s: CLIENT_Y, s2c: BROKER_Y } as const;
const OTHER_LANE = { c2s: BROKER_Y, s2c: CLIENT_Y } as const;
const AXIS_Y = HEIGHT - 17;
/** Baselines of each band of labels (rows of 14 px: the 11 px font's box is 13 px high). */
const BANDS = {
  phases: [12, 26],
  c2s: [CLIENT_Y + 17],
  middle: [MIDDLE_Y - 4, MIDDLE_Y + 10],
  s2c: [BROKER_Y - 9],
  end: [BROKER_Y + 25],
  axis: [HEIGHT - 3],
} as const;
const FONT_SIZE = 11;
/** Room an axis label needs, so the ticks are never closer. */
const TICK_SPACING = 90;

/** While packets stream in by the thousand, the picture is redrawn twice a second. */
const BUSY_REDRAW_MS = 500;

interface NavItem {
  key: string;
  seq: number;
  time: number;
  /** Among items at the same time: the packet, then the handshake, then its flow. */
  rank: number;
}

export function Timeline() {
  const live = useActiveConnection();
  const busy = !!live && (live.trace?.rows ?? 0) > MAX_DRAWN_PACKETS;
  const throttled = useThrottled(live, busy ? BUSY_REDRAW_MS : 0);
  // Another connection chosen is shown at once.
  return <TimelineView connection={throttled?.id === live?.id ? throttled : live} />;
}

const TimelineView = memo(function TimelineView({ connection }: { connection: ConnectionView | undefined }) {
  const selectedSeq = useStore((state) => state.selectedSeq);
  const selectEntry = useStore((state) => state.selectEntry);
  const [zoom, setZoom] = useState<TimeWindow>();
  const [activeKey, setActiveKey] = useState<string>();
  const frame = useRef<HTMLDivElement>(null);
  /** The font labels are measured in, read once from the page. */
  const fontFamily = useRef('');
  const trace = connection?.trace;
  const empty = !trace || trace.entries === 0;
  const { width } = useElementSize(frame, `${connection?.id}-${empty}`);
  const shown = trace ? (zoom ?? sessionWindow(trace)) : undefined;
  const contents = useWindowContents(connection?.id, shown, connection?.version ?? 0);

  useLayoutEffect(() => {
    setZoom(undefined);
    setActiveKey(undefined);
  }, [connection?.id]);

  // What is drawn depends on the trace, the zoom and the width, not on the packet chosen: a
  // step with j / k redraws the marks without laying anything out again.
  const drawn = useMemo(() => {
    if (!connection || !trace || !shown || trace.entries === 0) return undefined;
    const view = shown;
    const { story } = connection;
    const items = timelineItems(story, view, contents);
    const plotWidth = Math.max(width - LANE_NAMES_WIDTH - RIGHT_MARGIN, 100);
    const plotRight = LANE_NAMES_WIDTH + plotWidth;
    // The labels of each band, laid out so that none covers another or leaves the picture.
    if (!fontFamily.current && frame.current) fontFamily.current = getComputedStyle(frame.current).fontFamily;
    const font = `${FONT_SIZE}px ${fontFamily.current || 'system-ui, sans-serif'}`;
    const measure = (text: string) => textWidth(text, font);
    const labels = timelineLabels(items, { view, origin: trace.startTime, left: LANE_NAMES_WIDTH, right: plotRight, phaseRows: BANDS.phases.length, middleRows: BANDS.middle.length, tickSpacing: TICK_SPACING, measure });
    // Every item that chooses a packet, in time order: the one tab stop moves along these.
    const nav: NavItem[] = [
      ...items.packets.map((packet) => ({ key: `packet-${packet.seq}`, seq: packet.seq, time: packet.time, rank: 0 })),
      ...items.density.map((bucket, index) => ({ key: `density-${index}`, seq: bucket.firstSeq, time: bucket.start, rank: 0 })),
      ...(items.handshake ? [{ key: 'handshake', seq: items.handshake.seq, time: items.handshake.start, rank: 1 }] : []),
      ...items.flows.map((flow, index) => ({ key: `flow-${index}`, seq: flow.seq, time: flow.start, rank: 2 })),
    ].sort((a, b) => a.time - b.time || a.rank - b.rank);
    return { view, items, plotWidth, plotRight, labels, nav };
    // The window is made anew on each render: its bounds are what matter.
  }, [connection, contents, shown?.start, shown?.end, width]);

  if (!drawn || !connection) {
    return (
      <section className="card timeline" aria-label="Timeline">
        <h2>Timeline</h2>
        <p className="muted">The session appears here as it happens.</p>
        <div ref={frame} />
      </section>
    );
  }

  const { story } = connection;
  const origin = trace!.startTime;
  const { view, items, plotWidth, plotRight, labels, nav } = drawn;
  const x = (time: number) => LANE_NAMES_WIDTH + ((time - view.start) / (view.end - view.start)) * plotWidth;
  const clampX = (time: number) => Math.min(Math.max(x(time), LANE_NAMES_WIDTH), plotRight);
  const at = (time: number) => formatOffset(time - origin);

  function zoomBy(factor: number, around = (view.start + view.end) / 2) {
    const length = Math.max((view.end - view.start) * factor, 0.01);
    const ratio = (around - view.start) / (view.end - view.start);
    setZoom({ start: around - length * ratio, end: around + length * (1 - ratio) });
  }

  function onWheel(event: WheelEvent) {
    if (!event.ctrlKey && !event.altKey) return;
    const bounds = event.currentTarget.getBoundingClientRect();
    const time = view.start + ((event.clientX - bounds.left - LANE_NAMES_WIDTH) / plotWidth) * (view.end - view.start);
    zoomBy(event.deltaY > 0 ? 1.25 : 0.8, time);
  }

  const active = nav.find((candidate) => candidate.key === activeKey);
  const tabStop = (active && active.seq === selectedSeq ? active : nav.find((candidate) => candidate.seq === selectedSeq) ?? active ?? nav[0])?.key;

  function choose(target: NavItem) {
    setActiveKey(target.key);
    selectEntry(target.seq);
    frame.current?.querySelector<SVGGElement>(`[data-key="${target.key}"]`)?.focus();
  }

  function onKeyDown(event: KeyboardEvent) {
    const key = (event.target as Element).closest('[data-key]')?.getAttribute('data-key');
    const index = nav.findIndex((candidate) => candidate.key === key);
    if (index < 0) return;
    const targets: Record<string, number> = { ArrowRight: index + 1, ArrowDown: index + 1, ArrowLeft: index - 1, ArrowUp: index - 1, Home: 0, End: nav.length - 1, Enter: index, ' ': index };
    if (!(event.key in targets)) return;
    event.preventDefault();
    choose(nav[Math.max(0, Math.min(nav.length - 1, targets[event.key]))]);
  }

  const item = (key: string, label: string, seq: number, time: number, children: ReactNode) => (
    <g
      key={key}
      data-key={key}
      role="button"
      tabIndex={key === tabStop ? 0 : -1}
      aria-label={label}
      className={`timeline-item${seq === selectedSeq ? ' selected' : ''}`}
      onClick={() => {
        setActiveKey(key);
        selectEntry(seq);
      }}
      onFocus={() => setActiveKey(key)}
    >
      <title>{`${label}\n${formatWallClock(time)}`}</title>
      {children}
    </g>
  );

  const label = (placed: PlacedLabel | undefined, band: readonly number[], className?: string) =>
    placed && (
      <text key={`${className ?? 'label'}-${placed.x}-${band[placed.row]}`} x={placed.x} y={band[placed.row]} className={className}>
        {placed.text}
      </text>
    );

  return (
    <section className="card timeline" aria-label="Timeline">
      <div className="card-title">
        <h2>Timeline</h2>
        <div className="button-row" role="toolbar" aria-label="Zoom">
          <button type="button" className="small" onClick={() => setZoom(undefined)} aria-pressed={!zoom}>
            Whole session
          </button>
          <button type="button" className="small" onClick={() => setZoom(handshakeWindow(trace!, story))}>
            Handshake
          </button>
          <button type="button" className="small" onClick={() => zoomBy(0.5)} aria-label="Zoom in">
            +
          </button>
          <button type="button" className="small" onClick={() => zoomBy(2)} aria-label="Zoom out">
            −
          </button>
        </div>
        <span className="muted">
          {formatDuration(view.end - view.start)} shown · Ctrl + wheel zooms · arrow keys step
        </span>
      </div>
      <Reconnects connection={connection} />
      <div ref={frame} className="timeline-frame" onWheel={onWheel}>
        <svg width={width} height={HEIGHT} role="group" aria-label={`Timeline of ${formatCount(items.packets.length || items.density.reduce((sum, bucket) => sum + bucket.count, 0))} packets between client and broker`} onKeyDown={onKeyDown}>
          <text x={4} y={CLIENT_Y + 4} className="lane-name">Client</text>
          <text x={4} y={BROKER_Y + 4} className="lane-name">Broker</text>
          <line x1={LANE_NAMES_WIDTH} x2={plotRight} y1={CLIENT_Y} y2={CLIENT_Y} className="lane" />
          <line x1={LANE_NAMES_WIDTH} x2={plotRight} y1={BROKER_Y} y2={BROKER_Y} className="lane" />

          {items.flows.map((flow, index) =>
            item(`flow-${index}`, `${flow.label}, ${formatDuration(flow.end - flow.start)} from ${at(flow.start)}`, flow.seq, flow.start, (
              <>
                <rect x={clampX(flow.start) - 3} y={CLIENT_Y + 6} width={Math.max(clampX(flow.end) - clampX(flow.start), 0) + 6} height={BROKER_Y - CLIENT_Y - 12} className={`flow${flow.complete ? '' : ' open'}`} rx={3} />
              </>
            )),
          )}

          {items.phases.map((phase, index) => (
            <g key={`phase-${index}`} className="phase">
              <title>{`${phase.name} ${formatDuration(phase.end - phase.start)}, from ${at(phase.start)}\n${formatWallClock(phase.start)}`}</title>
              <rect x={clampX(phase.start)} y={30 + (index % 2) * 6} width={Math.max(clampX(phase.end) - clampX(phase.start), 2)} height={5} rx={1} />
              {label(labels.phases[index], BANDS.phases)}
            </g>
          ))}

          {items.pings.map((ping) => (
            <g key={`deadline-${ping.seq}`} className={`deadline${ping.time > ping.deadline ? ' late' : ''}`}>
              <title>{`PINGREQ ${formatDuration(ping.time - ping.since)} after the client's previous packet; the broker may close after ${formatDuration(ping.deadline - ping.since)} (1.5 × keep alive)${ping.roundTripMs !== undefined ? `; PINGRESP after ${formatDuration(ping.roundTripMs)}` : ''}`}</title>
              <rect x={clampX(ping.since)} y={CLIENT_Y - 12} width={Math.max(clampX(ping.deadline) - clampX(ping.since), 1)} height={4} />
              <line x1={clampX(ping.deadline)} x2={clampX(ping.deadline)} y1={CLIENT_Y - 16} y2={CLIENT_Y - 4} />
            </g>
          ))}

          {items.handshake &&
            item('handshake', handshakeText(items.handshake), items.handshake.seq, items.handshake.start, (
              <g className="handshake">
                <rect className="hit" x={clampX(items.handshake.start)} y={MIDDLE_Y - 14} width={Math.max(clampX(items.handshake.end) - clampX(items.handshake.start), 4)} height={18} />
                <line x1={clampX(items.handshake.start)} x2={clampX(items.handshake.end)} y1={MIDDLE_Y} y2={MIDDLE_Y} />
              </g>
            ))}

          {items.density.map((bucket, index) =>
            item(`density-${index}`, `${formatCount(bucket.count)} packets ${DIRECTION_WORDS[bucket.dir]} from ${at(bucket.start)}`, bucket.firstSeq, bucket.start, (
              <rect x={x(bucket.start)} y={LANE_OF[bucket.dir] - 2 - Math.min(18, 3 * Math.log2(bucket.count + 1))} width={Math.max(x(bucket.end) - x(bucket.start) - 1, 1)} height={2 * Math.min(18, 3 * Math.log2(bucket.count + 1)) + 4} className={`density dir-${bucket.dir}`} />
            )),
          )}

          {items.packets.map((packet, index) => {
            const px = x(packet.time);
            // A packet is chosen at its marker on the sender's lane; packets close together share
            // the space between them, so each stays clickable.
            const left = Math.max(4, Math.min(6, (px - x(items.packets[index - 1]?.time ?? -Infinity)) / 2));
            const right = Math.max(4, Math.min(11, (x(items.packets[index + 1]?.time ?? Infinity) - px) / 2));
            const from = LANE_OF[packet.dir];
            const to = OTHER_LANE[packet.dir];
            return item(`packet-${packet.seq}`, `${packet.typeName}, ${DIRECTION_WORDS[packet.dir]}, ${at(packet.time)}`, packet.seq, packet.time, (
              <g className={`packet dir-${packet.dir}${packet.problem ? ' problem' : ''}`}>
                <rect className="hit" x={px - left} y={from - 9} width={Math.max(left + right, 1)} height={18} />
                <line x1={px} x2={px + 5} y1={from} y2={to + (to > from ? -6 : 6)} />
                <circle cx={px} cy={from} r={4} />
              </g>
            ));
          })}

          {items.end && (
            <g className={`session-end by-${items.end.by}`}>
              <title>{`${items.end.label} at ${at(items.end.time)}\n${formatWallClock(items.end.time)}`}</title>
              <line x1={clampX(items.end.time)} x2={clampX(items.end.time)} y1={CLIENT_Y - 20} y2={BROKER_Y + 14} />
            </g>
          )}

          {/* Labels last, over every mark, each on a halo of the card's colour: a packet's line
              never strikes one through. Their items carry the same words as names. */}
          <g className="timeline-labels" aria-hidden="true">
            {items.flows.map((_, index) => label(labels.flows[index], BANDS.middle, 'flow-label'))}
            {items.handshake && label(labels.handshake, BANDS.middle, 'handshake-label')}
            {items.packets.map((packet, index) => label(labels.packets[index], BANDS[packet.dir], 'packet-label'))}
            {items.end && label(labels.end, BANDS.end, 'end-label')}
          </g>

          <line x1={LANE_NAMES_WIDTH} x2={plotRight} y1={AXIS_Y} y2={AXIS_Y} className="axis" />
          {labels.ticks.map(({ tick, label: placed }) => (
            <g key={tick.ms}>
              <line x1={x(origin + tick.ms)} x2={x(origin + tick.ms)} y1={AXIS_Y} y2={AXIS_Y + 3} className="axis" />
              {label(placed, BANDS.axis, 'tick')}
            </g>
          ))}
        </svg>
      </div>
      <TimelineLegend />
    </section>
  );
});
