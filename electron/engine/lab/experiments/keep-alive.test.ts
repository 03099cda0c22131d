// The keep-alive experiment's verdict from the stories its two connections tell: the broker's
// fault only when the lab's own client was on time. A stand-in lab hands the experiment the
// stories a busy machine and a broker that ignores PINGREQ leave behind.
import { describe, expect, it } from 'vitest';
import type { SessionStory } from '@shared/model/session-story';
import type { LabConnectionView, LabContext } from '../lab-types';
import { keepAlive } from './keep-alive';

type Pings = NonNullable<SessionStory['keepAlive']>['pings'];

function story(clientId: string, pings: Pings, end?: SessionStory['end']): SessionStory {
  return {
    connectionId: clientId,
    origin: 'client',
    phases: [],
    flows: [],
    connect: { time: 0, clientId, clean: true, keepAlive: 2 } as SessionStory['connect'],
    connack: { time: 5, accepted: true } as SessionStory['connack'],
    keepAlive: { pings } as SessionStory['keepAlive'],
    ...(end ? { end } : {}),
  };
}

function labOf(pinging: SessionStory, silent: SessionStory): LabContext {
  const view = (told: SessionStory): LabConnectionView => ({
    id: told.connectionId,
    story: () => told,
    until: async (check) => check(told),
    ended: told.end !== undefined,
    close: async () => {},
    evidence: (label) => ({ label, connectionId: told.connectionId, entries: [] }) as never,
  });
  const stories = [pinging, silent];
  return { target: { host: '127.0.0.1', port: 1883 }, unique: (what) => what, connect: () => view(stories.shift()!), sleep: async () => {} };
}

const closedByBroker = (time: number): SessionStory['end'] => ({ by: 'broker', time }) as SessionStory['end'];

describe('keep-alive', () => {
  it('is not the broker’s fault when the lab’s own PINGREQ went out past 1.5 × keep alive: not run, and why', async () => {
    const latePing = { time: 3_600, seq: 3, since: 0, deadline: 3_000 };
    const outcome = await keepAlive.run(labOf(story('pinging', [latePing], closedByBroker(3_400)), story('silent', [], closedByBroker(3_300))));
    expect(outcome.verdict).toBe('not-run');
    expect(outcome.reason).toMatch(/^This machine was too busy: the lab's pinging client sent its PINGREQ 3\.60 s after its previous packet, past the 3\.00 s/);
  });

  it('is the broker’s fault when a PINGREQ sent in time got no PINGRESP', async () => {
    const onTime = { time: 2_000, seq: 3, since: 0, deadline: 3_000 };
    const outcome = await keepAlive.run(labOf(story('pinging', [onTime]), story('silent', [], closedByBroker(3_300))));
    expect(outcome.verdict).toBe('fail');
    expect(outcome.observation).toContain('0 of 2 PINGREQs answered (1 without a PINGRESP) [MQTT-3.12.4-1]');
  });

  it('passes with two answered pings and the silent client closed within the window', async () => {
    const answered = [
      { time: 2_000, seq: 3, since: 0, deadline: 3_000, roundTripMs: 1 },
      { time: 4_000, seq: 5, since: 2_000, deadline: 5_000, roundTripMs: 1 },
    ];
    const outcome = await keepAlive.run(labOf(story('pinging', answered), story('silent', [], closedByBroker(3_300))));
    expect(outcome).toMatchObject({ verdict: 'pass' });
  });
});
