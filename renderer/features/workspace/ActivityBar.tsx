// The strip at the window's left edge: the navigator (shown or folded away) and the views of the
// main area — a new connection, the local broker, the recording proxy, capture from an interface,
// the lab, settings. Each
// button has its icon and its name.
import { FlaskConical, ListTree, Plug, Radar, Repeat2, Server, Settings, type LucideIcon } from 'lucide-react';
import type { RefObject } from 'react';
import type { PanelImperativeHandle } from 'react-resizable-panels';
import { useStore } from '../../store';
import type { WorkspaceView } from '../../store/workspace-slice';

const VIEWS: { view: WorkspaceView; name: string; icon: LucideIcon; title: string }[] = [
  { view: 'form', name: 'New connection', icon: Plug, title: 'New connection: the connection form and saved profiles' },
  { view: 'broker', name: 'Broker', icon: Server, title: 'The local broker: start it, its clients, sessions and retained messages' },
  { view: 'proxy', name: 'Proxy', icon: Repeat2, title: 'The recording proxy: put it between a client and its broker' },
  { view: 'capture', name: 'Capture', icon: Radar, title: 'Capture from a network interface: the MQTT connections of devices this app does not control' },
  { view: 'lab', name: 'Lab', icon: FlaskConical, title: 'The handshake lab: experiments against a broker' },
  { view: 'settings', name: 'Settings', icon: Settings, title: 'Store size cap, what closing does, theme' },
];

export function ActivityBar({ navigator, navigatorShown }: { navigator: RefObject<PanelImperativeHandle | null>; navigatorShown: boolean }) {
  const view = useStore((state) => state.view);
  const showView = useStore((state) => state.showView);
  const toggleNavigator = () => {
    const panel = navigator.current;
    if (!panel) return;
    if (panel.isCollapsed()) panel.expand();
    else panel.collapse();
  };
  return (
    <nav className="activity-bar" aria-label="Views">
      <button type="button" className="activity" aria-expanded={navigatorShown} aria-controls="navigator" title="Show or hide the navigator (connections, sessions, profiles)" onClick={toggleNavigator}>
        <ListTree aria-hidden="true" size={20} />
        <span>Navigator</span>
      </button>
      {VIEWS.map(({ view: target, name, icon: Icon, title }) => (
        <button key={target} type="button" className="activity" aria-pressed={view === target} title={title} onClick={() => showView(target)}>
          <Icon aria-hidden="true" size={20} />
          <span>{name}</span>
        </button>
      ))}
    </nav>
  );
}
