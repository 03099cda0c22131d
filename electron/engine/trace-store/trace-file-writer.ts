// A trace file written as connections happen, any number of them (one stream each): what
// `mqttscope … --save FILE` writes. The same format as the store's own files.
import { createWriteStream, type WriteStream } from 'node:fs';
import type { Direction, RecordedEntry } from '@shared/model/trace';
import { encodeJsonRecord, sessionRecordFrom, type SessionRecord } from './trace-file';
import { fileHeader, recordHeader } from './trace-format';
import { MAX_STREAMS } from '../limits';

export class TraceFileWriter {
  private readonly out: WriteStream;
  private readonly streams = new Map<string, number>();
  private failure: Error | undefined;

  constructor(
    file: string,
    private readonly origin: SessionRecord['origin'],
    /** What a connection that was not accepted here (this app's client) is called and dials. */
    private readonly dialled: Pick<SessionRecord, 'label' | 'broker'> | undefined = undefined,
  ) {
    this.out = createWriteStream(file, { flags: 'w', mode: 0o600 });
    this.out.on('error', (error) => (this.failure ??= error));
    this.out.write(fileHeader());
  }

  get error(): Error | undefined {
    return this.failure;
  }

  /** A connection's entry: its first one opens its stream; lifecycle entries are written. */
  entry(entry: RecordedEntry): void {
    const stream = this.streamOf(entry.connectionId, entry);
    if (stream === undefined || entry.kind !== 'lifecycle') return;
    this.write(encodeJsonRecord('lifecycle', stream, entry.time, entry.event));
  }

  chunk(connectionId: string, dir: Direction, bytes: Uint8Array, time: number): void {
    const stream = this.streams.get(connectionId);
    if (stream === undefined) return;
    this.write([recordHeader('chunk', dir, stream, time, bytes.length), bytes.slice()]);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.out.end(() => resolve()));
  }

  private streamOf(connectionId: string, first: RecordedEntry): number | undefined {
    const known = this.streams.get(connectionId);
    if (known !== undefined || this.streams.size >= MAX_STREAMS) return known;
    const stream = this.streams.size;
    this.streams.set(connectionId, stream);
    const record = sessionRecordFrom(first, { origin: this.origin, label: this.dialled?.label ?? connectionId, ...(this.dialled?.broker ? { broker: this.dialled.broker } : {}) });
    this.write(encodeJsonRecord('session', stream, first.time, record));
    return stream;
  }

  private write(pieces: Uint8Array[]): void {
    for (const piece of pieces) this.out.write(piece);
  }
}
