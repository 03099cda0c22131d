// One connection recorded as it happens: its chunks and lifecycle entries appended to its trace
// file in batches (at most FLUSH_INTERVAL_MS behind), its entries indexed in memory, and its
// story read as they come.
import { openSync, writev } from 'node:fs';
import { SessionStoryBuilder, type SessionStory } from '@shared/model/session-story';
import type { Direction, RecordedEntry } from '@shared/model/trace';
import { encodeJsonRecord, type SessionRecord } from './trace-file';
import { fileHeader, RECORD_HEADER_SIZE, writeRecordHeader } from './trace-format';
import { TraceIndex } from './trace-index';
import { SessionQueries } from './session-queries';
import { readEntries } from './read-entries';
import { TraceReader } from './trace-reader';
import { FLUSH_BYTES, GATHER_BYTES, STORY_KEEPS } from '../limits';

/** A crash loses at most this much of a session. */
export const FLUSH_INTERVAL_MS = 250;

export class SessionRecorder {
  readonly index: TraceIndex;
  readonly queries: SessionQueries;
  readonly reader: TraceReader;
  private readonly builder: SessionStoryBuilder;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  /** Where chunk records are gathered before they join `pending`, and how much of it is used. */
  private gather: DataView | undefined;
  private gathered = 0;
  /** Bytes in the file, and bytes handed to it (written or waiting). */
  private written = 0;
  private recorded = 0;
  private writing: Promise<void> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private writeError: Error | undefined;
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly fd: number,
    readonly file: string,
    readonly record: SessionRecord,
    /** Told once when the file cannot be written any more (a full disk). */
    private readonly onWriteError: (error: Error) => void,
  ) {
    this.index = new TraceIndex(record.id);
    this.builder = new SessionStoryBuilder(record.id, STORY_KEEPS, record.origin);
    // Reads wait for what is recorded to be written; the file closes when the last read is done.
    this.reader = TraceReader.ofFd(fd, () => this.flush());
    this.queries = new SessionQueries(this.index, this.reader);
  }

  /** Opened at once (synchronously), so no byte of the connection waits for the file. */
  static create(file: string, record: SessionRecord, onWriteError: (error: Error) => void = () => {}): SessionRecorder {
    // Read and write: an open session's entries are read back from its own file.
    const recorder = new SessionRecorder(openSync(file, 'wx+', 0o600), file, record, onWriteError);
    recorder.append([fileHeader(), ...encodeJsonRecord('session', 0, record.startTime, record)]);
    return recorder;
  }

  get open(): boolean {
    return this.closing === undefined;
  }

  /** Bytes of the file, written and waiting. */
  get size(): number {
    return this.recorded;
  }

  story(): SessionStory {
    return this.builder.story();
  }

  chunk(dir: Direction, bytes: Uint8Array, time: number): void {
    // After a write failed, the session stops where its file stops.
    if (this.closing || this.writeError) return;
    this.index.addChunk(dir, this.recorded + RECORD_HEADER_SIZE, bytes.length);
    const size = RECORD_HEADER_SIZE + bytes.length;
    if (size > GATHER_BYTES - this.gathered) this.seal();
    if (size > GATHER_BYTES) {
      const header = new DataView(new ArrayBuffer(RECORD_HEADER_SIZE));
      writeRecordHeader(header, 0, 'chunk', dir, 0, time, bytes.length);
      // Its own copy: a writer may use a buffer again once the socket took it.
      this.append([new Uint8Array(header.buffer), bytes.slice()]);
      return;
    }
    this.gather ??= new DataView(new ArrayBuffer(GATHER_BYTES));
    writeRecordHeader(this.gather, this.gathered, 'chunk', dir, 0, time, bytes.length);
    new Uint8Array(this.gather.buffer, this.gathered + RECORD_HEADER_SIZE, bytes.length).set(bytes);
    this.gathered += size;
    this.recorded += size;
    this.pendingBytes += size;
    this.due();
  }

  /** The gathered records join what waits to be written, in order. */
  private seal(): void {
    if (this.gathered === 0) return;
    this.pending.push(new Uint8Array(this.gather!.buffer, 0, this.gathered));
    this.gather = undefined;
    this.gathered = 0;
  }

  entry(entry: RecordedEntry): void {
    if (this.closing || this.writeError) return;
    this.index.addEntry(entry);
    this.builder.add(entry);
    if (entry.kind === 'lifecycle') this.append(encodeJsonRecord('lifecycle', 0, entry.time, entry.event));
  }

  /** The recording stops at `time` while the connection was still open (a capture stopped
   *  following it): the story says so instead of an end. */
  recordingEnded(time: number): void {
    this.builder.recordingEnded(time);
  }

  /** The entries [from, from + count), bytes read back from the file. */
  async entries(from: number, count: number): Promise<RecordedEntry[]> {
    // The entries there are now: ones recorded while the file is being written wait their turn.
    const known = Math.min(count, this.index.count - from);
    return known <= 0 ? [] : this.reader.use((readAt) => readEntries(this.index, readAt, from, known));
  }

  /** Everything recorded is in the file once this resolves. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.seal();
    if (this.pending.length > 0) {
      const pieces = this.pending;
      const length = this.pendingBytes;
      this.pending = [];
      this.pendingBytes = 0;
      this.writing = this.writing.then(() => this.writeAll(pieces, length));
    }
    return this.writing;
  }

  /** Writes what waits and closes the file; the recorder takes nothing after this. */
  close(): Promise<void> {
    this.closing ??= this.flush().then(() => this.reader.close());
    return this.closing;
  }

  private append(pieces: Uint8Array[]): void {
    this.seal();
    for (const piece of pieces) {
      this.pending.push(piece);
      this.pendingBytes += piece.length;
      this.recorded += piece.length;
    }
    this.due();
  }

  /** Written at once past FLUSH_BYTES, else within FLUSH_INTERVAL_MS. */
  private due(): void {
    if (this.pendingBytes >= FLUSH_BYTES) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_INTERVAL_MS);
  }

  private writeAll(pieces: Uint8Array[], length: number): Promise<void> {
    if (this.writeError) return Promise.resolve();
    return new Promise((resolve) => {
      writev(this.fd, pieces, (error, bytesWritten) => {
        // A full disk must not end the engine: the session stops growing on disk and says why.
        if (error || bytesWritten !== length) {
          this.writeError = error ?? new Error(`Only ${bytesWritten} of ${length} bytes were written`);
          this.onWriteError(this.writeError);
        } else this.written += length;
        resolve();
      });
    });
  }
}
