// The handshake lab's results as the UI and the CLI read them: each experiment's expectation
// with its clause, what was seen, the verdict, and the connections whose packets show it.
import type { TlsOptions } from './connect-options';
import type { Direction } from './trace';

export type Verdict = 'pass' | 'fail' | 'not-run';

/** The packets that show what happened, as they crossed the wire. */
export interface Evidence {
  /** Which connection: `first client`, `watcher`, … */
  label: string;
  /** The connection's id: its session in the trace store. */
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

/** What an experiment checks: its name (for `lab.run`), its title, the clause and the expectation. */
export interface ExperimentInfo {
  name: string;
  title: string;
  /** The specification's clause (`[MQTT-3.2.2-4]`, or a section). */
  clause: string;
  expectation: string;
}

export interface LabResult extends LabOutcome, ExperimentInfo {
  durationMs: number;
}

/** The broker under test. */
export interface LabTarget {
  host: string;
  port: number;
  username?: string;
  password?: string;
  /** mqtts:// and wss://: the lab's connections are made over TLS. */
  tls?: TlsOptions;
  /** ws:// and wss://: MQTT inside WebSocket binary messages at this path. */
  websocket?: { path: string };
}

/** The target as people write it: `host:port` for plain MQTT, else with its scheme (and path). */
export function labTargetName(target: LabTarget): string {
  const scheme = target.websocket ? (target.tls ? 'wss' : 'ws') : target.tls ? 'mqtts' : undefined;
  const address = `${target.host.includes(':') ? `[${target.host}]` : target.host}:${target.port}`;
  return scheme ? `${scheme}://${address}${target.websocket?.path ?? ''}` : address;
}

/** A connection the lab opened: the run it belongs to (every connection of one `lab.run` shares
 *  it) and the experiment that opened it. */
export interface LabTag {
  run: string;
  experiment: string;
}

/** Where a lab run is: the experiment running now (none once the run ended), how many are done. */
export interface LabProgress {
  /** The broker under test, as `host:port`. */
  broker: string;
  running?: { name: string; title: string };
  done: number;
  total: number;
}
