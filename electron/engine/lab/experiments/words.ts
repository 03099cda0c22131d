// How the lab says what a connection did: the CONNACK's code with its name, or how it ended
// without one.
import type { SessionStory } from '@shared/model/session-story';

export function answerOf(story: SessionStory): string {
  const connack = story.connack;
  if (connack) return `CONNACK ${connack.codeText} (${connack.name}), session present ${connack.sessionPresent ? 1 : 0}`;
  if (story.end) return `no CONNACK: the connection was ${story.end.by === 'broker' ? 'closed by the broker' : story.end.by === 'error' ? `ended by an error (${story.end.error?.message ?? 'unknown'})` : 'closed by the client'}`;
  return 'no CONNACK yet';
}

/** Milliseconds with one decimal. */
export const ms = (value: number) => `${value.toFixed(1)} ms`;
