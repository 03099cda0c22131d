// Ending one of this app's connections: `disconnect` sends DISCONNECT first; `abort` closes the
// socket without one, so the broker publishes the will. A refusal is kept to be shown.
import { useState } from 'react';
import { useStore } from '../../store';

export function useCloseConnection() {
  const api = useStore((state) => state.api);
  const [error, setError] = useState<string>();
  async function run(connectionId: string, mode: 'disconnect' | 'abort'): Promise<void> {
    if (!api) return;
    setError(undefined);
    try {
      await api.request('connection.close', { connectionId, mode });
    } catch (failure) {
      setError((failure as Error).message);
    }
  }
  return { run, error };
}
