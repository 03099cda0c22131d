// The session as a two-lane picture, client above and broker below, in time order: the steps
// to connect, CONNECT → CONNACK, every packet (or their density when there are too many), QoS
// flows as groups, pings against the keep-alive deadline and the end. Zoom from the whole
// session to one handshake; choosing an item chooses its packet.
import { memo, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode, type WheelEvent } from 'react';
import { useActiveConnection, useStore } from '../../store';
import { DIRECTION_WORDS } from '@shared/model/trace';
import type { ConnectionView } from '../../store/connections-slice';
import { useThrottled } from '../../ui/useThrottled';
import { formatDuration, formatOffset } from '../../ui/format';
import { Reconnects } from './Reconnects';
import { useElementSize } from '../../ui/useElementSize';
import { handshakeWindow, MAX_DRAWN_PACKETS, timelineItems, traceSpan, type TimeWindow } from './timeline-items';

const LANE_NAMES_WIDTH = 64;
const HEIGHT = 176;
const CLIENT_Y = 52;
const BROKER_Y = 124;
const LANE_OF = { c2s: CLIENT_Y, s2c: BROKER_Y } as const;
const OTHER_LANE = { c2s: BROKER_Y, s2c: CLIENT_Y } as const;

/** While packets stream in by the thousand, the picture is redrawn twice a second. */
const BUSY_REDRAW_MS = 500;

export function Timeline() {
  const live = useActiveConnection();
  const busy = !!live && live.log.rows.length > MAX_DRAWN_PACKETS;
  const throttled = useThrottled(live, busy ? BUSY_REDRAW_MS : 0);
  // Another connection chosen is shown at once.
  return <TimelineView connection={throttled?.id === live?.id ? throttled : live} />;
}

