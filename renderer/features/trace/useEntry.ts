// One entry of a session, read from the engine when it is chosen (the page keeps no packets).
import { useEffect, useState } from 'react';
import type { TraceEntry } from '@shared/model/trace';
import { useStore } from '../../store';
import { RECENT_LIMIT } from '../../limits';

/** Entries read lately, so going back and forth between two packets asks once. */
const recent = new Map<string, TraceEntry>();

export function useEntry(sessionId: string | undefined, seq: number | undefined): TraceEntry | undefined {
  const api = useStore((state) => state.api);
  const key = sessionId === undefined || seq === undefined ? undefined : `${sessionId}:${seq}`;
  const [entry, setEntry] = useState<TraceEntry | undefined>(() => (key ? recent.get(key) : undefined));
  useEffect(() => {
    if (!key || !api) return setEntry(undefined);
    const known = recent.get(key);
    if (known) return setEntry(known);
    let current = true;
    api.request('sessions.entries', { id: sessionId!, from: seq!, count: 1 }).then(
      ({ entries }) => {
        const found = entries[0];
        if (found?.seq !== seq) return;
        recent.set(key, found);
        if (recent.size > RECENT_LIMIT) recent.delete(recent.keys().next().value!);
        if (current) setEntry(found);
      },
      () => current && setEntry(undefined),
    );
    return () => {
      current = false;
    };
  }, [api, key, sessionId, seq]);
  return key && entry && `${sessionId}:${entry.seq}` === key ? entry : undefined;
}
