// A connection of this app closed by the broker because another connection of this app came
// with the same client id [MQTT-3.1.4-2]. The app knows all its own connections, so instead of
// blaming "another client" the diagnosis names the one that took over.
import { sameBroker } from './connect-form';
import type { Diagnosis } from './diagnosis';
import type { SessionStory } from './session-story';

/** The broker closes the older connection as it reads the newer CONNECT: allow for a busy machine. */
export const TAKEOVER_WITHIN_MS = 5_000;

export interface OwnConnection {
  story: SessionStory;
  host: string;
  port: number;
  /** How the UI names it, as its tab does: `dev · 127.0.0.1:1883 #2`. */
  label: string;
}

const clientIdOf = (story: SessionStory) => story.connack?.assignedClientId ?? story.connect?.clientId;

/** The connection of this app that took this one's client id over, if one did: accepted, then
 *  closed by the broker, while another of this app's connections to the same broker sent a
 *  CONNECT with that client id shortly before. */
export function ownTakeover(kicked: OwnConnection, others: readonly OwnConnection[]): OwnConnection | undefined {
  const { connack, end } = kicked.story;
  const clientId = clientIdOf(kicked.story);
  if (!connack?.accepted || end?.by !== 'broker' || !clientId) return undefined;
  let taker: OwnConnection | undefined;
  for (const other of others) {
    const connect = other.story.connect;
    if (other.story.connectionId === kicked.story.connectionId || !connect || connect.clientId !== clientId || !sameBroker(other, kicked)) continue;
    if (connect.time < connack.time || connect.time > end.time || end.time - connect.time > TAKEOVER_WITHIN_MS) continue;
    if (!taker || connect.time > taker.story.connect!.time) taker = other;
  }
  return taker;
}

export function ownTakeoverDiagnosis(kicked: OwnConnection, taker: OwnConnection): Diagnosis {
  const clientId = clientIdOf(kicked.story)!;
  const gap = kicked.story.end!.time - taker.story.connect!.time;
  return {
    layer: 'MQTT',
    title: `Taken over by this app’s connection “${taker.label}” with the same client id`,
    detail: `That connection sent a CONNECT with the client id “${clientId}” to the same broker ${gap.toFixed(0)} ms before the broker closed this one: a broker keeps one connection per client id and closes the older [MQTT-3.1.4-2].`,
    hint: 'Nothing is wrong with the broker. To keep both connections, give each its own client id.',
  };
}
