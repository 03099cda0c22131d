// 1. An acceptable CONNECT is answered with CONNACK return code 0, and each step's time.
import type { Experiment } from '../lab-types';
import { connected } from './steps';
import { answerOf, ms } from './words';

export const accepted: Experiment = {
  name: 'accepted',
  title: 'Accepted connection',
  clause: '[MQTT-3.2.2-4] (return code 0)',
  expectation: 'CONNECT → CONNACK with return code 0 (Connection accepted).',
  async run(lab) {
    const client = await connected(lab, { clientId: lab.unique('client') });
    const story = client.story();
    const steps = story.phases.map((phase) => `${phase.name} ${ms(phase.durationMs)}`).join(', ');
    const ok = story.connack?.accepted === true;
    return { verdict: ok ? 'pass' : 'fail', observation: `${answerOf(story)}${steps ? `; ${steps}` : ''}.`, evidence: [client.evidence('client')] };
  },
};
