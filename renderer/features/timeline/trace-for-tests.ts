// A trace made of entries, read as the engine reads it for the timeline: its times, its story,
// and the packets of a window (few enough here to be drawn one by one).
import { buildSessionStory } from '@shared/model/session-story';
import type { WindowContents } from '@shared/model/session-view';
import type { TraceEntry } from '@shared/model/trace';
import type { TimeWindow, TraceTimes } from './timeline-items';

export function traceOf(entries: readonly TraceEntry[]) {
  const first = entries[0];
  const startTime = first.kind === 'lifecycle' && 'durationMs' in first.event ? first.time - first.event.durationMs : first.time;
  const times: TraceTimes = { startTime, lastTime: entries.at(-1)!.time };
  const story = buildSessionStory(first.connectionId, entries);
  const contents = (window: TimeWindow): WindowContents => ({
    packets: entries.flatMap((entry) =>
      entry.kind !== 'lifecycle' && entry.time >= window.start && entry.time <= window.end
        ? [{ seq: entry.seq, time: entry.time, dir: entry.dir, typeName: entry.kind === 'packet' ? entry.typeName : 'Unframed bytes', problem: entry.kind !== 'packet' || entry.problemCount > 0 }]
        : [],
    ),
    density: [],
  });
  return { times, story, contents };
}
