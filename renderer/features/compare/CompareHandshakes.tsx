// Two connections' handshakes side by side: the active one and another chosen from the open
// views. Their CONNECT and CONNACK are read from the engine; the rows that differ are marked,
// in colour and in words.
import { useEffect, useId, useMemo, useState } from 'react';
import { compareHandshakes, countDifferences, type HandshakeSide } from '@shared/model/compare-handshakes';
import { decode, fromHex, type DecodedPacket } from '@shared/mqtt';
import type { EngineApi } from '@shared/contract';
import { fetchPacket } from '../../api/packet-entry';
import { useStore } from '../../store';
import type { ConnectionView } from '../../store/connections-slice';
import { formatDuration } from '../../ui/format';
import { useConnectionLabels } from '../connections/useConnectionLabels';

async function readPacket(api: EngineApi, id: string, seq: number | undefined): Promise<DecodedPacket | undefined> {
  if (seq === undefined) return undefined;
  const entry = await fetchPacket(api, id, seq);
  return decode(fromHex(entry.hex)!, { protocolLevel: entry.protocolLevel });
}

/** A side's packets, read again when its CONNECT or CONNACK arrives. */
function useHandshake(connection: ConnectionView | undefined): { side?: HandshakeSide; error?: string } {
  const api = useStore((state) => state.api);
  const connectSeq = connection?.story.connect?.seq;
  const connackSeq = connection?.story.connack?.seq;
  const [packets, setPackets] = useState<{ key: string; connect?: DecodedPacket; connack?: DecodedPacket; error?: string }>();
  const key = `${connection?.id}:${connectSeq}:${connackSeq}`;
  useEffect(() => {
    if (!api || !connection) return;
    let current = true;
    Promise.all([readPacket(api, connection.id, connectSeq), readPacket(api, connection.id, connackSeq)])
      .then(([connect, connack]) => current && setPackets({ key, connect, connack }))
      .catch((error: Error) => current && setPackets({ key, error: error.message }));
    return () => {
      current = false;
    };
    // The connection object changes with every packet; only its id and handshake seqs matter here.
  }, [api, key]);
  if (!connection || packets?.key !== key) return {};
  if (packets.error) return { error: packets.error };
  return { side: { connect: packets.connect, connack: packets.connack, phases: connection.story.phases } };
}

/** Shown while the person compares; its choices start anew each time it opens. */
export function CompareHandshakes() {
  const comparing = useStore((state) => state.comparing);
  return comparing ? <CompareRegion /> : null;
}

function CompareRegion() {
  const setComparing = useStore((state) => state.setComparing);
  const connections = useStore((state) => state.connections);
  const activeId = useStore((state) => state.activeId);
  const labels = useConnectionLabels();
  const ordered = useMemo(() => Object.values(connections).sort((a, b) => a.openedAt - b.openedAt), [connections]);
  const [leftId, setLeftId] = useState(activeId);
  const [rightId, setRightId] = useState(() => [...ordered].reverse().find((connection) => connection.id !== activeId)?.id);
  const left = leftId ? connections[leftId] : undefined;
  const right = rightId ? connections[rightId] : undefined;
  const a = useHandshake(left);
  const b = useHandshake(right);
  const sections = a.side && b.side ? compareHandshakes(a.side, b.side, formatDuration) : undefined;
  const titleId = useId();

  const picker = (label: string, value: string | undefined, set: (id: string) => void) => (
    <label className="inline-label">
      {label}{' '}
      <select value={value ?? ''} onChange={(event) => set(event.target.value)}>
        <option value="" disabled>
          Choose a connection
        </option>
        {ordered.map((connection) => (
          <option key={connection.id} value={connection.id}>
            {labels.get(connection.id)}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <section className="card compare" role="region" aria-label="Compare handshakes">
      <div className="card-title">
        <h2 id={titleId}>Compare handshakes</h2>
        {picker('First', leftId, setLeftId)}
        {picker('Second', rightId, setRightId)}
        <button type="button" className="small" onClick={() => setComparing(false)}>
          Close comparison
        </button>
      </div>
      {ordered.length < 2 && <p className="muted">Open another connection to compare with.</p>}
      {(a.error ?? b.error) && <p role="alert" className="action-error">Could not read a handshake: {a.error ?? b.error}</p>}
      {left && right && !sections && !(a.error ?? b.error) && <p className="muted">Reading the handshakes…</p>}
      {sections && left && right && (
        <>
          <p className="muted">{leftId === rightId ? 'The same connection on both sides.' : `${countDifferences(sections)} rows differ.`}</p>
          <table className="compare-table" aria-labelledby={titleId}>
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">{labels.get(left.id)}</th>
                <th scope="col">{labels.get(right.id)}</th>
                <th scope="col">Same?</th>
              </tr>
            </thead>
            {sections.map((section) => (
              <tbody key={section.title} aria-label={section.title}>
                <tr>
                  <th scope="rowgroup" colSpan={4} className="compare-section">
                    {section.title}
                  </th>
                </tr>
                {section.rows.map((row) => (
                  <tr key={row.name} className={row.differs ? 'differs' : undefined}>
                    <th scope="row">{row.name}</th>
                    <td>{row.left}</td>
                    <td>{row.right}</td>
                    <td className="compare-mark">{row.differs ? 'differs' : 'same'}</td>
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        </>
      )}
    </section>
  );
}
