// 11. What MQTT 5 adds to the connection, when the broker speaks it: session expiry across a
// reconnect, the will delay, a Server Keep Alive, Receive Maximum, and reason strings. Each part
// says what it saw; only a clear violation fails.
import type { SessionStory } from '@shared/model/session-story';
import type { ConnectOptions } from '@shared/model/connect-options';
import type { Evidence, Experiment, LabContext } from '../lab-types';
import { connected, ANSWER_WAIT_MS } from './steps';
import { answerOf, refusalsWithSession } from './words';

const WILL_DELAY_S = 2;
/** Brokers check will delays every so often, in whole seconds: this late is on time. */
const WILL_LATE_MS = 1500;
/** A will this early came without its delay. */
const WILL_EARLY_MS = 500;
/** How soon the second client comes back, well inside the will delay. */
const RECONNECT_AFTER_MS = 300;
const RECEIVE_MAXIMUM = 2;
const QUEUED = 5;
/** How long the subscriber holds each PUBACK, so that the broker must wait for them. */
const ACK_DELAY_MS = 300;
const ASKED_KEEP_ALIVE = 60;

const v5 = (options: Partial<ConnectOptions>): Partial<ConnectOptions> => ({ protocolVersion: '5', ...options });
const seconds = (value: number) => `${(value / 1000).toFixed(2)} s`;

interface Part {
  words: string;
  problems: string[];
  evidence: Evidence[];
}

async function sessionExpiry(lab: LabContext): Promise<Part> {
  const run = async (expiry: number) => {
    const clientId = lab.unique(`expiry-${expiry}`);
    const first = await connected(lab, v5({ clientId, clean: true, properties: { sessionExpiryInterval: expiry } }));
    await first.close('disconnect');
    // Expiry 0 now: this connection's session ends with it, so nothing is left behind.
    const back = await connected(lab, v5({ clientId, clean: false, properties: { sessionExpiryInterval: 0 } }));
    await back.close('disconnect');
    return { first, back };
  };
  const [zero, sixty] = await Promise.all([run(0), run(60)]);
  const problems: string[] = [];
  if (zero.back.story().connack?.sessionPresent !== false) problems.push('session expiry 0: the session outlived its connection (session present 1 on return; v5 3.1.2.11.2)');
  if (sixty.back.story().connack?.sessionPresent !== true) problems.push('session expiry 60 s: the session was not kept (session present 0 on return) [MQTT-3.1.2-23], [MQTT-3.2.2-3]');
  return {
    words: `Session expiry 0, back with clean start 0: ${answerOf(zero.back.story())}; session expiry 60 s: ${answerOf(sixty.back.story())}.`,
    problems,
    evidence: [zero.first.evidence('session expiry 0'), zero.back.evidence('session expiry 0, back'), sixty.first.evidence('session expiry 60 s'), sixty.back.evidence('session expiry 60 s, back')],
  };
}

