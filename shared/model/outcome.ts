// Where a connection stands and how it ended, in the words the status bar, the tabs and the
// timeline use — true from every vantage point: this app's client, the local broker's and the
// proxy's connections, and a capture's.
import type { SessionStory } from './session-story';

/** `failed`: it ended before the broker accepted it, or broke; `refused`: the CONNACK said no. */
export type ConnectionStatus = 'connecting' | 'connected' | 'refused' | 'failed' | 'closed';

export function connectionStatus(story: SessionStory): ConnectionStatus {
  if (story.connack && !story.connack.accepted) return 'refused';
  // A recording that stops while the connection was open is over as far as anyone can tell; a
  // capture that began while it was open saw it past its handshake.
  if (!story.end) return story.recordingEnd !== undefined ? 'closed' : story.connack || story.joinedOpen ? 'connected' : 'connecting';
  if (story.end.by === 'error' || (!story.connack && story.diagnosis)) return 'failed';
  return 'closed';
}

export function statusText(story: SessionStory): string {
  switch (connectionStatus(story)) {
    case 'connecting':
      return 'Connecting…';
    case 'connected':
      return 'Connected';
    case 'refused':
      return 'Refused by the broker';
    case 'failed':
      return story.diagnosis ? `Failed at ${story.diagnosis.layer}` : 'Failed';
    case 'closed':
      return story.end ? 'Closed' : RECORDED_OPEN;
  }
}

/** A recording read back that stops before the connection ended: it says no more than that. */
const RECORDED_OPEN = 'Recorded while open';

/** Who ended the connection, in a few words (for the timeline), or undefined while it is open. */
export function endShort(story: SessionStory): string | undefined {
  const end = story.end;
  if (!end) return story.recordingEnd !== undefined ? RECORDED_OPEN.toLowerCase() : undefined;
  if (end.by === 'error') return 'ended by an error';
  if (end.by === 'broker') return 'closed by the broker';
  return willApplies(story) ? `${closedByClient(story)} without DISCONNECT` : closedByClient(story);
}

/** Who ended the connection and what follows from it, in a sentence. */
export function endSentence(story: SessionStory): string | undefined {
  const short = endShort(story);
  const end = story.end;
  if (short && !end) return `${short}: the recording ends here, before the connection did`;
  if (!short || !end) return undefined;
  if (end.by === 'error') return end.error ? `${short}: ${end.error.message}` : short;
  if (end.by !== 'client') return short;
  if (end.disconnectSent) return `${short} after DISCONNECT`;
  if (!willApplies(story)) return short;
  const willTopic = story.connect?.willTopic;
  // [MQTT-3.1.2-8]: a network connection closed without DISCONNECT publishes the will.
  return willTopic !== undefined
    ? `${closedByClient(story)}: no DISCONNECT was sent, so the broker publishes the will (to ${willTopic || 'an empty topic'})`
    : `${closedByClient(story)}: no DISCONNECT was sent; no will was set, so the broker has nothing to publish`;
}

/** This app's own client, or somebody else's: seen by the local broker, through the proxy, or in a capture. */
const closedByClient = (story: SessionStory) => `closed by ${story.origin === 'client' ? 'this client' : 'the client'}`;

/** An accepted session that ended from the client's side without a DISCONNECT: the will's case. */
function willApplies(story: SessionStory): boolean {
  return story.end?.by === 'client' && !story.end.disconnectSent && story.connack?.accepted === true;
}
