// Steps several experiments share: a connection with the target's credentials, waited for until
// the broker answered its CONNECT (or closed it).
import type { ConnectOptions } from '@shared/model/connect-options';
import type { LabConnectionView, LabContext } from '../lab-types';

/** How long a step waits for what the broker owes (a CONNACK, a SUBACK, a PUBACK, a close it
 *  must make) before saying it never came. Long, because a wait ends as soon as the answer comes:
 *  only a broker that never answers makes a run slower, while a short bound read a busy machine's
 *  late answer as a broker's failure. Windows in which nothing may happen are the experiments' own. */
export const ANSWER_WAIT_MS = 30_000;
/** How long a step waits for a CONNACK before saying there was none. */
export const CONNACK_WAIT_MS = ANSWER_WAIT_MS;

export function credentials(lab: LabContext): Pick<ConnectOptions, 'username' | 'password'> {
  return { username: lab.target.username, password: lab.target.password };
}

/** Connects with the target's credentials and waits for the CONNACK, or the end. */
export async function connected(lab: LabContext, options: Partial<ConnectOptions>): Promise<LabConnectionView> {
  const connection = lab.connect({ ...credentials(lab), ...options });
  await connection.until((story) => story.connack !== undefined, CONNACK_WAIT_MS);
  return connection;
}

