// The top line: the app's name, the command palette, the drawer, and the keys worth knowing.
import { Command, PanelBottom } from 'lucide-react';
import { useStore } from '../../store';
import { DRAWER_SHORTCUT } from './useDrawerShortcut';

export function TitleBar() {
  const drawerOpen = useStore((state) => state.drawerOpen);
  const toggleDrawer = useStore((state) => state.toggleDrawer);
  const setPaletteOpen = useStore((state) => state.setPaletteOpen);
  return (
    <header className="title-bar">
      <h1>MQTT Scope</h1>
      <button type="button" className="palette-button" data-shortcut="palette" aria-keyshortcuts="Control+K" title="Commands: connect to a profile, open a session, go to a packet… (Ctrl+K)" onClick={() => setPaletteOpen(true)}>
        <Command aria-hidden="true" size={14} />
        <span>Commands…</span>
        <kbd>Ctrl K</kbd>
      </button>
      <span className="muted shortcuts">Ctrl+Enter connect · Ctrl+. disconnect · j / k packets · F6 next pane</span>
      <button type="button" className="icon-button" data-shortcut="drawer" aria-pressed={drawerOpen} aria-keyshortcuts={DRAWER_SHORTCUT} title="Publish, subscriptions, topics, payload and plot of the connection (Ctrl+J)" onClick={toggleDrawer}>
        <PanelBottom aria-hidden="true" size={16} />
        <span className="icon-label">Live actions</span>
      </button>
    </header>
  );
}
