// Checks across the connections of one client id, in time order: a session that should have
// persisted and did not, a broker that claims a session it must not have, and two clients
// fighting over one client id. A connection seen twice (a copy of its recording) is one
// connection, never a reconnect.
import type { SessionStory } from './session-story';

export interface SessionCheck {
  kind: 'session-not-kept' | 'session-present-with-clean' | 'connect-kick-loop';
  clientId: string;
  connectionIds: string[];
  title: string;
  hint: string;
}

/** Three or more accepted connections in a row, each dropped by the broker this soon, is a loop. */
const KICK_WITHIN_MS = 10_000;
const KICKS_FOR_A_LOOP = 3;

export interface Reconnects {
  clientId: string;
  connections: { connectionId: string; time: number; clean: boolean; sessionPresent: boolean }[];
}

/**
 * Accepted connections by client id (the assigned one where the broker gave one), in time order.
 * Two whose CONNECTs have the same time and the same bytes (secrets aside) are one connection
 * seen twice: a snapshot of a session still open, or a recording cut short, beside the session
 * itself. The first of them stands for both.
 */
function acceptedByClientId(stories: readonly SessionStory[]): Map<string, SessionStory[]> {
  const groups = new Map<string, SessionStory[]>();
  const seen = new Set<string>();
  for (const story of [...stories].sort((a, b) => (a.connect?.time ?? 0) - (b.connect?.time ?? 0))) {
    if (!story.connect || !story.connack?.accepted) continue;
    // To the microsecond: what a pcapng keeps of a time.
    const connect = `${Math.round(story.connect.time * 1000)} ${story.connect.fingerprint}`;
    if (seen.has(connect)) continue;
    seen.add(connect);
    const clientId = story.connack.assignedClientId ?? story.connect.clientId;
    const group = groups.get(clientId);
    if (group) group.push(story);
    else groups.set(clientId, [story]);
  }
  return groups;
}

/** Accepted connections grouped by client id, in time order, with what each asked and got. */
export function reconnectsByClientId(stories: readonly SessionStory[]): Reconnects[] {
  return [...acceptedByClientId(stories)].map(([clientId, list]) => ({
    clientId,
    connections: list.map((story) => ({ connectionId: story.connectionId, time: story.connect!.time, clean: story.connect!.clean, sessionPresent: story.connack!.sessionPresent })),
  }));
}

export function sessionChecks(stories: readonly SessionStory[]): SessionCheck[] {
  const checks: SessionCheck[] = [];
  const byClient = acceptedByClientId(stories);
  // An empty client id names no one: its connections are not one client's.
  byClient.delete('');

  for (const [clientId, list] of byClient) {
    list.forEach((story, index) => {
      const { connect, connack } = story;
      if (connect!.clean && connack!.sessionPresent) {
        checks.push({
          kind: 'session-present-with-clean',
          clientId,
          connectionIds: [story.connectionId],
          title: 'Session present = 1 although the client asked for a clean session',
          hint: 'The specification says a clean session never has a session present [MQTT-3.2.2-1]: this is a broker bug.',
        });
      }
      const previous = list[index - 1];
      if (previous && !previous.connect!.clean && !connect!.clean && !connack!.sessionPresent) {
        checks.push({
          kind: 'session-not-kept',
          clientId,
          connectionIds: [previous.connectionId, story.connectionId],
          title: 'The client asked for a persistent session, but the broker did not keep it (session present = 0)',
          hint: 'The broker may have restarted without persistence, expired the session (MQTT 5: session expiry interval 0 ends it at disconnect), or another connection with clean session on purged it.',
        });
      }
    });

    const kicked = list.filter((story) => story.end?.by === 'broker' && story.end.time - story.connack!.time < KICK_WITHIN_MS);
    if (kicked.length >= KICKS_FOR_A_LOOP) {
      checks.push({
        kind: 'connect-kick-loop',
        clientId,
        connectionIds: kicked.map((story) => story.connectionId),
        title: `Connect → kicked → connect, ${kicked.length} times`,
        hint: `Another client is probably using the client id “${clientId}”: each connection takes the session from the other. Give each client its own id.`,
      });
    }
  }
  return checks;
}
