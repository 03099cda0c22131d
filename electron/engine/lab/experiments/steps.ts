// Steps several experiments share: a connection with the target's credentials, waited for until
// the broker answered its CONNECT (or closed it).
import type { ConnectOptions } from '@shared/model/connect-options';
import type { LabConnectionView, LabContext } from '../lab-types';

/** How long a step waits for a CONNACK before saying there was none. */
export const CONNACK_WAIT_MS = 10_000;

export function credentials(lab: LabContext): Pick<ConnectOptions, 'username' | 'password'> {
  return { username: lab.target.username, password: lab.target.password };
}

/** Connects with the target's credentials and waits for the CONNACK, or the end. */
export async function connected(lab: LabContext, options: Partial<ConnectOptions>): Promise<LabConnectionView> {
  const connection = lab.connect({ ...credentials(lab), ...options });
  await connection.until((story) => story.connack !== undefined, CONNACK_WAIT_MS);
  return connection;
}