async function willDelay(lab: LabContext): Promise<Part> {
  const topic = lab.unique('will');
  const watcher = await connected(lab, v5({ clientId: lab.unique('will-watcher'), plan: { subscriptions: [{ topic: `${topic}/#`, qos: 1 }] } }));
  const subscribed = await watcher.until((story) => story.flows.some((flow) => flow.kind === 'SUBSCRIBE' && flow.complete), ANSWER_WAIT_MS);
  if (!subscribed) return { words: 'Will delay: not shown (the watcher could not subscribe).', problems: [], evidence: [watcher.evidence('will watcher')] };
  // The session must outlive the delay, or the will goes when the session ends [MQTT-3.1.3-9].
  const withWill = (name: string) => v5({ clientId: lab.unique(name), clean: true, properties: { sessionExpiryInterval: 10 }, will: { topic: `${topic}/${name}`, payload: 'gone', qos: 1, retain: false, properties: { willDelayInterval: WILL_DELAY_S } } });
  const [late, back] = await Promise.all([connected(lab, withWill('dropped')), connected(lab, withWill('returning'))]);
  await Promise.all([late.close('abort'), back.close('abort')]);
  const dropped = late.story().end?.time ?? 0;
  await lab.sleep(RECONNECT_AFTER_MS);
  const returned = await connected(lab, v5({ clientId: back.story().connect!.clientId, clean: false, properties: { sessionExpiryInterval: 0 } }));
  const willOf = (name: string) => watcher.story().flows.find((flow) => flow.from === 's2c' && flow.topic === `${topic}/${name}`);
  await watcher.until(() => willOf('dropped') !== undefined, WILL_DELAY_S * 1000 + WILL_LATE_MS + 2000);
  // Past the returning client's delay too, with its broker's lateness.
  await lab.sleep(Math.max(0, dropped + WILL_DELAY_S * 1000 + WILL_LATE_MS - (watcher.story().flows.at(-1)?.steps[0].time ?? dropped)));
  await returned.close('disconnect');
  // Leave no session behind: the dropped client's session had 10 s to live.
  const cleanup = await connected(lab, v5({ clientId: late.story().connect!.clientId, clean: true, properties: { sessionExpiryInterval: 0 } }));
  await cleanup.close('disconnect');

  const problems: string[] = [];
  const will = willOf('dropped');
  let lateWords: string;
  if (!will) {
    lateWords = `no will within ${seconds(WILL_DELAY_S * 1000 + WILL_LATE_MS + 2000)} of the drop`;
    problems.push('the will of a client that dropped was never published [MQTT-3.1.2-8]');
  } else {
    const after = will.steps[0].time - dropped;
    lateWords = `the will came ${seconds(after)} after the drop`;
    if (after < WILL_DELAY_S * 1000 - WILL_EARLY_MS) problems.push(`the will came ${seconds(after)} after the drop, before its delay of ${WILL_DELAY_S} s [MQTT-3.1.3-9]`);
    else if (after > WILL_DELAY_S * 1000 + WILL_LATE_MS) lateWords += ' (late)';
  }
  const returnedWill = willOf('returning');
  if (returnedWill) problems.push('the will of a client that came back within the delay was published anyway [MQTT-3.1.3-9]');
  return {
    words: `Will delay ${WILL_DELAY_S} s: ${lateWords}; a client back after ${RECONNECT_AFTER_MS} ms (${answerOf(returned.story())}): ${returnedWill ? 'its will was published' : 'no will'}.`,
    problems,
    evidence: [watcher.evidence('will watcher'), late.evidence('will delay, dropped'), back.evidence('will delay, dropped then back'), returned.evidence('back within the delay')],
  };
}

/** The most PUBLISHes the client had received and not yet acknowledged, at any moment. */
function mostUnacknowledged(story: SessionStory): number {
  const changes = story.flows
    .filter((flow) => flow.from === 's2c' && flow.kind === 'PUBLISH QoS 1')
    .flatMap((flow) => [{ time: flow.steps[0].time, seq: flow.steps[0].seq, change: 1 }, ...(flow.steps[1] ? [{ time: flow.steps[1].time, seq: flow.steps[1].seq, change: -1 }] : [])])
    .sort((a, b) => a.seq - b.seq);
  let open = 0;
  let most = 0;
  for (const { change } of changes) most = Math.max(most, (open += change));
  return most;
}

async function receiveMaximum(lab: LabContext): Promise<Part> {
  const topic = lab.unique('flow');
  const subscriber = await connected(lab, v5({ clientId: lab.unique('slow-subscriber'), properties: { receiveMaximum: RECEIVE_MAXIMUM }, plan: { subscriptions: [{ topic, qos: 1 }], ackDelayMs: ACK_DELAY_MS } }));
  const subscribed = await subscriber.until((story) => story.flows.some((flow) => flow.kind === 'SUBSCRIBE' && flow.complete), ANSWER_WAIT_MS);
  if (!subscribed) return { words: 'Receive Maximum: not shown (the subscriber could not subscribe).', problems: [], evidence: [subscriber.evidence('subscriber')] };
  const publisher = await connected(lab, v5({ clientId: lab.unique('fast-publisher'), plan: { publications: Array.from({ length: QUEUED }, (_, index) => ({ topic, payload: `message ${index + 1}`, qos: 1 as const })) } }));
  const delivered = () => subscriber.story().flows.filter((flow) => flow.from === 's2c' && flow.complete).length;
  await subscriber.until(() => delivered() >= QUEUED, QUEUED * ACK_DELAY_MS + 3000);
  const most = mostUnacknowledged(subscriber.story());
  const problems = most > RECEIVE_MAXIMUM ? [`Receive Maximum ${RECEIVE_MAXIMUM}: the broker had ${most} QoS 1 messages unacknowledged at once [MQTT-3.3.4-9]`] : [];
  return {
    words: `Receive Maximum ${RECEIVE_MAXIMUM}, ${QUEUED} QoS 1 messages, each PUBACK held ${ACK_DELAY_MS} ms: ${delivered()} delivered, at most ${most} unacknowledged at once.`,
    problems,
    evidence: [subscriber.evidence('subscriber, Receive Maximum 2'), publisher.evidence('publisher')],
  };
}

