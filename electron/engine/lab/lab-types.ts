// The handshake lab's shapes: an experiment names the behaviour it checks and the clause that
// asks for it, runs against a broker, and says what it expected, what it saw, and its verdict.
import type { BrokerSession } from '@shared/model/broker';
import type { ConnectOptions } from '@shared/model/connect-options';
import type { Evidence, ExperimentInfo, LabOutcome, LabTarget } from '@shared/model/lab';
import type { SessionStory } from '@shared/model/session-story';

// The shapes the UI reads too live in shared/, so that the renderer never imports the engine.
export type { Evidence, LabOutcome, LabResult, LabTarget, Verdict } from '@shared/model/lab';

export interface LabConnectionView {
  readonly id: string;
  story(): SessionStory;
  /** Waits until `check` holds or the connection ended; false after `timeoutMs`. */
  until(check: (story: SessionStory) => boolean, timeoutMs: number): Promise<boolean>;
  readonly ended: boolean;
  close(mode?: 'disconnect' | 'abort'): Promise<void>;
  evidence(label: string): Evidence;
}

export interface LabContext {
  target: LabTarget;
  /** A name no other run uses, for client ids and topics (`mqttscope-lab-…`). */
  unique(what: string): string;
  /** A connection to the broker under test, recorded like any other. */
  connect(options: Partial<ConnectOptions>): LabConnectionView;
  /** Waits, for an experiment that measures time. */
  sleep(ms: number): Promise<void>;
  /** The broker's own sessions view, when the lab tests the embedded local broker. */
  brokerSessions?(): Promise<BrokerSession[]>;
}

export interface Experiment extends ExperimentInfo {
  run(lab: LabContext): Promise<LabOutcome>;
}
