// The lists the palette's commands are made from, asked of the engine each time it opens (saved
// profiles, recorded sessions, lab experiments). A list the engine could not give is left empty:
// the others still show.
import { useEffect, useState } from 'react';
import { useStore } from '../../store';
import { NO_LISTS, type PaletteLists } from './palette-commands';

export function usePaletteLists(open: boolean): PaletteLists {
  const api = useStore((state) => state.api);
  const [lists, setLists] = useState<PaletteLists>(NO_LISTS);
  useEffect(() => {
    if (!open || !api) return;
    let current = true;
    const keep = (update: Partial<PaletteLists>) => current && setLists((before) => ({ ...before, ...update }));
    api.request('profiles.list', {}).then(({ profiles }) => keep({ profiles }), () => {});
    api.request('sessions.list', {}).then(({ sessions }) => keep({ sessions }), () => {});
    api.request('lab.list', {}).then(({ experiments }) => keep({ experiments }), () => {});
    return () => {
      current = false;
    };
  }, [open, api]);
  return lists;
}
