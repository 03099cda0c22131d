// The connection view's first lines: where the connection stands (each step with its time, how
// it ended) and one toolbar of what can be done with it — disconnect or drop it, save it, copy
// the command that makes it again, compare it, open the live-actions drawer.
import { ArrowLeftRight, Copy, PanelBottom, Save, Unplug, Zap } from 'lucide-react';
import { endSentence } from '@shared/model/outcome';
import { mosquittoCommand, type MosquittoTool } from '@shared/model/mosquitto-command';
import { useActiveConnection, useStore } from '../../store';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDuration } from '../../ui/format';
import { Menu } from '../../ui/Menu';
import { copyToClipboard } from '../../ui/useCopy';
import { commandSourceOf } from '../connection-actions/command-source';
import { viewStatusText } from '../connections/connection-label';
import { useConnectionLabels } from '../connections/useConnectionLabels';
import { saveSessions, type SaveFormat } from '../save/useSaveSessions';
import { useCloseConnection } from './useCloseConnection';

export function ConnectionHeader() {
  const connection = useActiveConnection();
  const labels = useConnectionLabels();
  const api = useStore((state) => state.api);
  // The outcome of the last action on this connection: an answer that comes after another
  // connection was chosen stays with the connection it was about.
  const note = useStore((state) => (state.activeId ? state.actionNotes[state.activeId] : undefined));
  const busy = useStore((state) => (state.activeId ? state.savingIds[state.activeId] === true : false));
  const setActionNote = useStore((state) => state.setActionNote);
  const startSaving = useStore((state) => state.startSaving);
  const endSaving = useStore((state) => state.endSaving);
  const comparing = useStore((state) => state.comparing);
  const setComparing = useStore((state) => state.setComparing);
  const drawerOpen = useStore((state) => state.drawerOpen);
  const toggleDrawer = useStore((state) => state.toggleDrawer);
  const close = useCloseConnection();
  if (!connection) return null;

  const id = connection.id;
  const { story } = connection;
  const ending = endSentence(story);
  const live = !!connection.options && (connection.status === 'connecting' || connection.status === 'connected');
  const copyAs = async (tool: MosquittoTool) =>
    setActionNote(id, {
      ...(await copyToClipboard(`the ${tool} command`, async () => {
        if (!api) throw new Error('the engine is not connected');
        return mosquittoCommand(tool, await commandSourceOf(api, connection));
      })),
      fleeting: true,
    });
  const save = async (format: SaveFormat) => {
    if (!api) return;
    startSaving(id);
    endSaving(id, await saveSessions(api, [id], format));
  };

  return (
    <div className="connection-header">
      <div className="status-bar" aria-label="Connection status" role="status">
        <span className={`status status-${connection.status}`}>{viewStatusText(connection)}</span> <strong className="status-label">{labels.get(id)}</strong>
        {connection.recorded && <span className="muted"> · recorded, read-only</span>}
        {story.phases.length > 0 && <span className="muted"> · {story.phases.map((phase) => `${phase.name} ${formatDuration(phase.durationMs)}`).join(' · ')}</span>}
        {ending && <span className="muted"> · {ending}</span>}
      </div>
      <div className="toolbar" role="toolbar" aria-label="Connection actions">
        <button type="button" className="tool" disabled={!live} onClick={() => void close.run(id, 'disconnect')} data-shortcut="disconnect" aria-keyshortcuts="Control+." title="Send DISCONNECT and close (Ctrl+.)">
          <Unplug aria-hidden="true" size={15} /> Disconnect
        </button>
        <button type="button" className="tool" disabled={!live} onClick={() => void close.run(id, 'abort')} title="Close the socket without a DISCONNECT: the broker publishes the will">
          <Zap aria-hidden="true" size={15} /> Drop connection
        </button>
        <span className="toolbar-gap" />
        <Menu
          label="Save as…"
          className="tool"
          disabled={busy || !api}
          entries={[
            { label: 'Trace (.mqtrace), without passwords', onSelect: () => void save('trace') },
            { label: 'pcapng for Wireshark, without passwords', onSelect: () => void save('pcapng') },
          ]}
        >
          <Save aria-hidden="true" size={15} /> Save as…
        </Menu>
        <Menu
          label="Copy as…"
          className="tool"
          entries={[
            { label: 'mosquitto_sub command', onSelect: () => void copyAs('mosquitto_sub') },
            { label: 'mosquitto_pub command', onSelect: () => void copyAs('mosquitto_pub') },
          ]}
        >
          <Copy aria-hidden="true" size={15} /> Copy as…
        </Menu>
        <button type="button" className="tool" aria-pressed={comparing} onClick={() => setComparing(!comparing)} title="Compare this handshake with another connection's">
          <ArrowLeftRight aria-hidden="true" size={15} /> Compare
        </button>
        <button type="button" className="tool" aria-pressed={drawerOpen} onClick={toggleDrawer} title="Publish, subscriptions, topics, payload and plot (Ctrl+J)">
          <PanelBottom aria-hidden="true" size={15} /> Live actions
        </button>
        {(note || busy) && (
          <span role="status" aria-label="Action outcome" className={!note || note.ok ? 'muted' : 'action-error'}>
            {note?.text ?? 'Saving…'}
          </span>
        )}
      </div>
      <ErrorAlert error={close.error} />
    </div>
  );
}
