// What can be done with the active connection as a whole: save its session (a trace or pcapng,
// without passwords), copy the mosquitto_sub / mosquitto_pub line that makes the same
// connection, compare its handshake with another connection's, and open the Publish and
// Subscriptions panels.
import { mosquittoCommand, type MosquittoTool } from '@shared/model/mosquitto-command';
import { useActiveConnection, useStore } from '../../store';
import { copyToClipboard } from '../../ui/useCopy';
import { saveSessions, type SaveFormat } from '../save/useSaveSessions';
import { commandSourceOf } from './command-source';

export function ConnectionActions() {
  const connection = useActiveConnection();
  const api = useStore((state) => state.api);
  // The outcome of the last action on this connection: an answer that comes after another tab
  // was chosen stays with the connection it was about.
  const note = useStore((state) => (state.activeId ? state.actionNotes[state.activeId] : undefined));
  const busy = useStore((state) => (state.activeId ? state.savingIds[state.activeId] === true : false));
  const setActionNote = useStore((state) => state.setActionNote);
  const startSaving = useStore((state) => state.startSaving);
  const endSaving = useStore((state) => state.endSaving);
  const comparing = useStore((state) => state.comparing);
  const setComparing = useStore((state) => state.setComparing);
  const liveActionsOpen = useStore((state) => state.liveActionsOpen);
  const setLiveActionsOpen = useStore((state) => state.setLiveActionsOpen);
  if (!connection) return null;

  const id = connection.id;
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
    <div className="connection-actions button-row" role="toolbar" aria-label="Connection actions">
        <button type="button" className="small" disabled={busy || !api} title="Save this connection's session as a trace (.mqtrace), without passwords" onClick={() => void save('trace')}>
          Save…
        </button>
        <button type="button" className="small" disabled={busy || !api} title="Save this connection's session as pcapng for Wireshark, without passwords" onClick={() => void save('pcapng')}>
          Save pcapng
        </button>
        <button type="button" className="small" onClick={() => void copyAs('mosquitto_sub')}>
          Copy as mosquitto_sub
        </button>
        <button type="button" className="small" onClick={() => void copyAs('mosquitto_pub')}>
          Copy as mosquitto_pub
        </button>
        <button type="button" className="small" aria-expanded={comparing} onClick={() => setComparing(!comparing)}>
          Compare…
        </button>
        {/* "Send…", not "Publish & subscribe…": at 1280 px the longer words wrap this toolbar
            onto a second line, which pushes Packet details below the fold (e2e/layout.spec.ts). */}
        <button type="button" className="small" aria-expanded={liveActionsOpen} aria-controls="live-actions" title="Publish and subscribe on this connection" onClick={() => setLiveActionsOpen(!liveActionsOpen)}>
          Send…
        </button>
        {(note || busy) && (
          <span role="status" aria-label="Action outcome" className={!note || note.ok ? 'muted' : 'action-error'}>
            {note?.text ?? 'Saving…'}
          </span>
        )}
    </div>
  );
}
