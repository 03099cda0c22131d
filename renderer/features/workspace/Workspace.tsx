// The window as a desktop inspector: a title bar, an activity bar of views, the navigator and
// the main view side by side, and the live-actions drawer under the main view. Every divider
// moves by mouse or keyboard and its place is kept across reloads.
import { useState } from 'react';
import { Group, Panel, usePanelRef } from 'react-resizable-panels';
import { useStore } from '../../store';
import { ErrorBoundary } from '../../ui/ErrorBoundary';
import { Divider, usePaneLayout } from '../../ui/panes';
import { usePaneCycling } from '../../ui/pane-cycling';
import { useShortcuts } from '../../ui/useShortcuts';
import { Drawer } from '../drawer/Drawer';
import { Navigator } from '../navigator/Navigator';
import { CommandPalette } from '../palette/CommandPalette';
import { useSessionListSync } from '../navigator/useSessionListSync';
import { useProfileListSync } from '../profiles/useProfileListSync';
import { FileDrop } from '../sessions/FileDrop';
import { ActivityBar } from './ActivityBar';
import { MainView } from './MainView';
import { TitleBar } from './TitleBar';
import { useDrawerShortcut } from './useDrawerShortcut';

const MAIN_PANES = ['view', 'drawer'];

export function Workspace() {
  const engineProblem = useStore((state) => state.engineProblem);
  const drawerOpen = useStore((state) => state.drawerOpen);
  const navigator = usePanelRef();
  const [navigatorShown, setNavigatorShown] = useState(true);
  const sides = usePaneLayout('workspace');
  const main = usePaneLayout('main', drawerOpen ? MAIN_PANES : ['view']);
  useShortcuts();
  useDrawerShortcut();
  usePaneCycling();
  useSessionListSync();
  useProfileListSync();
  return (
    <div className="workspace">
      <TitleBar />
      {engineProblem && (
        <p className="banner banner-error" role="alert">
          {engineProblem}
        </p>
      )}
      <FileDrop />
      <div className="workspace-body">
        <ActivityBar navigator={navigator} navigatorShown={navigatorShown} />
        <Group orientation="horizontal" id="workspace" className="workspace-panes" defaultLayout={sides.defaultLayout} onLayoutChanged={sides.onLayoutChanged}>
          {/* Folded away, it is out of the Tab order and of F6's panes too (inert). */}
          <Panel id="navigator" panelRef={navigator} defaultSize="280px" minSize="200px" maxSize="50%" collapsible className="pane" inert={!navigatorShown} onResize={(size) => setNavigatorShown(size.inPixels > 0)}>
            <ErrorBoundary name="Navigator">
              <Navigator />
            </ErrorBoundary>
          </Panel>
          <Divider label="Resize the navigator" orientation="horizontal" />
          <Panel id="main" minSize="420px" className="pane">
            <Group orientation="vertical" id="main" defaultLayout={main.defaultLayout} onLayoutChanged={main.onLayoutChanged}>
              <Panel id="view" minSize="200px" className="pane">
                <MainView />
              </Panel>
              {drawerOpen && (
                <>
                  <Divider label="Resize the drawer" orientation="vertical" />
                  <Panel id="drawer" defaultSize="30%" minSize="140px" className="pane">
                    <ErrorBoundary name="Drawer">
                      <Drawer />
                    </ErrorBoundary>
                  </Panel>
                </>
              )}
            </Group>
          </Panel>
        </Group>
      </div>
      <CommandPalette />
    </div>
  );
}
