// 6. A client that ends without DISCONNECT has its will published; one that sends DISCONNECT
// does not [MQTT-3.1.2-8], [MQTT-3.1.2-10].
import type { Experiment } from '../lab-types';
import { connected, credentials, ANSWER_WAIT_MS } from './steps';
import { wrongWords } from './words';

/** How long the watcher waits for a will that should, or should not, come. */
const WILL_WAIT_MS = 2000;

export const lastWill: Experiment = {
  name: 'last-will',
  title: 'Last will',
  clause: '[MQTT-3.1.2-8], [MQTT-3.1.2-10]',
  expectation: 'A watcher subscribed to the will topic receives the will when the client ends without DISCONNECT, and nothing after a DISCONNECT.',
  async run(lab) {
    const topic = lab.unique('will');
    const watcher = lab.connect({ clientId: lab.unique('watcher'), ...credentials(lab), plan: { subscriptions: [{ topic: `${topic}/#`, qos: 1 }] } });
    const subscribed = await watcher.until((story) => story.flows.some((flow) => flow.kind === 'SUBSCRIBE' && flow.complete), ANSWER_WAIT_MS);
    if (!subscribed) return { verdict: 'not-run', reason: 'The watcher could not subscribe to the will topic.', observation: 'No SUBACK for the watcher.', evidence: [watcher.evidence('watcher')] };
    // The will is published at QoS 1 to a QoS 1 subscription: each delivery is a flow.
    const willsSeen = () => watcher.story().flows.filter((flow) => flow.from === 's2c' && flow.topic?.startsWith(topic)).length;

    const dropped = await connected(lab, { clientId: lab.unique('dropped'), will: { topic: `${topic}/dropped`, payload: 'gone', qos: 1, retain: false } });
    await dropped.close('abort');
    const gotWill = await watcher.until(() => willsSeen() >= 1, WILL_WAIT_MS);

    const polite = await connected(lab, { clientId: lab.unique('polite'), will: { topic: `${topic}/polite`, payload: 'gone', qos: 1, retain: false } });
    await polite.close('disconnect');
    await lab.sleep(WILL_WAIT_MS);
    const politeWill = watcher.story().flows.some((flow) => flow.topic === `${topic}/polite`);

    const problems = [
      ...(gotWill ? [] : ['the will of a client that ended without DISCONNECT was not published [MQTT-3.1.2-8]']),
      ...(politeWill ? ['the will of a client that sent DISCONNECT was published; it must be deleted [MQTT-3.1.2-10]'] : []),
    ];
    const observation = `Ended without DISCONNECT: the watcher ${gotWill ? 'received the will' : `received nothing in ${WILL_WAIT_MS} ms`}. After DISCONNECT: ${politeWill ? 'the will was published anyway' : `nothing in ${WILL_WAIT_MS} ms`}.${wrongWords(problems)}`;
    return { verdict: problems.length === 0 ? 'pass' : 'fail', observation, evidence: [watcher.evidence('watcher'), dropped.evidence('client ending without DISCONNECT'), polite.evidence('client sending DISCONNECT')] };
  },
};

