// 10. A second connection with the same client id takes the session over: the broker closes the
// first connection [MQTT-3.1.4-2] (MQTT 5: with DISCONNECT reason 0x8E, Session taken over).
import type { Experiment } from '../lab-types';
import { connected, ANSWER_WAIT_MS } from './steps';

export const sessionTakeover: Experiment = {
  name: 'session-takeover',
  title: 'Session takeover',
  clause: '[MQTT-3.1.4-2]',
  expectation: 'Two clients with one client id: the broker closes the first connection when the second connects; the second is accepted.',
  async run(lab) {
    const clientId = lab.unique('twin');
    const first = await connected(lab, { clientId });
    if (!first.story().connack?.accepted) return { verdict: 'not-run', reason: 'The first connection was not accepted.', observation: 'No takeover to show.', evidence: [first.evidence('first')] };
    const second = await connected(lab, { clientId });
    const kicked = await first.until((story) => story.end !== undefined, ANSWER_WAIT_MS);
    const end = first.story().end;
    const ok = kicked && end?.by === 'broker' && second.story().connack?.accepted === true;
    const observation = `${kicked ? `The first connection was closed by ${end?.by === 'broker' ? 'the broker' : end?.by}` : 'The first connection stayed open for 5 s'}; the second was ${second.story().connack?.accepted ? 'accepted' : 'not accepted'}.`;
    return { verdict: ok ? 'pass' : 'fail', observation, evidence: [first.evidence('first client'), second.evidence('second client, same id')] };
  },
};
