// The packets of the active connection, in order: time, direction, type, size.
import type { FrameErrorEntry, PacketEntry } from '@shared/model/trace';
import { useActiveConnection, useStore } from '../../store';
import { formatOffset } from '../../ui/format';

const DIRECTION = { c2s: 'Client → Broker', s2c: 'Broker → Client' } as const;

export function PacketList() {
  const connection = useActiveConnection();
  const selectedSeq = useStore((state) => state.selectedSeq);
  const selectEntry = useStore((state) => state.selectEntry);
  const rows = (connection?.entries ?? []).filter((entry): entry is PacketEntry | FrameErrorEntry => entry.kind !== 'lifecycle');
  const start = connection?.entries[0]?.time ?? 0;

  return (
    <section className="card packets" aria-labelledby="packets-title">
      <h2 id="packets-title">Packets</h2>
      {rows.length === 0 ? (
        <p className="muted">No packets yet.</p>
      ) : (
        <table aria-labelledby="packets-title">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Time</th>
              <th scope="col">Direction</th>
              <th scope="col">Type</th>
              <th scope="col">Bytes</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((entry, index) => (
              <tr
                key={entry.seq}
                className={`dir-${entry.dir}${entry.seq === selectedSeq ? ' selected' : ''}`}
                aria-selected={entry.seq === selectedSeq}
                tabIndex={0}
                onClick={() => selectEntry(entry.seq)}
                onKeyDown={(event) => event.key === 'Enter' && selectEntry(entry.seq)}
              >
                <td>{index + 1}</td>
                <td>{formatOffset(entry.time - start)}</td>
                <td>{DIRECTION[entry.dir]}</td>
                <td>
                  {entry.kind === 'packet' ? entry.typeName : 'Unframed bytes'}
                  {entry.kind === 'packet' && entry.problemCount > 0 && <span className="problem-badge"> {entry.problemCount} problem(s)</span>}
                </td>
                <td>{entry.hex.length / 2}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
