// The handshake lab: its experiments, one run at a time against a broker given or the local one
// (each connection recorded and tagged with its run), and the report of the broker tested last.
import { labTargetName, type LabResult, type LabTag, type LabTarget } from '@shared/model/lab';
import type { labRequests } from '@shared/contract/lab';
import { EXPERIMENTS } from '../lab/experiments';
import { labReport } from '../lab/report';
import { embeddedLabTarget, reachable } from '../lab/embedded-target';
import { experimentsNamed, runLab } from '../lab/run-lab';
import { newLabRunId } from '../lab/lab-client-id';
import type { LocalBroker } from './broker';
import type { EventSink, FeatureHandlers } from './handlers';
import type { Recording } from './recording';

/** Where the lab's connections are recorded: the engine's recording, or nowhere for a command. */
export type LabRecorder = Pick<Recording, 'labSink' | 'onChunk'>;

export class LabFeature {
  /** True while the lab runs: one run at a time. */
  private running = false;
  /** The broker the lab tested last and each experiment's latest result there, for `lab.report`. */
  private last?: { target: LabTarget; results: Map<string, LabResult> };

  constructor(
    private readonly options: {
      recorder: LabRecorder;
      emit: EventSink;
      /** The broker running locally, tested when no other is named. */
      localBroker: () => LocalBroker | undefined;
    },
  ) {}

  readonly handlers: FeatureHandlers<typeof labRequests> = {
    'lab.list': async () => ({ experiments: EXPERIMENTS.map(({ name, title, clause, expectation }) => ({ name, title, clause, expectation })) }),
    'lab.run': async ({ names, broker }) => {
      if (this.running) throw new Error('The lab is already running; wait for its results before starting another run');
      const total = experimentsNamed(names).length;
      this.running = true;
      const { emit, recorder } = this.options;
      let where: string | undefined;
      let done = 0;
      let release = () => {};
      // Every connection of this run is tagged with it, and with the experiment that opened it.
      const tag: LabTag = { run: newLabRunId(), experiment: '' };
      try {
        // The embedded local broker is tested as `mqttscope lab` tests it: the same credentials and its own sessions view.
        const local = broker ? undefined : this.options.localBroker();
        const embedded = local?.kind === 'embedded' ? await embeddedLabTarget(local.running, local.user) : undefined;
        if (embedded) release = embedded.release;
        const target = broker ?? embedded?.target ?? this.localTarget();
        const named = labTargetName(target);
        where = named;
        // The report holds one broker's results: a run against another starts it over.
        if (!this.last || labTargetName(this.last.target) !== named) this.last = { target, results: new Map() };
        const { results } = this.last;
        return {
          results: await runLab({
            target,
            names,
            runId: tag.run,
            recording: { sink: recorder.labSink(target, tag), onChunk: recorder.onChunk },
            ...(embedded ? { brokerSessions: embedded.brokerSessions } : {}),
            onStart: ({ name, title }) => {
              tag.experiment = name;
              emit('lab.progress', { broker: named, running: { name, title }, done, total });
            },
            onResult: (result) => {
              done += 1;
              results.set(result.name, result);
              emit('lab.result', result);
            },
          }),
        };
      } finally {
        release();
        this.running = false;
        if (where !== undefined) emit('lab.progress', { broker: where, done, total });
      }
    },
    'lab.report': async () => {
      if (this.running) throw new Error('The lab is running; save its report when the run has ended');
      if (!this.last || this.last.results.size === 0) throw new Error('No lab run yet: run an experiment first, then save its report');
      const { target, results } = this.last;
      const ordered = EXPERIMENTS.flatMap((experiment) => results.get(experiment.name) ?? []);
      const when = new Date();
      const stamp = when.toISOString().replace(/[:.]/g, '-');
      return { name: `mqtt-scope-lab-${target.host.replace(/[^A-Za-z0-9.-]/g, '_')}-${target.port}-${stamp}.md`, markdown: labReport(target, ordered, when) };
    },
  };

  /** The local broker (mosquitto) as the lab's target, with the first user it was given. */
  private localTarget(): LabTarget {
    const local = this.options.localBroker();
    if (!local) throw new Error('Start the local broker or give a broker for the lab to test');
    return { host: reachable(local.running.host), port: local.running.port, ...(local.user ?? {}) };
  }
}
