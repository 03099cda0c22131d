// The live-actions drawer under the main view: Publish, Subscriptions, Topics (the topic tree
// beside its messages, as MQTT Explorer shows them), Payload (the chosen packet's) and Plot, as
// tabs. It acts on the active connection; one that cannot publish says why.
import { lazy, Suspense } from 'react';
import { useActiveConnection, useStore } from '../../store';
import { DRAWER_TABS, type DrawerTab } from '../../store/workspace-slice';
import { ErrorBoundary } from '../../ui/ErrorBoundary';
import { liveAvailability } from '../live/live-connection';
import { PublishPanel } from '../live/PublishPanel';
import { SubscriptionsPanel } from '../live/SubscriptionsPanel';
import { PayloadViewer } from '../payload/PayloadViewer';
import { TopicsPanel } from '../topics/TopicsPanel';

// uPlot comes with the Plot tab, the first time it is shown.
const TopicPlot = lazy(() => import('../plot/TopicPlot').then((module) => ({ default: module.TopicPlot })));

const TAB_NAMES: Record<DrawerTab, string> = { publish: 'Publish', subscriptions: 'Subscriptions', topics: 'Topics', payload: 'Payload', plot: 'Plot' };

export function Drawer() {
  const tab = useStore((state) => state.drawerTab);
  const setDrawer = useStore((state) => state.setDrawer);
  return (
    <section className="drawer" aria-label="Live actions" data-pane="drawer">
      <div className="drawer-tabs" role="tablist" aria-label="Live actions">
        {DRAWER_TABS.map((name) => (
          <button key={name} type="button" role="tab" id={`drawer-tab-${name}`} aria-selected={tab === name} aria-controls="drawer-panel" tabIndex={tab === name ? 0 : -1} onClick={() => setDrawer(true, name)} onKeyDown={(event) => moveTab(event.key, name, setDrawer)}>
            {TAB_NAMES[name]}
          </button>
        ))}
        <button type="button" className="small drawer-close" onClick={() => setDrawer(false)} title="Close the drawer (Ctrl+J)">
          Close
        </button>
      </div>
      <div className="drawer-panel" id="drawer-panel" role="tabpanel" aria-labelledby={`drawer-tab-${tab}`}>
        <ErrorBoundary name={TAB_NAMES[tab]}>
          <DrawerContent tab={tab} />
        </ErrorBoundary>
      </div>
    </section>
  );
}

/** Arrow keys move between the tabs, as in any tab list. */
function moveTab(key: string, from: DrawerTab, setDrawer: (open: boolean, tab: DrawerTab) => void) {
  const step = key === 'ArrowRight' ? 1 : key === 'ArrowLeft' ? -1 : 0;
  if (step === 0) return;
  const next = DRAWER_TABS[(DRAWER_TABS.indexOf(from) + step + DRAWER_TABS.length) % DRAWER_TABS.length];
  setDrawer(true, next);
  requestAnimationFrame(() => document.getElementById(`drawer-tab-${next}`)?.focus());
}

function DrawerContent({ tab }: { tab: DrawerTab }) {
  const connection = useActiveConnection();
  if (!connection) return <p className="empty-state">Connect, or choose a connection in the navigator: its live actions show here.</p>;
  if (tab === 'topics') return <TopicsPanel key={connection.id} />;
  if (tab === 'payload') return <PayloadViewer />;
  if (tab === 'plot') {
    return (
      <Suspense fallback={<p className="empty-state">Loading the plot…</p>}>
        <TopicPlot />
      </Suspense>
    );
  }
  const availability = liveAvailability(connection);
  return (
    <>
      {!availability.live && (
        <p className="banner banner-warning" role="note">
          Publishing and subscribing need a live connection this app opened. {availability.reason}
        </p>
      )}
      {/* Keyed by connection: what a panel holds for itself (problems shown, a request's failure)
          is the connection's it was shown for; the forms are kept in the store. */}
      {tab === 'publish' ? <PublishPanel key={`publish-${connection.id}`} /> : <SubscriptionsPanel key={`subscriptions-${connection.id}`} />}
    </>
  );
}
