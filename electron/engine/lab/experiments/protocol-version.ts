// 2. A CONNECT with a protocol level the broker does not support is refused with return code 1,
// or the connection is closed without a CONNACK (both are allowed).
import { toHex } from '@shared/mqtt';
import { encodePacket } from '@shared/mqtt/encode';
import type { Experiment } from '../lab-types';
import { answerOf, refusalsWithSession, wrongWords } from './words';
import { ANSWER_WAIT_MS } from './steps';

/** A protocol level no version of MQTT has. */
const UNKNOWN_LEVEL = 9;

export const protocolVersion: Experiment = {
  name: 'protocol-version',
  title: 'Unacceptable protocol version',
  clause: '[MQTT-3.1.2-2]',
  expectation: `A CONNECT with protocol level ${UNKNOWN_LEVEL}: CONNACK return code 1 (unacceptable protocol version) and the connection closed, or the connection closed without a CONNACK.`,
  async run(lab) {
    const connect = encodePacket({ type: 'CONNECT', clientId: lab.unique('client'), clean: true, keepAlive: 60, protocolLevel: UNKNOWN_LEVEL });
    const client = lab.connect({ plan: { rawConnectHex: toHex(connect) } });
    // A CONNACK that is not a refusal is already the answer; a refusal is followed by the close.
    await client.until((story) => story.end !== undefined || (story.connack !== undefined && story.connack.code !== 1), ANSWER_WAIT_MS);
    const story = client.story();
    const refused = story.connack?.code === 1;
    const closedWithout = !story.connack && story.end?.by === 'broker';
    const which = refused ? 'It answered with return code 1.' : closedWithout ? 'It closed the connection without a CONNACK (allowed).' : '';
    const problems = refusalsWithSession({ 'protocol level 9': story });
    return { verdict: (refused || closedWithout) && problems.length === 0 ? 'pass' : 'fail', observation: `${answerOf(story)}. ${which}${wrongWords(problems)}`.trim(), evidence: [client.evidence('client')] };
  },
};
