// A hex dump of one packet, sixteen bytes a row with their text, linked to the field tree: the
// selected and hovered fields' bytes are lit, problem bytes are marked, secret bytes are masked,
// and choosing a byte chooses the field it belongs to. Only the rows in view are in the page (a
// 200 KB PUBLISH drawn whole was 37,000 elements, and choosing it held the page for seconds).
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Problem } from '@shared/mqtt';
import { formatCount } from '../../ui/format';
import { contains, type ByteRange } from './field-paths';
import { hexRowWindow, HEX_ROW_BYTES, HEX_ROW_HEIGHT, HEX_VISIBLE_ROWS } from './hex-window';
import { HEX_SHOWN_BYTES } from '../../limits';

interface HexDumpProps {
  bytes: Uint8Array;
  selected?: ByteRange;
  hovered?: ByteRange;
  problems: readonly Problem[];
  masked: readonly ByteRange[];
  onPick(index: number): void;
}

const printable = (byte: number) => (byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.');

export function HexDump({ bytes, selected, hovered, problems, masked, onPick }: HexDumpProps) {
  const shown = Math.min(bytes.length, HEX_SHOWN_BYTES);
  const rowCount = Math.ceil(shown / HEX_ROW_BYTES);
  const frame = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewHeight, setViewHeight] = useState(HEX_VISIBLE_ROWS * HEX_ROW_HEIGHT);

  useLayoutEffect(() => {
    const element = frame.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setViewHeight(element.clientHeight || HEX_VISIBLE_ROWS * HEX_ROW_HEIGHT));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    frame.current?.scrollTo({ top: 0 });
    setScrollTop(0);
  }, [bytes]);

  // A field chosen in the tree brings its first byte into view.
  useEffect(() => {
    const element = frame.current;
    if (!element || !selected || selected.offset >= shown) return;
    const top = Math.floor(selected.offset / HEX_ROW_BYTES) * HEX_ROW_HEIGHT;
    if (top < element.scrollTop || top + HEX_ROW_HEIGHT > element.scrollTop + element.clientHeight) element.scrollTo({ top: Math.max(0, top - HEX_ROW_HEIGHT) });
  }, [selected, shown]);

  const { first, last } = hexRowWindow(rowCount, scrollTop, viewHeight);
  const isMasked = (index: number) => masked.some((range) => contains(range, index));
  const className = (index: number) => {
    let name = 'byte';
    if (selected && contains(selected, index)) name += ' lit';
    if (hovered && contains(hovered, index)) name += ' hover';
    if (problems.some((problem) => contains(problem.length ? problem : { offset: problem.offset, length: 1 }, index))) name += ' problem';
    return name;
  };
  const rows: number[] = [];
  for (let row = first; row < last; row++) rows.push(row * HEX_ROW_BYTES);
  return (
    <div className="hex-dump" aria-label="Bytes" role="group">
      {/* A read-only grid: a row of sixteen byte cells after its offset; the lit bytes (the chosen
          field's) are the selected cells. The text column repeats them for the eye only. */}
      <div className="hex-frame" ref={frame} role="grid" aria-label="Hex dump" aria-readonly="true" onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)} style={{ maxHeight: HEX_VISIBLE_ROWS * HEX_ROW_HEIGHT }}>
        {/* Rows in the flow between two spacers, so the dump is as wide as a row of sixteen bytes. */}
        <div style={{ paddingTop: first * HEX_ROW_HEIGHT, paddingBottom: (rowCount - last) * HEX_ROW_HEIGHT }}>
          {rows.map((rowOffset) => {
            const columns = Array.from({ length: Math.min(HEX_ROW_BYTES, shown - rowOffset) }, (_, column) => rowOffset + column);
            return (
              <div key={rowOffset} className="hex-row" role="row" style={{ height: HEX_ROW_HEIGHT }}>
                <span className="hex-offset" role="rowheader">{rowOffset.toString(16).padStart(4, '0')}</span>
                <span className="hex-bytes">
                  {columns.map((index) => (
                    <span key={index} className={className(index)} role="gridcell" aria-selected={!!selected && contains(selected, index)} data-index={index} onClick={() => onPick(index)}>
                      {isMasked(index) ? '••' : bytes[index].toString(16).padStart(2, '0')}
                    </span>
                  ))}
                </span>
                <span className="hex-text" aria-hidden="true">
                  {columns.map((index) => (
                    <span key={index} className={className(index)} onClick={() => onPick(index)}>
                      {isMasked(index) ? '•' : printable(bytes[index])}
                    </span>
                  ))}
                </span>
              </div>
            );
          })}
        </div>
      </div>
      {bytes.length > shown && <p className="muted">… {formatCount(bytes.length - shown)} more bytes, not shown here.</p>}
    </div>
  );
}
