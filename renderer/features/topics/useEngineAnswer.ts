// One question to the engine about the active connection, asked again as its trace grows — at
// most every REFRESH_MS, and one at a time: a change while an answer is coming asks once more
// when it has come — so a flood of updates costs the page a few small answers a second, however
// many topics the engine holds. The trace's version is watched outside React: the ten updates a
// second the engine pushes do not draw the panel ten times.
import { useEffect, useRef, useState } from 'react';
import type { EngineApi } from '@shared/contract';
import { useStore, type AppState } from '../../store';
import { TrailingThrottle } from './throttle';

export const REFRESH_MS = 500;
/** Rates fall as time passes without a message: a connection still open is asked again this
 *  often even when its trace does not grow, so a quiet topic's rate goes down to 0/s. */
export const QUIET_REFRESH_MS = 2000;

type Question<T> = (api: EngineApi, sessionId: string) => Promise<T>;

const activeVersion = (state: AppState) => (state.activeId ? (state.connections[state.activeId]?.version ?? 0) : 0);

/** The active connection's version, told at most once per `ms` (one subscription for the panel's life). */
function useThrottledVersion(ms: number): number {
  const [version, setVersion] = useState(() => activeVersion(useStore.getState()));
  const shown = useRef(version);
  useEffect(() => {
    const throttle = new TrailingThrottle(ms, () => {
      const latest = activeVersion(useStore.getState());
      if (latest === shown.current) return;
      shown.current = latest;
      setVersion(latest);
    });
    const unsubscribe = useStore.subscribe((state) => {
      if (activeVersion(state) !== shown.current) throttle.changed();
    });
    return () => {
      unsubscribe();
      throttle.stop();
    };
  }, [ms]);
  return version;
}

/** A count that grows every QUIET_REFRESH_MS while the active connection is open. */
function useQuietTick(): number {
  const open = useStore((state) => (state.activeId ? state.connections[state.activeId]?.trace?.open === true : false));
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!open) return;
    const timer = setInterval(() => setTick((count) => count + 1), QUIET_REFRESH_MS);
    return () => clearInterval(timer);
  }, [open]);
  return tick;
}

/** `key` names the question: an answer is shown only for the question it answers. */
export function useEngineAnswer<T>(ask: Question<T> | undefined, key: string): { answer?: T; error?: string; again: () => void } {
  const api = useStore((state) => state.api);
  const sessionId = useStore((state) => state.activeId);
  const version = useThrottledVersion(REFRESH_MS);
  const quietTick = useQuietTick();
  const fullKey = `${sessionId}\n${key}`;
  const [state, setState] = useState<{ key: string; answer?: T; error?: string }>({ key: fullKey });
  const latest = useRef({ api, sessionId, ask, fullKey });
  latest.current = { api, sessionId, ask, fullKey };
  const flight = useRef({ asking: false, pending: false, mounted: true });

  const run = () => {
    const { api: engine, sessionId: id, ask: question, fullKey: asked } = latest.current;
    if (!engine || !id || !question) return;
    if (flight.current.asking) {
      flight.current.pending = true;
      return;
    }
    flight.current.asking = true;
    flight.current.pending = false;
    question(engine, id)
      .then(
        (answer) => flight.current.mounted && setState({ key: asked, answer }),
        (failure: Error) => flight.current.mounted && setState({ key: asked, error: failure.message }),
      )
      .finally(() => {
        flight.current.asking = false;
        if (flight.current.pending && flight.current.mounted) run();
      });
  };

  useEffect(() => {
    flight.current.mounted = true;
    return () => {
      flight.current.mounted = false;
    };
  }, []);
  useEffect(run, [api, fullKey, version, quietTick]);
  return { ...(state.key === fullKey ? state : {}), again: run };
}
