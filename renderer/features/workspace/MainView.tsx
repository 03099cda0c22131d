// The main area shows one view at a time: the active connection, the connection form, or a tool.
// The form stays mounted while hidden, so Ctrl+Enter connects from any view as it always did;
// Settings does too, so a change waiting to be confirmed is not lost by looking elsewhere.
import { useStore } from '../../store';
import { ErrorBoundary } from '../../ui/ErrorBoundary';
import { BrokerPanel } from '../broker/BrokerPanel';
import { FormView } from '../connection-form/FormView';
import { ConnectionView } from '../connection-view/ConnectionView';
import { LabPanel } from '../lab/LabPanel';
import { ProxyPanel } from '../proxy/ProxyPanel';
import { CapturePanel } from '../capture/CapturePanel';
import { SettingsView } from '../settings/SettingsView';

export function MainView() {
  const view = useStore((state) => state.view);
  const activeId = useStore((state) => state.activeId);
  const showView = useStore((state) => state.showView);
  return (
    <main className="main-view" id="main-view" tabIndex={-1} aria-label="Main view" data-pane="main">
      <div className="view-frame" hidden={view !== 'form'}>
        <FormView />
      </div>
      {view === 'connection' &&
        (activeId ? (
          <ConnectionView />
        ) : (
          <div className="empty-state">
            <p>No connection chosen. Choose one in the navigator, or make a new one.</p>
            <button type="button" onClick={() => showView('form')}>
              New connection
            </button>
          </div>
        ))}
      {view !== 'form' && view !== 'connection' && view !== 'settings' && (
        <div className="tool-frame">
          <ErrorBoundary name={view}>
            {view === 'broker' && <BrokerPanel />}
            {view === 'proxy' && <ProxyPanel />}
            {view === 'capture' && <CapturePanel />}
            {view === 'lab' && <LabPanel />}
          </ErrorBoundary>
        </div>
      )}
      {/* Settings stays mounted too: a size cap waiting to be confirmed is still asked when the
          person comes back (a file opened meanwhile shows its session in the connection view). */}
      <div className="tool-frame" hidden={view !== 'settings'}>
        <ErrorBoundary name="settings">
          <SettingsView />
        </ErrorBoundary>
      </div>
    </main>
  );
}
