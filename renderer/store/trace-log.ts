// One connection's trace as the UI keeps it: entries appended in place (a stream of hundreds of
// thousands must not be copied per batch), the rows the packet list shows, and the story read
// entry by entry as they arrive. Entries are taken in `seq` order, each seq once: the same entry
// may come twice (live and read back from the trace store), and a live one may come before the
// ones it follows (a reloaded page hears a connection before it has read its beginning).
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
  /** The seq the log takes next. */
  private next = 0;
  /** Entries past a gap, by seq, until the entries before them come. */
  private readonly held = new Map<number, TraceEntry>();

  constructor(readonly connectionId: string) {
    this.builder = new SessionStoryBuilder(connectionId);
  }

  /** Takes the entries it has not taken yet; those past a gap wait for it to be filled. */
  append(entries: readonly TraceEntry[]): void {
    for (const entry of entries) {
      if (entry.seq < this.next) continue;
      if (entry.seq > this.next) {
        this.held.set(entry.seq, entry);
        continue;
      }
      this.take(entry);
      for (let waiting = this.held.get(this.next); waiting; waiting = this.held.get(this.next)) {
        this.held.delete(waiting.seq);
        this.take(waiting);
      }
    }
  }

  /** The seq the log takes next: every entry before it is in. */
  get nextSeq(): number {
    return this.next;
  }

  /** True while entries wait for earlier ones that have not come. */
  get hasGap(): boolean {
    return this.held.size > 0;
  }

  /** The earlier entries will not come (the store could not give them): takes the waiting
   *  ones as they are, gap and all. */
  acceptGap(): void {
    const waiting = [...this.held.values()].sort((a, b) => a.seq - b.seq);
    this.held.clear();
    for (const entry of waiting) this.take(entry);
  }

  private take(entry: TraceEntry): void {
    this.next = entry.seq + 1;
    // Each entry arrives with its own copy of these strings; kept for good, they would be
    // 200,000 copies in a long capture. One shared copy each instead.
    entry.connectionId = this.connectionId;
    if (entry.kind === 'packet') entry.typeName = shared(entry.typeName);
    this.entries.push(entry);
    this.builder.add(entry);
    if (entry.kind === 'lifecycle') return;
    this.rows.push(entry);
    this.clientRowsBefore.push(this.clientRowsBefore[this.clientRowsBefore.length - 1] + (entry.dir === 'c2s' ? 1 : 0));
    this.typeNames.add(entry.kind === 'packet' ? entry.typeName : UNFRAMED);
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
