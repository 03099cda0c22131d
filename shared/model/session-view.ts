// A session as the UI sees it through the engine: a window onto a trace the engine keeps. The
// engine pushes what changed (counts, the story); rows, packets and the timeline's contents are
// asked for by range.
import type { CaptureOrigin } from './capture';
import type { LabTag } from './lab';
import type { SessionStory } from './session-story';
import type { Direction } from './trace';

export interface SessionUpdate {
  id: string;
  origin: CaptureOrigin;
  /** Still recording. */
  open: boolean;
  /** The app stopped while it was open: over, without an end of its own. */
  endedUnexpectedly?: boolean;
  /** Set for a connection of a lab run: one the lab opened, or the local broker's side of one
   *  (once its CONNECT names the run). */
  lab?: LabTag;
  /** When it began: the start of its first step. Times are shown from here. */
  startTime: number;
  /** Its last entry's time. */
  lastTime: number;
  /** Entries of every kind, and the rows (packets and unframed bytes) the packet list shows. */
  entries: number;
  rows: number;
  /** Packet type names seen (and `Unframed bytes`), for the type filter. */
  typeNames: string[];
  story: SessionStory;
}

/** One row of the packet list. */
export interface RowView {
  seq: number;
  /** The packet's number in the whole list (1 for the first), the same under any filter. */
  number: number;
  time: number;
  dir: Direction;
  typeName: string;
  /** Problems the dissector found in the packet. */
  problemCount: number;
  /** Bytes that could not be framed into a packet (their summary says why). */
  unframed: boolean;
  /** The packet in one line (or what was wrong with the bytes). */
  summary: string;
}

export interface RowFilter {
  /** A packet type name, `Unframed bytes`, or undefined for all. */
  type?: string;
  dir?: Direction;
  /** Packets whose bytes hold this text (UTF-8): a topic, a payload, a client id. */
  text?: string;
}

export interface PacketItem {
  seq: number;
  time: number;
  dir: Direction;
  typeName: string;
  problem: boolean;
}

/** Packets too dense to draw one by one: how many a lane has in each stretch. */
export interface DensityItem {
  dir: Direction;
  start: number;
  end: number;
  count: number;
  firstSeq: number;
}

/** What the timeline draws of a time window's packets: each one, or their density. */
export interface WindowContents {
  packets: PacketItem[];
  density: DensityItem[];
}

export const DENSITY_BUCKETS = 200;
