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
import { TopicPlot } from './features/plot/TopicPlot';
import { useStore } from './store';
import { ErrorBoundary } from './ui/ErrorBoundary';
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
        <ErrorBoundary name="Sidebar">
          <Sidebar />
        </ErrorBoundary>
        <div className="inspector" id="inspector" tabIndex={-1} aria-label="Inspector" role="region">
          <div className="tabs-row">
            <ConnectionTabs />
            <ConnectionActions />
          </div>
          <ErrorBoundary name="Connection status">
            <ConnectionStatusBar />
          </ErrorBoundary>
          <div className="live-actions" id="live-actions">
            <ErrorBoundary name="Live actions">
              <LiveActions />
            </ErrorBoundary>
          </div>
          <ErrorBoundary name="Compare handshakes">
            <CompareHandshakes />
          </ErrorBoundary>
          <ErrorBoundary name="Diagnosis">
            <DiagnosisPanel />
          </ErrorBoundary>
          <div className="overview">
            <ErrorBoundary name="CONNACK">
              <ConnackCard />
            </ErrorBoundary>
            <ErrorBoundary name="Timeline">
              <Timeline />
            </ErrorBoundary>
          </div>
          <div className="packets-and-details">
            {/* One list a connection: its filter and scroll are its own. */}
            <ErrorBoundary name="Packets">
              <PacketList key={activeId} />
            </ErrorBoundary>
            <ErrorBoundary name="Packet details">
              <PacketDetails />
            </ErrorBoundary>
          </div>
          <div className="messages">
            {/* The tree, its search and its choices are the connection's own. */}
            <ErrorBoundary name="Topics">
              <TopicsPanel key={activeId} />
            </ErrorBoundary>
            <ErrorBoundary name="Payload">
              <PayloadViewer />
            </ErrorBoundary>
            <TopicPlot />
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
