// The handshake lab's shapes: an experiment names the behaviour it checks and the clause that
// asks for it, runs against a broker, and says what it expected, what it saw, and its verdict.
import type { ConnectOptions } from '@shared/model/connect-options';
import type { SessionStory } from '@shared/model/session-story';
import type { Direction } from '@shared/model/trace';

export type Verdict = 'pass' | 'fail' | 'not-run';

/** The packets that show what happened, as they crossed the wire. */
export interface Evidence {
  /** Which connection: `first client`, `watcher`, … */
  label: string;
  connectionId: string;
  packets: { dir: Direction; typeName: string; hex: string }[];
}

export interface LabOutcome {
  verdict: Verdict;
  /** What happened, in words, with the figures measured. */
  observation: string;
  /** For `not-run`: why it could not be shown here. */
  reason?: string;
  evidence: Evidence[];
}

export interface LabResult extends LabOutcome {
  name: string;
  title: string;
  clause: string;
  expectation: string;
  durationMs: number;
}

/** The broker under test. */
export interface LabTarget {
  host: string;
  port: number;
  username?: string;
  password?: string;
}

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
}

export interface Experiment {
  name: string;
  title: string;
  /** The specification's clause (`[MQTT-3.2.2-4]`, or a section). */
  clause: string;
  expectation: string;
  run(lab: LabContext): Promise<LabOutcome>;
}
