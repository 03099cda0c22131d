// 8. A network connection that never sends its CONNECT is closed by the broker after "a
// reasonable amount of time" (3.1 CONNECT, non-normative; 4.8: it may close at will): the lab
// measures how long, within what it is willing to wait.
import { DEFAULT_CONNECT_TIMEOUT_SECONDS } from '@shared/model/broker';
import type { Experiment } from '../lab-types';
import { ANSWER_WAIT_MS } from './steps';

/** How long the lab waits for the broker to close a connection with no CONNECT: longer than the
 *  embedded broker's default, with room for a busy machine, so that its close is always seen —
 *  the broker's timer starts when it accepts, the lab's a moment later. */
const WAIT_MS = (DEFAULT_CONNECT_TIMEOUT_SECONDS + 5) * 1000;

const seconds = (value: number) => `${(value / 1000).toFixed(2)} s`;

export const connectTimeout: Experiment = {
  name: 'connect-timeout',
  title: 'Connect timeout',
  clause: 'MQTT 3.1.1 section 3.1 (a Server that receives no CONNECT within a reasonable time should close the connection)',
  expectation: `TCP up and no CONNECT: the broker closes the socket; the time is measured (the lab waits ${seconds(WAIT_MS)}).`,
  async run(lab) {
    // The CONNECT would come only after the lab stopped waiting: it is never sent.
    const client = lab.connect({ clientId: lab.unique('client'), plan: { connectDelayMs: WAIT_MS + 5000 } });
    const tcpUp = await client.until((story) => story.phases.some((phase) => phase.name === 'TCP connect'), ANSWER_WAIT_MS);
    if (!tcpUp) return { verdict: 'not-run', reason: 'No TCP connection to the broker.', observation: 'The TCP connection was not made.', evidence: [] };
    const opened = client.story().phases.find((phase) => phase.name === 'TCP connect')!.end;
    await client.until((story) => story.end !== undefined, WAIT_MS);
    const story = client.story();
    if (!story.end) {
      return {
        verdict: 'not-run',
        reason: `The broker kept the connection open for the ${seconds(WAIT_MS)} the lab waits: its connect timeout is longer, or it has none (mosquitto 2.0 was seen closing one after about 90 s).`,
        observation: `No CONNECT was sent; the socket was still open after ${seconds(WAIT_MS)}.`,
        evidence: [client.evidence('client')],
      };
    }
    const after = story.end.time - opened;
    const by = story.end.by === 'broker' ? 'the broker closed the socket' : story.end.by === 'error' ? `the connection ended with an error (${story.end.error?.message ?? 'unknown'})` : 'the client closed it';
    const sent = story.connect ? ' A CONNECT was sent (the lab failed to hold it back).' : '';
    const answered = client.evidence('client').packets.some((packet) => packet.dir === 's2c');
    const ok = story.end.by !== 'client' && !story.connect && !answered;
    return {
      verdict: ok ? 'pass' : 'fail',
      observation: `No CONNECT was sent; ${by} ${seconds(after)} after the TCP connection was made${answered ? ', after sending packets to a client that had not connected' : ''}.${sent}`,
      evidence: [client.evidence('client')],
    };
  },
};
