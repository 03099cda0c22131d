// One connection in the main area, read top to bottom as Wireshark is: where it stands and what
// can be done with it, what went wrong, then three panes whose dividers move and whose sizes are
// kept — the summary (CONNACK, the TLS handshake when there is one, and timeline), the packet list, and the chosen packet's field tree
// beside its bytes. Each pane scrolls itself; the window never does. Comparing, the summary pane
// shows the two handshakes side by side instead, so the packet list keeps its room.
import { useEffect } from 'react';
import { Group, Panel, usePanelRef } from 'react-resizable-panels';
import { useStore } from '../../store';
import { ErrorBoundary } from '../../ui/ErrorBoundary';
import { Divider, usePaneLayout } from '../../ui/panes';
import { CompareHandshakes } from '../compare/CompareHandshakes';
import { ConnackCard } from '../connack/ConnackCard';
import { DiagnosisPanel } from '../diagnosis/DiagnosisPanel';
import { PacketDetails } from '../packet-details/PacketDetails';
import { PacketList } from '../packets/PacketList';
import { Timeline } from '../timeline/Timeline';
import { TlsCard } from '../tls/TlsCard';
import { ConnectionHeader } from './ConnectionHeader';

export function ConnectionView() {
  const activeId = useStore((state) => state.activeId);
  const comparing = useStore((state) => state.comparing);
  const layout = usePaneLayout('connection');
  const summary = usePanelRef();
  // Comparing with the summary folded away: it unfolds, or the comparison would not be seen.
  useEffect(() => {
    if (comparing && summary.current?.isCollapsed()) summary.current.expand();
  }, [comparing, summary]);
  return (
    <div className="connection-view">
      <ErrorBoundary name="Connection status">
        <ConnectionHeader />
      </ErrorBoundary>
      <ErrorBoundary name="Diagnosis">
        <DiagnosisPanel />
      </ErrorBoundary>
      <Group orientation="vertical" id="connection" className="connection-panes" defaultLayout={layout.defaultLayout} onLayoutChanged={layout.onLayoutChanged}>
        <Panel id="summary" panelRef={summary} defaultSize="210px" minSize="60px" collapsible className={`pane summary-band${comparing ? ' comparing' : ''}`} data-pane="summary">
          {comparing ? (
            <ErrorBoundary name="Compare handshakes">
              <CompareHandshakes />
            </ErrorBoundary>
          ) : (
            <>
              <ErrorBoundary name="CONNACK">
                <ConnackCard />
              </ErrorBoundary>
              <ErrorBoundary name="TLS">
                <TlsCard />
              </ErrorBoundary>
              <ErrorBoundary name="Timeline">
                <Timeline />
              </ErrorBoundary>
            </>
          )}
        </Panel>
        <Divider label="Resize the summary" orientation="vertical" />
        {/* Tall enough for its filters (two lines in a narrow view), the column heads and a few
            rows: with the drawer open on a laptop's screen it was left with no row at all. */}
        <Panel id="packets" minSize="180px" className="pane" data-pane="packets">
          {/* One list a connection: its filter and scroll are its own. */}
          <ErrorBoundary name="Packets">
            <PacketList key={activeId} />
          </ErrorBoundary>
        </Panel>
        <Divider label="Resize the packet list" orientation="vertical" />
        <Panel id="details" minSize="90px" className="pane">
          <ErrorBoundary name="Packet details">
            <PacketDetails />
          </ErrorBoundary>
        </Panel>
      </Group>
    </div>
  );
}
