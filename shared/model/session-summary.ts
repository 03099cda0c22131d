// A recorded session as the Sessions list shows it: enough to choose one without opening it.
import type { CaptureOrigin } from './capture';

export interface SessionSummary {
  id: string;
  origin: CaptureOrigin;
  /** The client id once the CONNECT is seen, else the addresses. */
  label: string;
  clientId?: string;
  /** The broker's `host:port` as the connection saw it. */
  broker?: string;
  startTime: number;
  endTime?: number;
  packets: number;
  /** Bytes of its trace file. */
  bytes: number;
  /** In words: Connected, Closed, Refused by the broker, Failed at TCP, … */
  outcome: string;
  /** Still recording: never dropped by the size cap. */
  open: boolean;
  /** The app stopped (a crash, a kill) while it was open: shown up to the last batch written. */
  endedUnexpectedly?: boolean;
}

/** The store's default size cap: the oldest closed sessions go first past it. */
export const DEFAULT_TRACE_CAP_BYTES = 2 * 1024 * 1024 * 1024;
