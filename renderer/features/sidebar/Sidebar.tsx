// The left column: the connection form with its profiles, the recorded sessions, the local
// broker, the handshake lab and the recording proxy, one below the other, with a bar at the top that brings each into view in one click.
import { BrokerPanel } from '../broker/BrokerPanel';
import { ConnectionForm } from '../connection-form/ConnectionForm';
import { LabPanel } from '../lab/LabPanel';
import { ProfilesPanel } from '../profiles/ProfilesPanel';
import { ProxyPanel } from '../proxy/ProxyPanel';
import { SessionsPanel } from '../sessions/SessionsPanel';

const SECTIONS = [
  { id: 'side-connect', name: 'Connection', content: <ConnectionForm /> },
  { id: 'side-profiles', name: 'Profiles', content: <ProfilesPanel /> },
  { id: 'side-sessions', name: 'Sessions', content: <SessionsPanel /> },
  { id: 'side-broker', name: 'Broker', content: <BrokerPanel /> },
  { id: 'side-lab', name: 'Lab', content: <LabPanel /> },
  { id: 'side-proxy', name: 'Proxy', content: <ProxyPanel /> },
];

function show(id: string) {
  const section = document.getElementById(id);
  section?.scrollIntoView({ block: 'start' });
  // The keyboard follows the eye: the next Tab goes into the section.
  section?.focus({ preventScroll: true });
}

export function Sidebar() {
  return (
    <div className="sidebar">
      <nav className="side-nav" aria-label="Side panels">
        {SECTIONS.map((section) => (
          <button key={section.id} type="button" className="small" aria-controls={section.id} onClick={() => show(section.id)}>
            {section.name}
          </button>
        ))}
      </nav>
      {SECTIONS.map((section) => (
        <div key={section.id} id={section.id} className="side-section" tabIndex={-1}>
          {section.content}
        </div>
      ))}
    </div>
  );
}
