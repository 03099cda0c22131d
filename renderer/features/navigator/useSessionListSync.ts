// Keeps the store's list of recorded sessions current: read once a burst of connection changes
// has settled, and again now and then while an open session's counts grow and the page is seen.
import { useEffect, useRef } from 'react';
import { useStore } from '../../store';

/** A change of the connections is read after this long (a burst of them is one read). */
const SETTLE_MS = 300;
/** Open sessions grow: their counts are read again this often while the page is seen. */
const OPEN_REFRESH_MS = 3_000;

export function useSessionListSync(): void {
  const api = useStore((state) => state.api);
  const stamp = useStore((state) => state.recordingsStamp);
  const refresh = useStore((state) => state.refreshSessions);
  const anyOpen = useStore((state) => state.sessionList?.sessions.some((session) => session.open) ?? false);

  // A burst of changes is one read, SETTLE_MS after its first: a steady stream of them (a lab
  // run) still gets read, where putting the read off at each change would never read.
  const settling = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => {
    if (!api) return;
    settling.current ??= setTimeout(() => {
      settling.current = undefined;
      void refresh();
    }, SETTLE_MS);
  }, [api, refresh, stamp]);
  useEffect(() => () => clearTimeout(settling.current), []);

  useEffect(() => {
    if (!anyOpen) return;
    const timer = setInterval(() => document.hidden || void refresh(), OPEN_REFRESH_MS);
    return () => clearInterval(timer);
  }, [anyOpen, refresh]);
}
