// The lists the palette's commands are made from: the saved profiles and recorded sessions as the
// store keeps them current (the navigator shows the same), and the lab's experiments, asked of the
// engine once the palette first opens (they do not change while it runs). A list the engine could
// not give is left empty: the others still show.
import { useEffect, useMemo, useState } from 'react';
import type { ExperimentInfo } from '@shared/model/lab';
import type { SessionSummary } from '@shared/model/session-summary';
import { useStore } from '../../store';
import type { PaletteLists } from './palette-commands';

const NO_SESSIONS: SessionSummary[] = [];

export function usePaletteLists(open: boolean): PaletteLists {
  const api = useStore((state) => state.api);
  const profiles = useStore((state) => state.profiles);
  const sessions = useStore((state) => state.sessionList?.sessions ?? NO_SESSIONS);
  const [experiments, setExperiments] = useState<ExperimentInfo[]>();
  useEffect(() => {
    if (!open || !api || experiments) return;
    let current = true;
    api.request('lab.list', {}).then(({ experiments: listed }) => current && setExperiments(listed), () => {});
    return () => {
      current = false;
    };
  }, [open, api, experiments]);
  return useMemo(() => ({ profiles, sessions, experiments: experiments ?? [] }), [profiles, sessions, experiments]);
}
