// The packets of a time window as the engine counts them: each one when few, else the density
// of each lane. Asked again when the window moves or the trace grows; the last answer is shown
// meanwhile, so the picture never blanks.
import { useEffect, useState } from 'react';
import type { WindowContents } from '@shared/model/session-view';
import { useStore } from '../../store';
import type { TimeWindow } from './timeline-items';

const NOTHING: WindowContents = { packets: [], density: [] };

export function useWindowContents(sessionId: string | undefined, window: TimeWindow | undefined, version: number): WindowContents {
  const api = useStore((state) => state.api);
  const [answer, setAnswer] = useState<{ key: string; contents: WindowContents }>();
  const key = sessionId && window ? `${sessionId}:${window.start}:${window.end}:${version}` : undefined;
  const start = window?.start;
  const end = window?.end;
  // Asked again only when the key changes (the window's bounds, the trace's version): a window
  // is made anew on every render.
  useEffect(() => {
    if (!api || !sessionId || start === undefined || end === undefined || !key) return;
    let current = true;
    api.request('sessions.window', { id: sessionId, start, end }).then(
      (contents) => current && setAnswer({ key, contents }),
      () => {},
    );
    return () => {
      current = false;
    };
  }, [api, key, sessionId, start, end]);
  // Another session's answer is never shown for this one.
  return answer && sessionId && answer.key.startsWith(`${sessionId}:`) ? answer.contents : NOTHING;
}
