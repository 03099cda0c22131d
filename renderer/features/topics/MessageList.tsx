// Messages as the Topics region lists them: number, time and summary, each opening its packet.
import type { RowView } from '@shared/model/session-view';
import { useStore } from '../../store';
import { formatWallClock } from '../../ui/format';

export function MessageList({ rows, label }: { rows: readonly RowView[]; label: string }) {
  const selectedSeq = useStore((state) => state.selectedSeq);
  const selectEntry = useStore((state) => state.selectEntry);
  return (
    <ul className="message-list" aria-label={label}>
      {rows.map((row) => (
        <li key={row.seq}>
          <button type="button" className="message-row" aria-pressed={row.seq === selectedSeq} onClick={() => selectEntry(row.seq)}>
            <span className="muted">#{row.number}</span> <span className="muted">{formatWallClock(row.time).slice(11)}</span> {row.summary}
          </button>
        </li>
      ))}
    </ul>
  );
}
