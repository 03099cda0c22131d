// 3. MQTT 3.1.1: an empty client id with clean session off is refused with return code 2; with
// clean session on it is accepted and the broker keeps no state [MQTT-3.1.3-7, -8].
import type { Experiment } from '../lab-types';
import { connected } from './steps';
import { answerOf, refusalsWithSession, wrongWords } from './words';

export const identifierRejected: Experiment = {
  name: 'identifier-rejected',
  title: 'Identifier rejected',
  clause: '[MQTT-3.1.3-8], [MQTT-3.1.3-6]',
  expectation: 'MQTT 3.1.1, empty client id: with clean session 0, CONNACK return code 2 (identifier rejected); with clean session 1, accepted with session present 0.',
  async run(lab) {
    const kept = await connected(lab, { clientId: '', clean: false });
    const clean = await connected(lab, { clientId: '', clean: true });
    const refused = kept.story().connack?.code === 2 || (!kept.story().connack && kept.story().end?.by === 'broker');
    const acceptedClean = clean.story().connack?.accepted === true && clean.story().connack?.sessionPresent === false;
    const problems = refusalsWithSession({ 'clean session 0': kept.story() });
    const observation = `Clean session 0: ${answerOf(kept.story())}. Clean session 1: ${answerOf(clean.story())}.${wrongWords(problems)}`;
    return { verdict: refused && acceptedClean && problems.length === 0 ? 'pass' : 'fail', observation, evidence: [kept.evidence('clean session 0'), clean.evidence('clean session 1')] };
  },
};
