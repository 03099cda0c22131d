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

/**
 * A refusal must come with session present 0 [MQTT-3.2.2-4] (MQTT 5: [MQTT-3.2.2-6]): what was
 * wrong, in words, for each connection (by its label) whose CONNACK broke the rule.
 */
export function refusalsWithSession(connections: Record<string, SessionStory>): string[] {
  return Object.entries(connections)
    .filter(([, story]) => story.connack && !story.connack.accepted && story.connack.sessionPresent)
    .map(([label, story]) => `${label}: the refusal (CONNACK ${story.connack!.codeText}) came with session present 1; a non-zero code must come with session present 0 ${story.connack!.protocolLevel === 5 ? '[MQTT-3.2.2-6]' : '[MQTT-3.2.2-4]'}`);
}

/** ` Wrong: …; ….` or nothing. */
export const wrongWords = (problems: readonly string[]) => (problems.length > 0 ? ` Wrong: ${problems.join('; ')}.` : '');
