// One direction of a TLS connection cut into records (RFC 8446 §5.1): each record's header, then
// its body as the pieces it came in, then its end. Only the five header bytes are ever held: a
// body is handed on as it arrives. Bytes that are not a record header end the reading for good:
// past them no record boundary can be trusted.
import { TLS_CIPHERTEXT_MAX_BYTES } from '@shared/limits';
import { CONTENT_TYPES } from '@shared/tls/tls-tables';

export const RECORD_HEADER_LENGTH = 5;
const HIGHEST_MINOR_VERSION = 4;
const CONTENT_TYPE_VALUES = new Set<number>(Object.values(CONTENT_TYPES));

export interface RecordSink {
  start(type: number, length: number, at: number): void;
  body(piece: Uint8Array): void;
  end(): void;
  broken(message: string): void;
}

export class TlsRecordFramer {
  private readonly header = new Uint8Array(RECORD_HEADER_LENGTH);
  private headerFilled = 0;
  /** Body bytes of the current record still to come; undefined between records. */
  private bodyLeft: number | undefined;
  private bodyLength = 0;
  private isStopped = false;
  /** Bytes of the direction read so far. */
  private offset = 0;

  constructor(private readonly sink: RecordSink) {}

  get stopped(): boolean {
    return this.isStopped;
  }

  /** No more of this direction is read (the sink found it unreadable). */
  stop(): void {
    this.isStopped = true;
  }

  push(bytes: Uint8Array): void {
    let at = 0;
    while (at < bytes.length && !this.isStopped) {
      if (this.bodyLeft === undefined) {
        const take = Math.min(RECORD_HEADER_LENGTH - this.headerFilled, bytes.length - at);
        this.header.set(bytes.subarray(at, at + take), this.headerFilled);
        this.headerFilled += take;
        at += take;
        if (this.headerFilled === RECORD_HEADER_LENGTH) this.readHeader();
        continue;
      }
      const take = Math.min(this.bodyLeft, bytes.length - at);
      if (take > 0) this.sink.body(bytes.subarray(at, at + take));
      at += take;
      this.bodyLeft -= take;
      this.offset += take;
      if (this.bodyLeft === 0) this.endRecord();
    }
  }

  /** What of a record the direction ended inside, in words; undefined between records. */
  unfinished(): string | undefined {
    if (this.isStopped) return undefined;
    if (this.bodyLeft !== undefined) return `inside a record (${this.bodyLength - this.bodyLeft} of its ${this.bodyLength} bytes came)`;
    if (this.headerFilled > 0) return `inside a record header (${this.headerFilled} of its ${RECORD_HEADER_LENGTH} bytes came)`;
    return undefined;
  }

  private readHeader(): void {
    const [type, major, minor, high, low] = this.header;
    const length = (high << 8) | low;
    const at = this.offset;
    this.headerFilled = 0;
    this.offset += RECORD_HEADER_LENGTH;
    if (!CONTENT_TYPE_VALUES.has(type) || major !== 3 || minor > HIGHEST_MINOR_VERSION) {
      const start = Array.from(this.header, (byte) => byte.toString(16).padStart(2, '0')).join(' ');
      this.isStopped = true;
      this.sink.broken(`byte ${at} is not the start of a TLS record (${start}): not read further`);
      return;
    }
    if (length > TLS_CIPHERTEXT_MAX_BYTES) {
      this.isStopped = true;
      this.sink.broken(`the record at byte ${at} claims ${length} bytes, more than TLS allows (${TLS_CIPHERTEXT_MAX_BYTES}): not read further`);
      return;
    }
    this.bodyLeft = this.bodyLength = length;
    this.sink.start(type, length, at);
    if (length === 0 && !this.isStopped) this.endRecord();
  }

  private endRecord(): void {
    this.bodyLeft = undefined;
    this.sink.end();
  }
}
