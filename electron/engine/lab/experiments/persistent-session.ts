// 5. A client with clean session 0 keeps its session across connections: its subscriptions, and
// the QoS 1 and 2 messages published while it was away [MQTT-3.1.2-4, -5]; clean session 1 ends
// it [MQTT-3.1.2-6]. Session present says which the broker did [MQTT-3.2.2-1, -2, -3].
import type { SessionStory } from '@shared/model/session-story';
import type { Experiment } from '../lab-types';
import { connected, ANSWER_WAIT_MS } from './steps';
import { answerOf } from './words';

/** How long the returning client waits for the messages it missed. */
const DELIVERY_WAIT_MS = 3000;

const present = (story: SessionStory) => story.connack?.sessionPresent;

export const persistentSession: Experiment = {
  name: 'persistent-session',
  title: 'Persistent session',
  clause: '[MQTT-3.1.2-4], [MQTT-3.1.2-5], [MQTT-3.1.2-6], [MQTT-3.2.2-1], [MQTT-3.2.2-2]',
  expectation: 'Clean session 0, subscribed at QoS 1 and 2, away while a second client publishes at QoS 1 and 2: back with clean session 0 → session present 1 and both missed messages delivered; then clean session 1 → session present 0, and the session is gone (clean session 0 again → session present 0).',
  async run(lab) {
    const clientId = lab.unique('client');
    const topic = lab.unique('topic');
    const first = await connected(lab, { clientId, clean: false, plan: { subscriptions: [{ topic: `${topic}/1`, qos: 1 }, { topic: `${topic}/2`, qos: 2 }] } });
    if (!first.story().connack?.accepted) return { verdict: 'not-run', reason: 'The first connection was not accepted.', observation: `First connection: ${answerOf(first.story())}.`, evidence: [first.evidence('first connection')] };
    const subscribed = await first.until((story) => story.flows.some((flow) => flow.kind === 'SUBSCRIBE' && flow.complete), ANSWER_WAIT_MS);
    await first.close('disconnect');
    // With the embedded broker, what it holds for the client at each step, from its own view.
    const held: string[] = [];
    const look = async (step: string) => {
      if (!lab.brokerSessions) return;
      const session = (await lab.brokerSessions()).find((candidate) => candidate.clientId === clientId);
      held.push(`${step}: ${session ? `a session${session.connected ? ' (connected)' : ''} with ${session.subscriptions.length} subscription${session.subscriptions.length === 1 ? '' : 's'} and ${session.queued.length} queued message${session.queued.length === 1 ? '' : 's'}` : 'no session'}`);
    };
    await look('away');

    const publisher = await connected(lab, { clientId: lab.unique('publisher'), plan: { publications: [{ topic: `${topic}/1`, payload: 'missed at QoS 1', qos: 1 }, { topic: `${topic}/2`, payload: 'missed at QoS 2', qos: 2 }] } });
    await publisher.until((story) => story.flows.filter((flow) => flow.from === 'c2s' && flow.complete).length >= 2, ANSWER_WAIT_MS);
    await publisher.close('disconnect');
    await look('after the publications');

    const back = await connected(lab, { clientId, clean: false });
    const missed = () => new Set(back.story().flows.filter((flow) => flow.from === 's2c' && flow.topic?.startsWith(topic)).map((flow) => flow.kind)).size;
    await back.until(() => missed() >= 2, DELIVERY_WAIT_MS);
    const delivered = back.story().flows.filter((flow) => flow.from === 's2c' && flow.topic?.startsWith(topic)).map((flow) => `${flow.kind} on ${flow.topic!.slice(topic.length + 1)}`);
    await back.close('disconnect');

    const clean = await connected(lab, { clientId, clean: true });
    await clean.close('disconnect');
    await look('after clean session 1');
    const again = await connected(lab, { clientId, clean: false });
    await again.close('disconnect');
    // Leave nothing behind: the last connection asked for a session, this one ends it.
    const cleanup = await connected(lab, { clientId, clean: true });
    await cleanup.close('disconnect');

    const problems: string[] = [];
    if (!subscribed) problems.push('the SUBSCRIBE was not acknowledged');
    if (present(first.story())) problems.push('a client id never used before was answered with session present 1 [MQTT-3.2.2-3]');
    if (present(back.story()) !== true) problems.push('the returning client (clean session 0) was answered with session present 0: its session was not kept [MQTT-3.2.2-2]');
    if (missed() < 2) problems.push(`the messages published while it was away were not all delivered within ${DELIVERY_WAIT_MS} ms [MQTT-3.1.2-5]`);
    if (present(clean.story()) !== false) problems.push('clean session 1 was answered with session present 1; it must be 0 [MQTT-3.2.2-1]');
    if (present(again.story()) !== false) problems.push('after clean session 1, clean session 0 was answered with session present 1: the session was not discarded [MQTT-3.1.2-6]');
    const observation = [
      `First connection (clean session 0): ${answerOf(first.story())}${subscribed ? ', subscribed at QoS 1 and 2' : ''}.`,
      `Back with clean session 0: ${answerOf(back.story())}; delivered ${delivered.length > 0 ? delivered.join(', ') : 'nothing'}.`,
      `Clean session 1: ${answerOf(clean.story())}.`,
      `Clean session 0 again: ${answerOf(again.story())}.`,
      held.length > 0 ? `The broker's sessions view — ${held.join('; ')}.` : '',
      problems.length > 0 ? `Wrong: ${problems.join('; ')}.` : '',
    ].filter(Boolean).join(' ');
    return {
      verdict: problems.length === 0 ? 'pass' : 'fail',
      observation,
      evidence: [first.evidence('first connection, clean session 0'), publisher.evidence('publisher'), back.evidence('back, clean session 0'), clean.evidence('clean session 1'), again.evidence('clean session 0 again')],
    };
  },
};
