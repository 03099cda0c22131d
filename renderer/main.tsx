import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectEngine } from './api/engine-api';
import { App } from './App';
import { useStore } from './store';
import './styles.css';

const { setApi, setEngineProblem, appendTrace, addBrokerEvent, setLocal } = useStore.getState();
const api = connectEngine(setEngineProblem);
setApi(api);
api.on('trace.batch', ({ entries }) => appendTrace(entries));
api.on('broker.event', addBrokerEvent);
// After a reload the engine may already run a broker or a proxy.
api.request('local.status', {}).then(setLocal, () => {});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
