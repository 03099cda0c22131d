// 7. Keep alive: a client with nothing to send pings within the interval and the broker answers
// [MQTT-3.1.2-23], [MQTT-3.12.4-1]; a client that stays silent is closed by the broker after
// one and a half times the keep alive [MQTT-3.1.2-24].
import type { Experiment } from '../lab-types';
import { connected } from './steps';
import { answerOf, ms, wrongWords } from './words';

/** Seconds: short, so the experiment is quick, and a whole number of seconds × 1.5 so a
 *  broker that counts in whole seconds has an exact deadline (1.5 × 1 would round). */
const KEEP_ALIVE = 2;
const DEADLINE_MS = KEEP_ALIVE * 1500;
/** Brokers check their timers every so often: this late is on time. */
const GRANULARITY_MS = 1000;
/** Never closed by then: the broker does not enforce keep alive. Some brokers sweep their
 *  clients only every few seconds, in whole seconds (mosquitto 2.0 about every 6 s: a keep alive
 *  of 2 s was closed after 5–9 s), which is late but no violation: the lab waits that out. */
const GIVE_UP_MS = DEADLINE_MS + 8000;
const PINGS = 2;

const seconds = (value: number) => `${(value / 1000).toFixed(2)} s`;

export const keepAlive: Experiment = {
  name: 'keep-alive',
  title: 'Keep alive',
  clause: '[MQTT-3.1.2-23], [MQTT-3.1.2-24], [MQTT-3.12.4-1]',
  expectation: `Keep alive ${KEEP_ALIVE} s: an idle client sends PINGREQ each interval and gets PINGRESP; a client that sends nothing is closed by the broker once 1.5 × keep alive has passed (${seconds(DEADLINE_MS)}; by ${seconds(DEADLINE_MS + GRANULARITY_MS)} for a broker with a fine timer — the specification sets no limit on how late, so a close by ${seconds(GIVE_UP_MS)} passes, said as late), and never before the keep alive itself (${seconds(KEEP_ALIVE * 1000)}).`,
  async run(lab) {
    // Both at once: the pinging client's two intervals cover the silent client's deadline.
    const [pinging, silent] = await Promise.all([
      connected(lab, { clientId: lab.unique('pinging'), keepAlive: KEEP_ALIVE }),
      connected(lab, { clientId: lab.unique('silent'), keepAlive: KEEP_ALIVE, plan: { noPings: true } }),
    ]);
    if (!pinging.story().connack?.accepted || !silent.story().connack?.accepted) {
      return { verdict: 'not-run', reason: 'A connection was not accepted.', observation: `Pinging client: ${answerOf(pinging.story())}. Silent client: ${answerOf(silent.story())}.`, evidence: [pinging.evidence('pinging client'), silent.evidence('silent client')] };
    }
    const answered = (story: ReturnType<typeof pinging.story>) => (story.keepAlive?.pings ?? []).filter((ping) => ping.roundTripMs !== undefined);
    await Promise.all([
      pinging.until((story) => answered(story).length >= PINGS, KEEP_ALIVE * 1000 * (PINGS + 1)),
      silent.until((story) => story.end !== undefined, GIVE_UP_MS),
    ]);
    const pings = answered(pinging.story());
    const unanswered = (pinging.story().keepAlive?.pings.length ?? 0) - pings.length;
    // The lab's own client pings once a whole keep alive has passed, half a keep alive before the
    // broker may close it. On a machine too busy to run its timer by then, the broker is right to
    // close it: that says nothing of the broker, and is said so rather than called its fault.
    const late = pings.length < PINGS ? pinging.story().keepAlive?.pings.find((ping) => ping.roundTripMs === undefined && ping.time > ping.deadline) : undefined;
    if (late) {
      return {
        verdict: 'not-run',
        reason: `This machine was too busy: the lab's pinging client sent its PINGREQ ${seconds(late.time - late.since)} after its previous packet, past the ${seconds(DEADLINE_MS)} a broker allows (1.5 × keep alive), so its close shows nothing of the broker. Run it again.`,
        observation: `Pinging client (keep alive ${KEEP_ALIVE} s): its PINGREQ went out ${seconds(late.time - late.since)} after its previous packet; ${pings.length} PINGREQ/PINGRESP.`,
        evidence: [pinging.evidence('pinging client'), silent.evidence('silent client')],
      };
    }
    const pingWords = pings.map((ping) => `after ${seconds(ping.time - ping.since)} idle, round trip ${ms(ping.roundTripMs!)}`).join('; ');

    const story = silent.story();
    const closedAfter = story.end && story.connect ? story.end.time - story.connect.time : undefined;
    const byBroker = story.end?.by === 'broker' || story.end?.by === 'error';
    const problems: string[] = [];
    if (pings.length < PINGS) problems.push(`${pings.length} of ${PINGS} PINGREQs answered${unanswered > 0 ? ` (${unanswered} without a PINGRESP) [MQTT-3.12.4-1]` : ''}`);
    let silence: string;
    if (closedAfter === undefined || !byBroker) {
      silence = `the silent client was still connected ${seconds(GIVE_UP_MS)} after its CONNECT`;
      problems.push('the broker did not close a client silent past 1.5 × keep alive [MQTT-3.1.2-24]');
    } else {
      const how = story.end?.by === 'error' ? ` (${story.end.error?.message ?? 'an error'})` : '';
      silence = `the broker closed the silent client ${seconds(closedAfter)} after its CONNECT${how}`;
      if (closedAfter < KEEP_ALIVE * 1000) problems.push(`it closed the silent client before its keep alive of ${KEEP_ALIVE} s had run out`);
      else if (closedAfter < DEADLINE_MS) silence += `, before 1.5 × keep alive (${seconds(DEADLINE_MS)})`;
      else if (closedAfter <= DEADLINE_MS + GRANULARITY_MS) silence += `, within the window ${seconds(DEADLINE_MS)}–${seconds(DEADLINE_MS + GRANULARITY_MS)}`;
      else silence += `, later than the window ${seconds(DEADLINE_MS)}–${seconds(DEADLINE_MS + GRANULARITY_MS)} but within ${seconds(GIVE_UP_MS)} (the broker checks its clients' keep alive only every few seconds)`;
    }
    const observation = `Pinging client (keep alive ${KEEP_ALIVE} s): ${pings.length} PINGREQ/PINGRESP${pings.length > 0 ? ` (${pingWords})` : ''}. Silent client: ${silence}.${wrongWords(problems)}`;
    return { verdict: problems.length === 0 ? 'pass' : 'fail', observation, evidence: [pinging.evidence('pinging client'), silent.evidence('silent client')] };
  },
};