const TimelineView = memo(function TimelineView({ connection }: { connection: ConnectionView | undefined }) {
  const selectedSeq = useStore((state) => state.selectedSeq);
  const selectEntry = useStore((state) => state.selectEntry);
  const [zoom, setZoom] = useState<TimeWindow>();
  const frame = useRef<HTMLDivElement>(null);
  const empty = !connection || connection.log.entries.length === 0;
  const { width } = useElementSize(frame, `${connection?.id}-${empty}`);

  useLayoutEffect(() => setZoom(undefined), [connection?.id]);

  if (empty) {
    return (
      <section className="card timeline" aria-label="Timeline">
        <h2>Timeline</h2>
        <p className="muted">The session appears here as it happens.</p>
        <div ref={frame} />
      </section>
    );
  }

  const { log, story } = connection;
  const span = traceSpan(log);
  const view = zoom ?? { start: span.start - (span.end - span.start) * 0.02, end: span.end + (span.end - span.start) * 0.04 };
  const items = timelineItems(log, story, view);
  const plotWidth = Math.max(width - LANE_NAMES_WIDTH - 12, 100);
  const x = (time: number) => LANE_NAMES_WIDTH + ((time - view.start) / (view.end - view.start)) * plotWidth;
  const clampX = (time: number) => Math.min(Math.max(x(time), LANE_NAMES_WIDTH), LANE_NAMES_WIDTH + plotWidth);
  const at = (time: number) => formatOffset(time - log.firstTime);

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

  const item = (key: string | number, label: string, seq: number, children: ReactNode) => (
    <g
      key={key}
      role="button"
      tabIndex={0}
      aria-label={label}
      className={`timeline-item${seq === selectedSeq ? ' selected' : ''}`}
      onClick={() => selectEntry(seq)}
      onKeyDown={(event: KeyboardEvent) => (event.key === 'Enter' || event.key === ' ') && selectEntry(seq)}
    >
      <title>{label}</title>
      {children}
    </g>
  );

  let lastLabelX = -Infinity;
  return (
    <section className="card timeline" aria-label="Timeline">
      <div className="card-title">
        <h2>Timeline</h2>
        <div className="button-row" role="toolbar" aria-label="Zoom">
          <button type="button" className="small" onClick={() => setZoom(undefined)} aria-pressed={!zoom}>
            Whole session
          </button>
          <button type="button" className="small" onClick={() => setZoom(handshakeWindow(log, story))}>
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
          {formatDuration(view.end - view.start)} shown · Ctrl + wheel zooms
        </span>
      </div>
      <Reconnects connection={connection} />
      <div ref={frame} className="timeline-frame" onWheel={onWheel}>
        <svg width={width} height={HEIGHT} role="group" aria-label={`Timeline of ${items.packets.length || items.density.reduce((sum, bucket) => sum + bucket.count, 0)} packets between client and broker`}>
          <text x={4} y={CLIENT_Y + 4} className="lane-name">Client</text>
          <text x={4} y={BROKER_Y + 4} className="lane-name">Broker</text>
          <line x1={LANE_NAMES_WIDTH} x2={LANE_NAMES_WIDTH + plotWidth} y1={CLIENT_Y} y2={CLIENT_Y} className="lane" />
          <line x1={LANE_NAMES_WIDTH} x2={LANE_NAMES_WIDTH + plotWidth} y1={BROKER_Y} y2={BROKER_Y} className="lane" />

          {items.flows.map((flow, index) =>
            item(`flow-${index}`, `${flow.label}, ${formatDuration(flow.end - flow.start)} from ${at(flow.start)}`, flow.seq, (
              <>
                <rect x={clampX(flow.start) - 3} y={CLIENT_Y + 6} width={Math.max(clampX(flow.end) - clampX(flow.start), 0) + 6} height={BROKER_Y - CLIENT_Y - 12} className={`flow${flow.complete ? '' : ' open'}`} rx={3} />
                {clampX(flow.end) - clampX(flow.start) > 90 && <text x={clampX(flow.start) + 2} y={CLIENT_Y + 18} className="flow-label">{flow.label}</text>}
              </>
            )),
          )}

          {items.phases.map((phase, index) => {
            // Short steps side by side would print over each other: each label takes its own row.
            const row = index % 2;
            return (
              <g key={`phase-${index}`} className="phase">
                <title>{`${phase.name} ${formatDuration(phase.end - phase.start)}`}</title>
                <rect x={clampX(phase.start)} y={CLIENT_Y - 24 + row * 6} width={Math.max(clampX(phase.end) - clampX(phase.start), 2)} height={5} rx={1} />
                <text x={clampX(phase.start)} y={CLIENT_Y - 38 + row * 11}>{`${phase.name} ${formatDuration(phase.end - phase.start)}`}</text>
              </g>
            );
          })}

          {items.pings.map((ping) => (
            <g key={`deadline-${ping.seq}`} className={`deadline${ping.time > ping.deadline ? ' late' : ''}`}>
              <title>{`PINGREQ ${formatDuration(ping.time - ping.since)} after the client's previous packet; the broker may close after ${formatDuration(ping.deadline - ping.since)} (1.5 × keep alive)${ping.roundTripMs !== undefined ? `; PINGRESP after ${formatDuration(ping.roundTripMs)}` : ''}`}</title>
              <rect x={clampX(ping.since)} y={CLIENT_Y - 12} width={Math.max(clampX(ping.deadline) - clampX(ping.since), 1)} height={4} />
              <line x1={clampX(ping.deadline)} x2={clampX(ping.deadline)} y1={CLIENT_Y - 16} y2={CLIENT_Y - 4} />
            </g>
          ))}

          {items.handshake &&
            item('handshake', `CONNECT → CONNACK ${formatDuration(items.handshake.end - items.handshake.start)}`, items.handshake.seq, (
              <g className="handshake">
                <rect className="hit" x={clampX(items.handshake.start)} y={(CLIENT_Y + BROKER_Y) / 2 - 14} width={Math.max(clampX(items.handshake.end) - clampX(items.handshake.start), 4)} height={18} />
                <line x1={clampX(items.handshake.start)} x2={clampX(items.handshake.end)} y1={(CLIENT_Y + BROKER_Y) / 2} y2={(CLIENT_Y + BROKER_Y) / 2} />
                <text x={clampX(items.handshake.start) + 4} y={(CLIENT_Y + BROKER_Y) / 2 - 4}>{`CONNECT → CONNACK ${formatDuration(items.handshake.end - items.handshake.start)}`}</text>
              </g>
            ))}

          {items.density.map((bucket, index) =>
            item(`density-${index}`, `${bucket.count} packets ${DIRECTION_WORDS[bucket.dir]} from ${at(bucket.start)}`, bucket.firstSeq, (
              <rect x={x(bucket.start)} y={LANE_OF[bucket.dir] - 2 - Math.min(18, 3 * Math.log2(bucket.count + 1))} width={Math.max(x(bucket.end) - x(bucket.start) - 1, 1)} height={2 * Math.min(18, 3 * Math.log2(bucket.count + 1)) + 4} className={`density dir-${bucket.dir}`} />
            )),
          )}

          {items.packets.map((packet, index) => {
            const px = x(packet.time);
            // A packet is chosen at its marker on the sender's lane; packets close together share
            // the space between them, so each stays clickable.
            const left = Math.max(4, Math.min(6, (px - x(items.packets[index - 1]?.time ?? -Infinity)) / 2));
            const right = Math.max(4, Math.min(11, (x(items.packets[index + 1]?.time ?? Infinity) - px) / 2));
            const showLabel = px - lastLabelX > 56;
            if (showLabel) lastLabelX = px;
            const from = LANE_OF[packet.dir];
            const to = OTHER_LANE[packet.dir];
            return item(packet.seq, `${packet.typeName}, ${DIRECTION_WORDS[packet.dir]}, ${at(packet.time)}`, packet.seq, (
              <g className={`packet dir-${packet.dir}${packet.problem ? ' problem' : ''}`}>
                <rect className="hit" x={px - left} y={from - 9} width={Math.max(left + right, 1)} height={18} />
                <line x1={px} x2={px + 5} y1={from} y2={to + (to > from ? -6 : 6)} />
                <circle cx={px} cy={from} r={4} />
                {showLabel && (
                  <text x={px > LANE_NAMES_WIDTH + plotWidth - 60 ? px - 3 : px + 3} textAnchor={px > LANE_NAMES_WIDTH + plotWidth - 60 ? 'end' : 'start'} y={packet.dir === 'c2s' ? CLIENT_Y + 16 : BROKER_Y - 9}>
                    {packet.typeName}
                  </text>
                )}
              </g>
            ));
          })}

          {items.end && (
            <g className={`session-end by-${items.end.by}`}>
              <title>{`${items.end.label} at ${at(items.end.time)}`}</title>
              <line x1={clampX(items.end.time)} x2={clampX(items.end.time)} y1={CLIENT_Y - 20} y2={BROKER_Y + 14} />
              <text x={clampX(items.end.time) - 4} y={BROKER_Y + 26} textAnchor="end">{items.end.label}</text>
            </g>
          )}

          <line x1={LANE_NAMES_WIDTH} x2={LANE_NAMES_WIDTH + plotWidth} y1={HEIGHT - 14} y2={HEIGHT - 14} className="axis" />
          {[0, 0.25, 0.5, 0.75, 1].map((fraction) => {
            const time = view.start + fraction * (view.end - view.start);
            return (
              <text key={fraction} x={x(time)} y={HEIGHT - 2} className="tick" textAnchor={fraction === 0 ? 'start' : fraction === 1 ? 'end' : 'middle'}>
                {at(time)}
              </text>
            );
          })}
        </svg>
      </div>
    </section>
  );
});
