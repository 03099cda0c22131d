// A panel's requests to the engine: one at a time (busy), and the last failure in words.
import { useState } from 'react';
import { portProblem } from '@shared/limits';

export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  async function run(action: () => Promise<void>): Promise<void> {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run };
}

/** A port typed in a panel: empty means any free port (0). */
export function portOrAnyFree(text: string, label: string): number {
  const port = text.trim() === '' ? 0 : Number(text);
  const problem = portProblem(port, label, true);
  if (problem) throw new Error(problem);
  return port;
}

/** A port to connect to, typed in a panel. */
export function portTyped(text: string, label: string): number {
  const port = Number(text);
  const problem = portProblem(port, label);
  if (problem) throw new Error(problem);
  return port;
}