async function reasonString(lab: LabContext): Promise<Part> {
  if (!lab.target.username) return { words: 'Reason string: not shown (no user was given, so no refusal can be asked for).', problems: [], evidence: [] };
  const refused = await connected(lab, v5({ clientId: lab.unique('problem-information'), password: `wrong-${lab.unique('password')}`, properties: { requestProblemInformation: true } }));
  const connack = refused.story().connack;
  const reason = connack?.properties['Reason String'];
  const words = !connack || connack.accepted
    ? `Reason string: not shown (a wrong password was ${connack ? 'accepted' : 'not answered'}).`
    : `Reason string, problem information requested, wrong password: ${answerOf(refused.story())}, ${typeof reason === 'string' ? `reason string "${reason}"` : 'no reason string (allowed)'}.`;
  return { words, problems: refusalsWithSession({ 'wrong password (MQTT 5)': refused.story() }), evidence: [refused.evidence('wrong password, problem information requested')] };
}

export const mqtt5Extras: Experiment = {
  name: 'mqtt5-extras',
  title: 'MQTT 5 extras',
  clause: 'MQTT 5: [MQTT-3.1.2-23], [MQTT-3.2.2-3], [MQTT-3.1.3-9], [MQTT-3.2.2-21], [MQTT-3.3.4-9], 3.2.2.3.9 (reason string)',
  expectation: `When the broker speaks MQTT 5: session expiry 0 → session present 0 on return, 60 s → 1; a will with delay ${WILL_DELAY_S} s published about ${WILL_DELAY_S} s after the drop, and not at all when the client is back within the delay; a Server Keep Alive, if sent, reported; with Receive Maximum ${RECEIVE_MAXIMUM}, never more than ${RECEIVE_MAXIMUM} QoS 1 messages unacknowledged; a refusal with problem information requested, its reason string reported.`,
  async run(lab) {
    const probe = await connected(lab, v5({ clientId: lab.unique('probe'), keepAlive: ASKED_KEEP_ALIVE }));
    const probeStory = probe.story();
    if (!probeStory.connack?.accepted) {
      return { verdict: 'not-run', reason: 'The broker does not speak MQTT 5: an MQTT 5 CONNECT was not accepted.', observation: `MQTT 5 CONNECT: ${answerOf(probeStory)}.`, evidence: [probe.evidence('MQTT 5 CONNECT')] };
    }
    await probe.close('disconnect');
    const serverKeepAlive = probeStory.connack.serverKeepAlive;
    const keepAliveWords = serverKeepAlive === undefined ? `Server Keep Alive: none (the asked ${ASKED_KEEP_ALIVE} s stands).` : `Server Keep Alive: ${serverKeepAlive} s, overriding the asked ${ASKED_KEEP_ALIVE} s.`;
    const parts = await Promise.all([sessionExpiry(lab), willDelay(lab), receiveMaximum(lab), reasonString(lab)]);
    const problems = parts.flatMap((part) => part.problems);
    const observation = [parts[0].words, parts[1].words, keepAliveWords, parts[2].words, parts[3].words, problems.length > 0 ? `Wrong: ${problems.join('; ')}.` : ''].filter(Boolean).join(' ');
    return { verdict: problems.length === 0 ? 'pass' : 'fail', observation, evidence: [probe.evidence('MQTT 5 CONNECT'), ...parts.flatMap((part) => part.evidence)] };
  },
};
