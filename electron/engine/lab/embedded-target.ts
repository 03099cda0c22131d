// The embedded local broker as the lab tests it, whichever front door asks (the UI's Lab panel,
// `mqttscope lab`): the same target, credentials and sessions view, so the same verdicts.
import { randomUUID } from 'node:crypto';
import type { BrokerSession } from '@shared/model/broker';
import type { BrokerUser, RunningBroker } from '../broker/aedes-broker';
import type { LabTarget } from './lab-types';

export interface EmbeddedLabTarget {
  target: LabTarget;
  brokerSessions: () => Promise<BrokerSession[]>;
  /** Takes the lab's own user out again, when one was added for the run. */
  release: () => void;
}

/**
 * The lab connects as `user` (the broker's first); a broker given none gets a user of the lab's
 * own for the run, so that bad-credentials can show a wrong password refused.
 */
export async function embeddedLabTarget(broker: RunningBroker, user: BrokerUser | undefined): Promise<EmbeddedLabTarget> {
  const credentials = user ?? { username: `mqttscope-lab-${randomUUID().slice(0, 8)}`, password: randomUUID() };
  const release = user ? () => {} : await broker.addUser(credentials);
  return { target: { host: reachable(broker.host), port: broker.port, ...credentials }, brokerSessions: () => broker.sessions(), release };
}

/** A broker listening on every interface is reached on loopback. */
export function reachable(host: string): string {
  return host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
}
