import { BrokerPanel } from './features/broker/BrokerPanel';
import { ConnackCard } from './features/connack/ConnackCard';
import { ConnectionForm } from './features/connection-form/ConnectionForm';
import { ConnectionStatusBar } from './features/connections/ConnectionStatusBar';
import { ConnectionTabs } from './features/connections/ConnectionTabs';
import { DiagnosisPanel } from './features/diagnosis/DiagnosisPanel';
import { PacketDetails } from './features/packet-details/PacketDetails';
import { PacketList } from './features/packets/PacketList';
import { ProfilesPanel } from './features/profiles/ProfilesPanel';
import { ProxyPanel } from './features/proxy/ProxyPanel';
import { Timeline } from './features/timeline/Timeline';
import { useStore } from './store';
import { ThemeSwitch } from './ui/ThemeSwitch';
import { useShortcuts } from './ui/useShortcuts';

export function App() {
  const engineProblem = useStore((state) => state.engineProblem);
  useShortcuts();
  return (
    <div className="app">
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
      <main className="app-main">
        <div className="sidebar">
          <ConnectionForm />
          <ProfilesPanel />
          <BrokerPanel />
          <ProxyPanel />
        </div>
        <div className="inspector">
          <ConnectionTabs />
          <ConnectionStatusBar />
          <DiagnosisPanel />
          <div className="overview">
            <ConnackCard />
            <Timeline />
          </div>
          <div className="packets-and-details">
            <PacketList />
            <PacketDetails />
          </div>
        </div>
      </main>
    </div>
  );
}
