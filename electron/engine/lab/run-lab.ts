// Runs experiments one after another against one broker: each gets its own client ids and
// topics, its connections are closed when it is done, and a failure of the lab itself (not of
// the broker) is said as such, never as the broker's fault.
import { randomUUID } from 'node:crypto';
import type { BrokerSession } from '@shared/model/broker';
import type { ConnectOptions } from '@shared/model/connect-options';
import { EXPERIMENTS } from './experiments';
import { labClientId, newLabRunId } from './lab-client-id';
import { LabConnection, type LabRecording } from './lab-connection';
import type { Experiment, LabResult, LabTarget } from './lab-types';

const DEFAULT_OPTIONS: Omit<ConnectOptions, 'host' | 'port' | 'clientId'> = { protocolVersion: '3.1.1', clean: true, keepAlive: 60 };

export interface LabRun {
  target: LabTarget;
  /** Experiment names, or every one. */
  names?: readonly string[];
  recording?: LabRecording;
  /** Told before each experiment starts: which, and its place in the run. */
  onStart?: (experiment: Experiment, index: number, total: number) => void;
  /** Told of each result as it is known. */
  onResult?: (result: LabResult) => void;
  /** The embedded local broker's sessions view, when it is the broker under test. */
  brokerSessions?: () => Promise<BrokerSession[]>;
  /** The run's id in its client ids (a new one unless given): the engine tags the run's
   *  connections, the broker's side too, with it. */
  runId?: string;
}

export function experimentsNamed(names: readonly string[] | undefined): Experiment[] {
  if (!names || names.length === 0 || names.includes('all')) return EXPERIMENTS;
  const unknown = names.filter((name) => !EXPERIMENTS.some((experiment) => experiment.name === name));
  if (unknown.length > 0) throw new Error(`No experiment named ${unknown.join(', ')}; there are: ${EXPERIMENTS.map((experiment) => experiment.name).join(', ')}`);
  return EXPERIMENTS.filter((experiment) => names.includes(experiment.name));
}

export async function runLab(run: LabRun): Promise<LabResult[]> {
  const results: LabResult[] = [];
  const runId = run.runId ?? newLabRunId();
  const experiments = experimentsNamed(run.names);
  for (const [index, experiment] of experiments.entries()) {
    run.onStart?.(experiment, index, experiments.length);
    const opened: LabConnection[] = [];
    const started = performance.now();
    let outcome;
    try {
      outcome = await experiment.run({
        target: run.target,
        unique: (what) => labClientId(runId, experiment.name, what),
        connect: (options) => {
          const connection = new LabConnection(randomUUID(), { ...DEFAULT_OPTIONS, ...transportOf(run.target), clientId: labClientId(runId), ...options }, run.recording);
          opened.push(connection);
          return connection;
        },
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        ...(run.brokerSessions ? { brokerSessions: run.brokerSessions } : {}),
      });
    } catch (error) {
      outcome = { verdict: 'not-run' as const, observation: 'The experiment could not be run.', reason: `The lab failed: ${(error as Error).message}`, evidence: [] };
    } finally {
      await Promise.all(opened.filter((connection) => !connection.ended).map((connection) => connection.close('disconnect')));
    }
    const result: LabResult = { name: experiment.name, title: experiment.title, clause: experiment.clause, expectation: experiment.expectation, ...outcome, durationMs: performance.now() - started };
    results.push(result);
    run.onResult?.(result);
  }
  return results;
}

/** Where and how the lab's connections reach the broker under test. */
function transportOf({ host, port, tls, websocket }: LabTarget): Pick<ConnectOptions, 'host' | 'port' | 'tls' | 'websocket'> {
  return { host, port, ...(tls ? { tls } : {}), ...(websocket ? { websocket } : {}) };
}
