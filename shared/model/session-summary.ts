// A recorded session as the Sessions list shows it: enough to choose one without opening it.
import type { CaptureOrigin } from './capture';
import type { LabTag } from './lab';

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
  /** Set for a connection of a lab run (either side of it). */
  lab?: LabTag;
}

/** The sessions the store deletes under a size cap, in the order it deletes them: the oldest
 *  closed ones first, until what is left fits; an open one never goes. The engine applies it and
 *  the page shows it before a lower cap is saved. */
export function sessionsPastCap<T extends Pick<SessionSummary, 'bytes' | 'open' | 'startTime'>>(sessions: readonly T[], capBytes: number): T[] {
  let total = sessions.reduce((sum, session) => sum + session.bytes, 0);
  const going: T[] = [];
  for (const session of sessions.filter((candidate) => !candidate.open).sort((a, b) => a.startTime - b.startTime)) {
    if (total <= capBytes) break;
    going.push(session);
    total -= session.bytes;
  }
  return going;
}
