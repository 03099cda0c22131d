// 4. A wrong password is refused with return code 4 (bad user name or password) or 5 (not
// authorized): the specification allows either, brokers differ (mosquitto answers 5).
import type { Experiment } from '../lab-types';
import { connected } from './steps';
import { answerOf, refusalsWithSession, wrongWords } from './words';

const REFUSALS: Record<number, string> = { 4: 'bad user name or password', 5: 'not authorized' };

export const badCredentials: Experiment = {
  name: 'bad-credentials',
  title: 'Bad credentials',
  clause: '[MQTT-3.1.4-1], 3.2.2.3 (return codes 4 and 5)',
  expectation: 'A wrong password, and no credentials where they are required: CONNACK return code 4 or 5 (either is allowed), then the connection closed.',
  async run(lab) {
    const anonymous = await connected(lab, { clientId: lab.unique('anonymous'), username: undefined, password: undefined });
    if (anonymous.story().connack?.accepted && !lab.target.username) {
      return { verdict: 'not-run', reason: 'The broker lets anyone in and no user was given (--user, --password): no refusal can be shown.', observation: `Without credentials: ${answerOf(anonymous.story())}.`, evidence: [anonymous.evidence('anonymous')] };
    }
    const wrong = await connected(lab, { clientId: lab.unique('wrong'), username: lab.target.username ?? 'mqttscope-lab', password: `wrong-${lab.unique('password')}` });
    const codes = [anonymous, wrong].map((client) => client.story().connack?.code);
    const refusedAnonymous = anonymous.story().connack?.accepted ? 'accepted (the broker takes anonymous clients)' : answerOf(anonymous.story());
    const ok = (codes[1] === 4 || codes[1] === 5) && (anonymous.story().connack?.accepted || codes[0] === 4 || codes[0] === 5);
    const chosen = codes[1] !== undefined && REFUSALS[codes[1]] ? ` The broker chose return code ${codes[1]} (${REFUSALS[codes[1]]}).` : '';
    const problems = refusalsWithSession({ 'wrong password': wrong.story(), 'no credentials': anonymous.story() });
    return { verdict: ok && problems.length === 0 ? 'pass' : 'fail', observation: `Wrong password: ${answerOf(wrong.story())}. Without credentials: ${refusedAnonymous}.${chosen}${wrongWords(problems)}`, evidence: [wrong.evidence('wrong password'), anonymous.evidence('no credentials')] };
  },
};
