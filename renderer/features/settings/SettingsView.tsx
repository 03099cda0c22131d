// Settings in a view of their own: how much the trace store keeps, what closing the app does to
// open connections, the theme, and the store's files it could not read.
import { useStore } from '../../store';
import { ThemeSwitch } from '../../ui/ThemeSwitch';
import { QuitMode } from '../sessions/QuitMode';
import { StoreCap } from '../sessions/StoreCap';

export function SettingsView() {
  const api = useStore((state) => state.api);
  const listed = useStore((state) => state.sessionList);
  const refresh = useStore((state) => state.refreshSessions);
  return (
    <section className="card tool-view settings" aria-labelledby="settings-title" data-pane="settings">
      <h2 id="settings-title">Settings</h2>
      <h3>Recorded sessions</h3>
      {listed ? (
        <StoreCap
          capBytes={listed.capBytes}
          listSessions={async () => (await api!.request('sessions.list', {})).sessions}
          onSave={async (capBytes, deleting) => {
            // A refusal reaches StoreCap, which shows what goes now; the list is read either way.
            try {
              await api!.request('sessions.settings', { capBytes, deleting: [...deleting] });
              // What the cap deleted leaves the navigator too, as a session deleted there does.
              const { connections, dismiss } = useStore.getState();
              for (const id of deleting) if (connections[id] && connections[id].trace?.open !== true) dismiss(id);
            } finally {
              await refresh();
            }
          }}
        />
      ) : (
        <p className="muted">Reading the store…</p>
      )}
      {listed && listed.problems.length > 0 && (
        <ul className="problems" aria-label="Trace store problems">
          {listed.problems.map((problem, index) => (
            <li key={index}>{problem}</li>
          ))}
        </ul>
      )}
      <h3>Closing the app</h3>
      <QuitMode />
      <h3>Appearance</h3>
      <ThemeSwitch />
    </section>
  );
}
