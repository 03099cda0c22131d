// A hex dump of one packet, sixteen bytes a row with their text, linked to the field tree: the
// selected and hovered fields' bytes are lit, problem bytes are marked, secret bytes are masked,
// and choosing a byte chooses the field it belongs to.
import type { Problem } from '@shared/mqtt';
import { contains, type ByteRange } from './field-paths';

/** Beyond this the dump stops; a packet this large is read in its field tree. */
const SHOWN_BYTES = 16 * 1024;

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
  const shown = Math.min(bytes.length, SHOWN_BYTES);
  const rows: number[] = [];
  for (let offset = 0; offset < shown; offset += 16) rows.push(offset);
  const isMasked = (index: number) => masked.some((range) => contains(range, index));
  const className = (index: number) => {
    let name = 'byte';
    if (selected && contains(selected, index)) name += ' lit';
    if (hovered && contains(hovered, index)) name += ' hover';
    if (problems.some((problem) => contains(problem.length ? problem : { offset: problem.offset, length: 1 }, index))) name += ' problem';
    return name;
  };
  return (
    <div className="hex-dump" aria-label="Bytes" role="group">
      {rows.map((rowOffset) => {
        const columns = Array.from({ length: Math.min(16, shown - rowOffset) }, (_, column) => rowOffset + column);
        return (
          <div key={rowOffset} className="hex-row">
            <span className="hex-offset">{rowOffset.toString(16).padStart(4, '0')}</span>
            <span className="hex-bytes">
              {columns.map((index) => (
                <span key={index} className={className(index)} data-index={index} onClick={() => onPick(index)}>
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
      {bytes.length > shown && <p className="muted">… {bytes.length - shown} more bytes, not shown here.</p>}
    </div>
  );
}
