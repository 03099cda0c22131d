// The labels of all open connections, read again only when the connections change.
import { useMemo } from 'react';
import { useStore } from '../../store';
import { connectionLabels } from './connection-label';

export function useConnectionLabels(): Map<string, string> {
  const connections = useStore((state) => state.connections);
  return useMemo(() => connectionLabels(Object.values(connections)), [connections]);
}
