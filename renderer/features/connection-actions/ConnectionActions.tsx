// What can be done with the active connection as a whole: save its session (a trace or pcapng,
// without passwords), copy the mosquitto_sub / mosquitto_pub line that makes the same
// connection, compare its handshake with another connection's, and open the Publish and
// Subscriptions panels.
import { mosquittoCommand, type MosquittoTool } from '@shared/model/mosquitto-command';
import { useActiveConnection, useStore } from '../../store';
import { useCopy } from '../../ui/useCopy';
import { useSaveSessions } from '../save/useSaveSessions';
import { commandSourceOf } from './command-source';

export function ConnectionActions() {
  const connection = useActiveConnection();
  const api = useStore((state) => state.api);
  const { busy, status: saved, save } = useSaveSessions();
  const { status: copied, copy } = useCopy();
  const comparing = useStore((state) => state.comparing);
  const setComparing = useStore((state) => state.setComparing);
  const liveActionsOpen = useStore((state) => state.liveActionsOpen);
  const setLiveActionsOpen = useStore((state) => state.setLiveActionsOpen);
  if (!connection) return null;

  const copyAs = (tool: MosquittoTool) =>
    copy(`the ${tool} command`, async () => {
      if (!api) throw new Error('the engine is not connected');
      return mosquittoCommand(tool, await commandSourceOf(api, connection));
    });

  return (
    <div className="connection-actions button-row" role="toolbar" aria-label="Connection actions">
        <button type="button" className="small" disabled={busy || !api} title="Save this connection's session as a trace (.mqtrace), without passwords" onClick={() => void save([connection.id], 'trace')}>
          Save…
        </button>
        <button type="button" className="small" disabled={busy || !api} title="Save this connection's session as pcapng for Wireshark, without passwords" onClick={() => void save([connection.id], 'pcapng')}>
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
        {(busy || saved || copied) && (
          <span role="status" aria-label="Action outcome">
            <span className={saved && !saved.ok ? 'action-error' : 'muted'}>{busy ? 'Saving…' : saved?.text}</span>{' '}
            <span className={copied && !copied.ok ? 'action-error' : 'muted'}>{copied?.text}</span>
          </span>
        )}
    </div>
  );
}
