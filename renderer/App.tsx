import { ConnackCard } from './features/connack/ConnackCard';
import { ConnectionForm } from './features/connection-form/ConnectionForm';
import { PacketDetails } from './features/packet-details/PacketDetails';
import { PacketList } from './features/packets/PacketList';
import { ProfilesPanel } from './features/profiles/ProfilesPanel';
import { ConnectionStatusBar } from './features/status/ConnectionStatusBar';
import { useStore } from './store';

export function App() {
  const engineProblem = useStore((state) => state.engineProblem);
  return (
    <div className="app">
      <header className="app-header">
        <h1>MQTT Scope</h1>
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
        </div>
        <div className="inspector">
          <ConnectionStatusBar />
          <ConnackCard />
          <PacketList />
          <PacketDetails />
        </div>
      </main>
    </div>
  );
}
