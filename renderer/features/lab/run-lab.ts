// Running lab experiments, from the Lab panel or the command palette: against the broker named, or
// the local broker when none is. Each result is pushed as it comes (lab.result); the answer repeats
// them all, and they are kept again in case a push was missed.
import type { EngineApi, RequestParams } from '@shared/contract';
import { useStore } from '../../store';

export type LabBroker = NonNullable<RequestParams<'lab.run'>['broker']>;

export const NO_LOCAL_BROKER = 'The local broker is not running: start it in the Broker panel, or choose another broker';

/** Runs the experiments `names` (all of them without) against `broker`, or the local broker. */
export async function runLab(api: EngineApi, names: string[] | undefined, broker?: LabBroker): Promise<void> {
  if (!broker && !useStore.getState().broker) throw new Error(NO_LOCAL_BROKER);
  const params: RequestParams<'lab.run'> = { ...(names ? { names } : {}), ...(broker ? { broker } : {}) };
  const { addLabResult } = useStore.getState();
  for (const result of (await api.request('lab.run', params)).results) addLabResult(result);
}
