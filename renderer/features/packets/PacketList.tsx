// The packets of the active connection: time (in the format chosen), direction, type and what
// each says, filtered by type and direction in the engine. Only the rows in view are drawn, and only they are asked of
// the engine, so ten million packets scroll as ten do; at the bottom the view follows new ones.
import { useEffect, useMemo, useReducer, useRef, useState, type KeyboardEvent } from 'react';
import type { RowFilter } from '@shared/model/session-view';
import { DIRECTION_TITLES, type Direction } from '@shared/model/trace';
import { useActiveConnection, useStore } from '../../store';
import { formatCountOf, formatWallClockMicros } from '../../ui/format';
import { isTyping } from '../../ui/keyboard';
import { useElementSize } from '../../ui/useElementSize';
import { RowSource } from './row-source';
import { timeCellText, timeFormatOf, TIME_FORMATS, type TimeFormat } from './time-format';
import { useTimeFormat } from './useTimeFormat';
import { MAX_SCROLL_HEIGHT } from '../../limits';

const ROW_HEIGHT = 24;
const TEXT_PAUSE_MS = 300;
const OVERSCAN = 8;
/** Rows are keyed by slot, not by packet, so scrolling and following reuse their elements. */
const ROW_SLOTS = 256;

export function PacketList() {
  const connection = useActiveConnection();
  const selectedSeq = useStore((state) => state.selectedSeq);
  const selectEntry = useStore((state) => state.selectEntry);
  const [filter, setFilter] = useState<RowFilter>({});
  const [timeFormat, setTimeFormat] = useTimeFormat();
  const timeColumn = timeFormatOf(timeFormat);
  /** The text as typed; the filter takes it once typing pauses (the engine reads every packet). */
  const [text, setText] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setFilter((current) => ({ ...current, text: text === '' ? undefined : text })), TEXT_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const [scrollTop, setScrollTop] = useState(0);
  const [following, setFollowing] = useState(true);
  const viewport = useRef<HTMLDivElement>(null);
  /** Where following last scrolled the view to. */
  const followedTo = useRef(-1);
  const { height: viewHeight } = useElementSize(viewport, connection?.id);
  const api = useStore((state) => state.api);
  const trace = connection?.trace;
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const source = useMemo(
    () => (api && connection ? new RowSource(api, connection.id, filter, redraw) : undefined),
    // One source per connection and filter: it keeps the rows it was told.
    [api, connection?.id, filter.type, filter.dir, filter.text],
  );
  const allRows = trace?.rows ?? 0;
  const count = source?.total(allRows) ?? 0;
  const start = trace?.startTime ?? 0;
  const types = trace?.typeNames ?? [];
  // The rows' whole height, and the scrolled area's (capped); scroll positions map between them.
  const fullHeight = count * ROW_HEIGHT;
  const scrollHeight = Math.min(fullHeight, MAX_SCROLL_HEIGHT);
  const scale = fullHeight > scrollHeight ? (fullHeight - viewHeight) / Math.max(1, scrollHeight - viewHeight) : 1;
  const toVirtual = (position: number) => position * scale;
  const toScroll = (virtual: number) => virtual / scale;
  /** Where the selection is in this list, when the list chose it or the engine said. */
  const [selectedIndex, setSelectedIndex] = useState(-1);

  // Follow new packets while the view is at the bottom. Scrolling waits for the next frame, so
  // its layout is the frame's own and not a second one inside the update.
  useEffect(() => {
    const element = viewport.current;
    if (!element || !following) return;
    const frame = requestAnimationFrame(() => {
      followedTo.current = Math.max(0, scrollHeight - viewHeight);
      element.scrollTop = followedTo.current;
    });
    return () => cancelAnimationFrame(frame);
  }, [connection?.version, count, following, viewHeight]);

  // A selection made elsewhere (the timeline, the command palette): its place in this list is
  // asked of the engine, and the list scrolls to it.
  useEffect(() => {
    if (selectedSeq === undefined || !api || !connection) return setSelectedIndex(-1);
    if (source?.rowAt(selectedIndex)?.seq === selectedSeq) return;
    let current = true;
    api.request('sessions.position', { id: connection.id, seq: selectedSeq, ...filter }).then(({ position }) => {
      if (!current) return;
      setSelectedIndex(position);
      if (position >= 0) revealRef.current(position);
    }, () => {});
    return () => {
      current = false;
    };
    // Asked again when the selection or the list changes, not when a row arrives.
  }, [selectedSeq, source]);

  async function move(to: number) {
    if (count === 0 || !source || !api || !connection) return;
    const index = Math.max(0, Math.min(count - 1, to));
    const row = source.rowAt(index) ?? (await api.request('sessions.rows', { id: connection.id, from: index, count: 1, ...filter })).rows[0];
    if (!row) return;
    setSelectedIndex(index);
    selectEntry(row.seq);
    reveal(index);
  }
  const moveRef = useRef(move);
  moveRef.current = move;

  /** Scrolls the least that brings row `index` into view. */
  function reveal(index: number) {
    const element = viewport.current;
    if (!element) return;
    const top = index * ROW_HEIGHT;
    const shownTop = toVirtual(element.scrollTop);
    if (top < shownTop) element.scrollTop = toScroll(top);
    else if (top + ROW_HEIGHT > shownTop + element.clientHeight) element.scrollTop = toScroll(top + ROW_HEIGHT - element.clientHeight);
  }
  const revealRef = useRef(reveal);
  revealRef.current = reveal;
  const selectedIndexRef = useRef(selectedIndex);
  selectedIndexRef.current = selectedIndex;

  // j / n and k / p step through the packets from anywhere outside a text field.
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (isTyping(event) || event.ctrlKey || event.metaKey || event.altKey) return;
      const step = event.key === 'j' || event.key === 'n' ? 1 : event.key === 'k' || event.key === 'p' ? -1 : 0;
      if (!step) return;
      event.preventDefault();
      const at = useStore.getState().selectedSeq;
      void moveRef.current(at === undefined ? 0 : selectedIndexRef.current + step);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  function onKeyDown(event: KeyboardEvent) {
    const page = Math.max(1, Math.floor(viewHeight / ROW_HEIGHT) - 1);
    const targets: Record<string, number> = { ArrowDown: selectedIndex + 1, ArrowUp: selectedIndex - 1, PageDown: selectedIndex + page, PageUp: selectedIndex - page, Home: 0, End: count - 1 };
    if (!(event.key in targets)) return;
    event.preventDefault();
    void move(targets[event.key]);
  }

  // While following, the view is at the bottom whatever the last scroll event said.
  const actualTop = following ? Math.max(0, scrollHeight - viewHeight) : scrollTop;
  const top = toVirtual(actualTop);
  const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(count, Math.ceil((top + viewHeight) / ROW_HEIGHT) + OVERSCAN);
  const visible = [];
  for (let index = first; index < last; index++) visible.push(index);
  // The rows in view asked of the engine after the render, not during it.
  const version = connection?.version ?? 0;
  useEffect(() => source?.need(first, last, version, allRows), [source, first, last, version, allRows]);

  return (
    <section className="card packets" aria-labelledby="packets-title">
      <div className="card-title">
        <h2 id="packets-title">Packets</h2>
        <span className="muted" aria-label="Packet count">
          {formatCountOf(count, allRows)}
        </span>
        <label className="inline-label">
          Type{' '}
          <select value={filter.type ?? ''} onChange={(event) => setFilter((current) => ({ ...current, type: event.target.value || undefined }))}>
            <option value="">All types</option>
            {types.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-label">
          Direction{' '}
          <select value={filter.dir ?? ''} onChange={(event) => setFilter((current) => ({ ...current, dir: (event.target.value || undefined) as Direction | undefined }))}>
            <option value="">Both directions</option>
            <option value="c2s">{DIRECTION_TITLES.c2s}</option>
            <option value="s2c">{DIRECTION_TITLES.s2c}</option>
          </select>
        </label>
        <label className="inline-label">
          Contains{' '}
          <input type="search" value={text} maxLength={256} placeholder="topic or payload text" spellCheck={false} onChange={(event) => setText(event.target.value)} />
        </label>
        <label className="inline-label">
          Time format{' '}
          {/* Named by its label alone: a label's name would take in the option chosen. */}
          <select aria-label="Time format" value={timeFormat} onChange={(event) => setTimeFormat(event.target.value as TimeFormat)}>
            {TIME_FORMATS.map((format) => (
              <option key={format.id} value={format.id}>
                {format.label}
              </option>
            ))}
          </select>
        </label>
        {!following && count > 0 && (
          <button type="button" className="small" onClick={() => setFollowing(true)}>
            Follow new packets
          </button>
        )}
      </div>
      <div className="packet-table" role="table" aria-labelledby="packets-title" aria-rowcount={count + 1}>
        <div role="rowgroup" className="packet-head">
          <div role="row" className="packet-row" aria-rowindex={1}>
            <span role="columnheader">#</span>
            <span role="columnheader" title={timeColumn.title}>
              {timeColumn.heading}
            </span>
            <span role="columnheader">Direction</span>
            <span role="columnheader">Type</span>
            <span role="columnheader">Summary</span>
          </div>
        </div>
        <div
          ref={viewport}
          role="rowgroup"
          className="packet-viewport"
          // As tall as its rows, up to the most the stylesheet allows.
          style={{ height: Math.min(Math.max(count, 2) * ROW_HEIGHT, MAX_SCROLL_HEIGHT) }}
          tabIndex={0}
          aria-label="Packet rows: arrow keys move the selection"
          onKeyDown={onKeyDown}
          onScroll={(event) => {
            const element = event.currentTarget;
            // Following scrolls to where the rows are already drawn: nothing to draw again.
            if (following && Math.abs(element.scrollTop - followedTo.current) < 1) return;
            setScrollTop(element.scrollTop);
            setFollowing(element.scrollTop + element.clientHeight >= element.scrollHeight - ROW_HEIGHT);
          }}
        >
          {count === 0 ? (
            <p className="muted empty">
              {allRows > 0
                ? 'No packets match the filter.'
                : connection?.story.tls?.passive
                  ? 'No MQTT packets to show: they travel inside TLS, which a capture cannot read.'
                  : connection?.story.end
                    ? 'No packets: the connection ended before any was sent.'
                    : 'No packets yet.'}
            </p>
          ) : (
            <div style={{ height: scrollHeight, position: 'relative' }}>
              {visible.map((index) => {
                const row = source?.rowAt(index);
                if (!row) {
                  return (
                    <div key={index % ROW_SLOTS} role="row" aria-rowindex={index + 2} aria-busy="true" className="packet-row" style={{ transform: `translateY(${index * ROW_HEIGHT - top + actualTop}px)` }}>
                      <span role="cell">{index + 1}</span>
                      <span role="cell" className="muted">…</span>
                    </div>
                  );
                }
                const selected = row.seq === selectedSeq;
                const time = timeCellText(timeFormat, index, (at) => source?.rowAt(at)?.time, start);
                const problems = row.unframed ? 1 : row.problemCount;
                return (
                  <div
                    key={index % ROW_SLOTS}
                    role="row"
                    aria-rowindex={index + 2}
                    aria-selected={selected}
                    className={`packet-row dir-${row.dir}${selected ? ' selected' : ''}${problems ? ' has-problems' : ''}`}
                    style={{ transform: `translateY(${index * ROW_HEIGHT - top + actualTop}px)` }}
                    onClick={() => void move(index)}
                  >
                    <span role="cell">{row.number}</span>
                    <span role="cell" title={formatWallClockMicros(row.time)}>
                      {time ?? '…'}
                    </span>
                    <span role="cell">{DIRECTION_TITLES[row.dir]}</span>
                    <span role="cell">
                      {row.typeName}
                      {row.problemCount > 0 && <span className="problem-badge"> ⚠ {row.problemCount}</span>}
                    </span>
                    <span role="cell" className="row-summary">
                      {row.summary}
                    </span>
                  </div>
                );
              })}
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
