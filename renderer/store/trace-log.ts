// One connection's trace as the UI keeps it: entries appended in place (a stream of hundreds of
// thousands must not be copied per batch), the rows the packet list shows, and the story read
// entry by entry as they arrive.
import { SessionStoryBuilder, type SessionStory } from '@shared/model/session-story';
import type { FrameErrorEntry, PacketEntry, TraceEntry } from '@shared/model/trace';

export type RowEntry = PacketEntry | FrameErrorEntry;

export class TraceLog {
  readonly entries: TraceEntry[] = [];
  /** Packets and unframed bytes, in order: what the packet list shows. */
  readonly rows: RowEntry[] = [];
  /** How many of `rows[0, i)` went client → broker, so a stretch's count per lane is a subtraction. */
  readonly clientRowsBefore: number[] = [0];
  /** Packet type names seen, for the type filter. */
  readonly typeNames = new Set<string>();
  private readonly builder: SessionStoryBuilder;

  constructor(readonly connectionId: string) {
    this.builder = new SessionStoryBuilder(connectionId);
  }

  append(entries: readonly TraceEntry[]): void {
    for (const entry of entries) {
      // Each entry arrives with its own copy of these strings; kept for good, they would be
      // 200,000 copies in a long capture. One shared copy each instead.
      entry.connectionId = this.connectionId;
      if (entry.kind === 'packet') entry.typeName = shared(entry.typeName);
      this.entries.push(entry);
      this.builder.add(entry);
      if (entry.kind === 'lifecycle') continue;
      this.rows.push(entry);
      this.clientRowsBefore.push(this.clientRowsBefore[this.clientRowsBefore.length - 1] + (entry.dir === 'c2s' ? 1 : 0));
      this.typeNames.add(entry.kind === 'packet' ? entry.typeName : UNFRAMED);
    }
  }

  story(): SessionStory {
    return this.builder.story();
  }

  /** The entry with this sequence number (entries arrive in order, so it is usually at its index). */
  bySeq(seq: number): TraceEntry | undefined {
    const guess = this.entries[seq];
    if (guess?.seq === seq) return guess;
    return this.entries.find((entry) => entry.seq === seq);
  }

  /** When the connection began: the start of its first step (a DNS lookup's entry comes when
   *  it ends). Times are shown from here. */
  get startTime(): number {
    const first = this.entries[0];
    if (!first) return 0;
    return first.kind === 'lifecycle' && 'durationMs' in first.event ? first.time - first.event.durationMs : first.time;
  }
}

const names = new Map<string, string>();
function shared(text: string): string {
  const known = names.get(text);
  if (known !== undefined) return known;
  names.set(text, text);
  return text;
}

/** How the list names bytes that could not be framed into a packet. */
export const UNFRAMED = 'Unframed bytes';

export function rowTypeName(row: RowEntry): string {
  return row.kind === 'packet' ? row.typeName : UNFRAMED;
}
