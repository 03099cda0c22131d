// A hex dump of one packet, sixteen bytes a row, with one range lit and secret bytes masked.
export interface ByteRange {
  offset: number;
  length: number;
}

const inside = (index: number, range?: ByteRange) => !!range && index >= range.offset && index < range.offset + range.length;

export function HexDump({ bytes, highlight, masked }: { bytes: Uint8Array; highlight?: ByteRange; masked: ByteRange[] }) {
  const rows: number[] = [];
  for (let offset = 0; offset < bytes.length; offset += 16) rows.push(offset);
  const show = (index: number) => (masked.some((range) => inside(index, range)) ? '••' : bytes[index].toString(16).padStart(2, '0'));
  return (
    <pre className="hex-dump" aria-label="Bytes">
      {rows.map((rowOffset) => (
        <div key={rowOffset}>
          <span className="hex-offset">{rowOffset.toString(16).padStart(4, '0')}</span>
          {Array.from(bytes.subarray(rowOffset, rowOffset + 16), (_, column) => {
            const index = rowOffset + column;
            return (
              <span key={index} className={inside(index, highlight) ? 'byte lit' : 'byte'}>
                {show(index)}
              </span>
            );
          })}
        </div>
      ))}
    </pre>
  );
}
