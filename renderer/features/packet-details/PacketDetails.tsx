// The selected packet: its field tree beside its bytes. Hovering a field lights up its bytes.
import { useMemo, useState } from 'react';
import { decode, fromHex, type Field } from '@shared/mqtt';
import { useActiveConnection, useStore } from '../../store';
import { HexDump, type ByteRange } from './HexDump';

const SECRET_KEYS = new Set(['mqtt.passwd']);

function secretRanges(fields: readonly Field[]): ByteRange[] {
  return fields.flatMap((field) => [
    ...(SECRET_KEYS.has(field.key) ? [{ offset: field.offset, length: field.length }] : []),
    ...secretRanges(field.children ?? []),
  ]);
}

export function PacketDetails() {
  const connection = useActiveConnection();
  const selectedSeq = useStore((state) => state.selectedSeq);
  const [hovered, setHovered] = useState<ByteRange>();
  const entry = connection?.entries.find((candidate) => candidate.seq === selectedSeq);
  const bytes = entry && entry.kind !== 'lifecycle' ? fromHex(entry.hex) : undefined;
  const packet = useMemo(
    () => (bytes && entry?.kind === 'packet' ? decode(bytes, { protocolLevel: entry.protocolLevel }) : undefined),
    [bytes?.length, entry?.seq, connection?.id],
  );
  if (!entry || !bytes) return null;

  return (
    <section className="card packet-details" aria-labelledby="details-title">
      <h2 id="details-title">{packet ? `${packet.typeName} packet` : 'Unframed bytes'}</h2>
      <div className="details-columns">
        <div className="field-tree" aria-label="Fields">
          {packet ? <FieldList fields={packet.fields} onHover={setHovered} /> : <p>{entry.kind === 'frame-error' ? entry.message : ''}</p>}
          {packet && packet.problems.length > 0 && (
            <ul className="problems" aria-label="Problems">
              {packet.problems.map((problem, index) => (
                <li key={index} onMouseEnter={() => setHovered(problem)} onMouseLeave={() => setHovered(undefined)}>
                  {problem.message}
                  {problem.clause && <span className="muted"> [{problem.clause}]</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
        <HexDump bytes={bytes} highlight={hovered} masked={packet ? secretRanges(packet.fields) : []} />
      </div>
    </section>
  );
}

function FieldList({ fields, onHover }: { fields: readonly Field[]; onHover: (range: ByteRange | undefined) => void }) {
  return (
    <ul>
      {fields.map((field, index) => (
        <li key={`${field.key}-${index}`}>
          <span
            className="field-line"
            title={field.key}
            onMouseEnter={() => onHover(field)}
            onMouseLeave={() => onHover(undefined)}
          >
            {field.label}
          </span>
          {field.children && <FieldList fields={field.children} onHover={onHover} />}
        </li>
      ))}
    </ul>
  );
}
