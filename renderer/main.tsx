import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectEngine } from './api/engine-api';
import { TraceBatcher } from '@shared/model/trace-batcher';
import { App } from './App';
import { useStore } from './store';
import './styles.css';

const { setApi, setEngineProblem, ingestTrace, publishTrace, addBrokerEvent, setLocal, reattach } = useStore.getState();
const api = connectEngine(setEngineProblem);
setApi(api);
// Entries join their logs as they arrive; the views redraw at most ten times a second, four
// during a flood, so a redraw is never also the work of reading thousands of entries.
const redraws = new TraceBatcher(publishTrace, { intervalMs: 100, busyBatch: 1000, busyIntervalMs: 250 });
api.on('trace.batch', ({ entries }) => {
  ingestTrace(entries);
  redraws.pushAll(entries);
});
api.on('broker.event', addBrokerEvent);
// After a reload the engine may already run a broker or a proxy, and connections: each gets its
// view back with its whole trace (live entries are listened to first, so none is missed).
api.request('local.status', {}).then(setLocal, () => {});
reattach().catch(() => {});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
