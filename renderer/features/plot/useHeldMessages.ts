// The messages a plot holds for a topic of the active connection, kept up to date as its trace
// grows: each question asks only for what came after the newest held (useEngineAnswer asks again
// at most twice a second, one question at a time).
import { useRef } from 'react';
import { useEngineAnswer } from '../topics/useEngineAnswer';
import { catchUp, NOTHING_HELD, type HeldMessages } from './held-messages';
import { dataThere } from './plot-timing';

export function useHeldMessages(topic: string | undefined): { held?: HeldMessages; error?: string } {
  const kept = useRef<{ key: string; held: HeldMessages }>(undefined);
  const { answer, error } = useEngineAnswer(
    topic
      ? async (api, id) => {
          const key = `${id}\n${topic}`;
          const before = kept.current?.key === key ? kept.current.held : NOTHING_HELD;
          const held = await catchUp(before, (range) => api.request('sessions.topicPayloads', { id, topic, ...range }));
          kept.current = { key, held };
          if (held.lastSeq !== before.lastSeq) dataThere();
          return held;
        }
      : undefined,
    topic ?? '',
  );
  return { held: answer, error };
}
