import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectEngine } from './api/engine-api';
import { App } from './App';
import { useStore } from './store';
import { pressShortcutButton } from './ui/useShortcuts';
import './styles.css';

const { setApi, setEngineProblem, applyUpdates, addBrokerEvent, setLabProgress, addLabResult, setLocal, reattach, applyRepeat, showOpenedFile } = useStore.getState();
const api = connectEngine(setEngineProblem);
setApi(api);
// The engine says which sessions changed, at most ten times a second; the views ask it for the
// rows, packets and timeline they show.
api.on('trace.update', ({ sessions }) => applyUpdates(sessions));
api.on('broker.event', addBrokerEvent);
// The lab's results come one by one, as each experiment ends.
api.on('lab.progress', setLabProgress);
api.on('lab.result', addLabResult);
// A repeated publication's progress, kept per connection whichever one is shown.
api.on('connection.repeat', applyRepeat);
// The desktop app's host: files opened from the OS or its menu, and its menu's commands.
api.on('files.opened', (opened) => void showOpenedFile(opened));
api.on('menu.command', ({ command }) => pressShortcutButton(command));
// After a reload the engine may already run a broker or a proxy, and connections: each gets its
// view back (updates are listened to first, so none is missed).
api.request('local.status', {}).then(setLocal, () => {});
reattach().catch(() => {});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
