// The selected packet: its field tree beside its bytes (a divider between them), linked both ways, with its problems and
// the secrets an export blanks (the password, Authentication Data) masked until revealed.
import { useEffect, useMemo, useState } from 'react';
import { decode, fromHex } from '@shared/mqtt';
import { Group, Panel } from 'react-resizable-panels';
import { useActiveConnection, useStore } from '../../store';
import { Divider, usePaneLayout } from '../../ui/panes';
import { PacketCopyButtons } from '../copy/PacketCopyButtons';
import { FieldTree } from './FieldTree';
import { fieldAtPath, fieldPathAt, maskedRanges, secretsName, type ByteRange } from './field-paths';
import { HexDump } from './HexDump';
import { useEntry } from '../trace/useEntry';

export function PacketDetails() {
  const connection = useActiveConnection();
  const selectedSeq = useStore((state) => state.selectedSeq);
  const [hovered, setHovered] = useState<ByteRange>();
  const [selectedPath, setSelectedPath] = useState<string>();
  const [revealSecrets, setRevealSecrets] = useState(false);
  const layout = usePaneLayout('details');
  const entry = useEntry(connection?.id, selectedSeq);
  const row = entry && entry.kind !== 'lifecycle' ? entry : undefined;
  const bytes = useMemo(() => (row ? fromHex(row.hex) : undefined), [row]);
  const packet = useMemo(() => (bytes && row?.kind === 'packet' ? decode(bytes, { protocolLevel: row.protocolLevel }) : undefined), [bytes, row]);

  useEffect(() => {
    setSelectedPath(undefined);
    setHovered(undefined);
  }, [row]);

  if (!row || !bytes) {
    return (
      <section className="card packet-details" aria-label="Packet details">
        <h2>Packet details</h2>
        <p className="muted">Choose a packet to see its fields and bytes.</p>
      </section>
    );
  }

  const selectedField = packet && selectedPath ? fieldAtPath(packet.fields, selectedPath) : undefined;
  const secrets = packet ? maskedRanges(packet.fields) : [];
  const problems = packet?.problems ?? [];

  function pickByte(index: number) {
    if (!packet) return;
    const path = fieldPathAt(packet.fields, index);
    setSelectedPath(path);
    if (path) document.querySelector(`.packet-details [data-path="${path}"]`)?.scrollIntoView({ block: 'nearest' });
  }

  return (
    <section className="card packet-details" aria-label="Packet details">
      <div className="card-title">
        <h2>{packet ? `${packet.typeName} packet` : 'Unframed bytes'}</h2>
        <span className="muted">{bytes.length} bytes</span>
        {connection && <PacketCopyButtons key={row.seq} sessionId={connection.id} seq={row.seq} isPublish={packet?.typeName === 'PUBLISH'} />}
        {secrets.length > 0 && (
          <button type="button" className="small" aria-pressed={revealSecrets} onClick={() => setRevealSecrets((shown) => !shown)}>
            {`${revealSecrets ? 'Hide' : 'Reveal'} ${secretsName(packet!.fields)}`}
          </button>
        )}
      </div>
      <Group orientation="horizontal" id="details" className="details-panes" defaultLayout={layout.defaultLayout} onLayoutChanged={layout.onLayoutChanged}>
        <Panel id="tree" defaultSize="55%" minSize="160px" className="pane field-pane" data-pane="field-tree">
          {packet ? (
            <FieldTree key={row.seq} fields={packet.fields} problems={problems} selectedPath={selectedPath} revealSecrets={revealSecrets} onSelect={setSelectedPath} onHover={setHovered} />
          ) : (
            <p>{row.kind === 'frame-error' ? row.message : ''}</p>
          )}
          {problems.length > 0 && (
            <ul className="problems" aria-label="Problems">
              {problems.map((problem, index) => (
                <li key={index} onClick={() => pickByte(problem.offset)} onMouseEnter={() => setHovered(problem)} onMouseLeave={() => setHovered(undefined)}>
                  {problem.message}
                  {problem.clause && <span className="muted"> [{problem.clause}]</span>}
                </li>
              ))}
            </ul>
          )}
        </Panel>
        <Divider label="Resize the field tree and bytes" orientation="horizontal" />
        {/* Never narrower than a row of sixteen bytes and their text (60 characters of the dump's
            13 px monospace and two gaps, about 490 px, with the pane's padding and scroll bar): a
            cut row hides bytes. */}
        <Panel id="bytes" defaultSize="45%" minSize="540px" className="pane bytes-pane" data-pane="bytes">
          <HexDump bytes={bytes} selected={selectedField} hovered={hovered} problems={problems} masked={revealSecrets ? [] : secrets} onPick={pickByte} />
        </Panel>
      </Group>
    </section>
  );
}
