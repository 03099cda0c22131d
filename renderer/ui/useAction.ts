// A panel's requests to the engine: one at a time (busy), and the last failure in words.
import { useState } from 'react';

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
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${label} must be a whole number from 1 to 65535, or empty for any free port`);
  return port;
}
