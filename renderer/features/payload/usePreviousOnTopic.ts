// The message before one on its topic, asked of the engine only when the diff is shown. An
// answer never changes (earlier entries are fixed), so answers are kept.
import { useEffect, useState } from 'react';
import type { RequestResults } from '@shared/contract';
import { useStore } from '../../store';
import { PREVIOUS_ON_TOPIC_KEPT } from '../../limits';

type Answer = RequestResults['sessions.previousOnTopic'];
export type PreviousOnTopic = { state: 'looking' } | { state: 'answered'; answer: Answer } | { state: 'failed'; message: string };

const answers = new Map<string, Answer>();

export function usePreviousOnTopic(sessionId: string, seq: number): PreviousOnTopic {
  const api = useStore((state) => state.api);
  const key = `${sessionId}:${seq}`;
  const [result, setResult] = useState<{ key: string; value: PreviousOnTopic }>();
  useEffect(() => {
    const known = answers.get(key);
    if (known) return setResult({ key, value: { state: 'answered', answer: known } });
    if (!api) return;
    let current = true;
    api.request('sessions.previousOnTopic', { id: sessionId, seq }).then(
      (answer) => {
        answers.set(key, answer);
        if (answers.size > PREVIOUS_ON_TOPIC_KEPT) answers.delete(answers.keys().next().value!);
        if (current) setResult({ key, value: { state: 'answered', answer } });
      },
      (error: Error) => current && setResult({ key, value: { state: 'failed', message: error.message } }),
    );
    return () => {
      current = false;
    };
  }, [api, key, sessionId, seq]);
  return result?.key === key ? result.value : { state: 'looking' };
}
