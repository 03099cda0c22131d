import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectEngine } from './api/engine-api';
import { App } from './App';
import { useStore } from './store';
import './styles.css';

const { setApi, setEngineProblem, appendTrace } = useStore.getState();
const api = connectEngine(setEngineProblem);
setApi(api);
api.on('trace.batch', ({ entries }) => appendTrace(entries));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
