// Keeps the store's list of saved profiles current for whoever shows it (the navigator, the
// Profiles panel, the palette): read when the engine is reached, when profiles were added from
// outside the panel (Open file…, a drop), and when the desktop app imported a file the OS handed it.
import { useEffect } from 'react';
import { useStore } from '../../store';

export function useProfileListSync(): void {
  const api = useStore((state) => state.api);
  const stamp = useStore((state) => state.profilesStamp);
  const refresh = useStore((state) => state.refreshProfiles);
  useEffect(() => {
    // A failed read leaves the last list; the Profiles panel says why when it reads again.
    refresh().catch(() => {});
  }, [api, refresh, stamp]);
  useEffect(
    () =>
      api?.on('files.opened', ({ kind }) => {
        if (kind === 'profiles') refresh().catch(() => {});
      }),
    [api, refresh],
  );
}
