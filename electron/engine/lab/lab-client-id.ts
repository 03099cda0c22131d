// The lab's client ids carry their run and experiment: `mqttscope-lab-<run>` and
// `mqttscope-lab-<run>-<experiment>-<what>`, the run 8 hex digits. Spelled here once; read back
// from a CONNECT, they tag the broker's side of a lab connection with the run that opened it.
import { randomUUID } from 'node:crypto';
import type { LabTag } from '@shared/model/lab';
import { EXPERIMENTS } from './experiments';

const PREFIX = 'mqttscope-lab-';
const PATTERN = /^mqttscope-lab-([0-9a-f]{8})(?:-(.+))?$/;

/** A new run's id, as its client ids and its connections' tags carry it. */
export const newLabRunId = (): string => randomUUID().slice(0, 8);

/** The run's default client id, or one for `what` of an experiment. */
export function labClientId(run: string, experiment?: string, what?: string): string {
  return experiment === undefined ? `${PREFIX}${run}` : `${PREFIX}${run}-${experiment}-${what}`;
}

/** The run and experiment a lab client id names; undefined for any other client id. The
 *  experiment is the longest name that starts what follows the run ('' for the default id). */
export function labTagOfClientId(clientId: string | undefined): LabTag | undefined {
  const match = clientId === undefined ? null : PATTERN.exec(clientId);
  if (!match) return undefined;
  const rest = match[2] ?? '';
  const named = EXPERIMENTS.map(({ name }) => name).filter((name) => rest.startsWith(`${name}-`));
  return { run: match[1], experiment: named.sort((a, b) => b.length - a.length)[0] ?? '' };
}
