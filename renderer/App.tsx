import type { MouseEvent } from 'react';
import { ConnackCard } from './features/connack/ConnackCard';
import { CompareHandshakes } from './features/compare/CompareHandshakes';
import { ConnectionActions } from './features/connection-actions/ConnectionActions';
import { ConnectionStatusBar } from './features/connections/ConnectionStatusBar';
import { ConnectionTabs } from './features/connections/ConnectionTabs';
import { DiagnosisPanel } from './features/diagnosis/DiagnosisPanel';
import { LiveActions } from './features/live/LiveActions';
import { PacketDetails } from './features/packet-details/PacketDetails';
import { PacketList } from './features/packets/PacketList';
import { PayloadViewer } from './features/payload/PayloadViewer';
import { FileDrop } from './features/sessions/FileDrop';
import { Sidebar } from './features/sidebar/Sidebar';
import { Timeline } from './features/timeline/Timeline';
import { TopicsPanel } from './features/topics/TopicsPanel';
import { useStore } from './store';
import { ThemeSwitch } from './ui/ThemeSwitch';
import { useShortcuts } from './ui/useShortcuts';

export function App() {
  const engineProblem = useStore((state) => state.engineProblem);
  const activeId = useStore((state) => state.activeId);
  useShortcuts();
  return (
    <div className="app">
      <a className="skip-link" href="#inspector" onClick={skipToInspector}>
        Skip to the inspector
      </a>
      <header className="app-header">
        <h1>MQTT Scope</h1>
        <span className="muted shortcuts">Ctrl+Enter connect · Ctrl+. disconnect · j / k next / previous packet</span>
        <ThemeSwitch />
      </header>
      {engineProblem && (
        <p className="banner banner-error" role="alert">
          {engineProblem}
        </p>
      )}
      <FileDrop />
      <main className="app-main">
        <Sidebar />
        <div className="inspector" id="inspector" tabIndex={-1} aria-label="Inspector" role="region">
          <div className="tabs-row">
            <ConnectionTabs />
            <ConnectionActions />
          </div>
          <ConnectionStatusBar />
          <div className="live-actions" id="live-actions">
            <LiveActions />
          </div>
          <CompareHandshakes />
          <DiagnosisPanel />
          <div className="overview">
            <ConnackCard />
            <Timeline />
          </div>
          <div className="packets-and-details">
            {/* One list a connection: its filter and scroll are its own. */}
            <PacketList key={activeId} />
            <PacketDetails />
          </div>
          <div className="messages">
            {/* The tree, its search and its choices are the connection's own. */}
            <TopicsPanel key={activeId} />
            <PayloadViewer />
          </div>
        </div>
      </main>
    </div>
  );
}

/** Moves the focus, not the address: the page's URL carries its token and stays as it is. */
function skipToInspector(event: MouseEvent) {
  event.preventDefault();
  document.getElementById('inspector')?.focus();
}
