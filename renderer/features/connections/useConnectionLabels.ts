// The labels of all open connections, made again only when the connections change.
import { useStore } from '../../store';
import { labelsOf } from './connection-label';

export function useConnectionLabels(): Map<string, string> {
  return useStore((state) => labelsOf(state.connections));
}
