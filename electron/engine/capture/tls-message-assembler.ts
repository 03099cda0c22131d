// The cleartext handshake bytes of one direction made into whole handshake messages (RFC 8446
// §4): a message may span records and a record may hold many. Only an unfinished message is
// held, and no more than MAX_TLS_HANDSHAKE_BYTES of it: a message that claims more is refused
// as soon as its header says so, and the direction is read no further.
import { MAX_TLS_HANDSHAKE_BYTES } from '../limits';

export const HANDSHAKE_HEADER_LENGTH = 4;

export class TlsMessageAssembler {
  private buffer = new Uint8Array(0);
  private filled = 0;
  /** The whole length (header and body) of the message being held, once its header came. */
  private expected: number | undefined;
  private isStopped = false;

  constructor(
    /** The body is a view valid during the call only. */
    private readonly onMessage: (type: number, body: Uint8Array) => void,
    private readonly onRefused: (message: string) => void,
  ) {}

  get stopped(): boolean {
    return this.isStopped;
  }

  /** Bytes of memory held for an unfinished message. */
  get held(): number {
    return this.buffer.length;
  }

  /** What of a message is held, in words; undefined when none is. */
  unfinished(): string | undefined {
    if (this.filled === 0 || this.isStopped) return undefined;
    return this.expected === undefined ? `inside a handshake message header (${this.filled} of its ${HANDSHAKE_HEADER_LENGTH} bytes came)` : `inside a handshake message (${this.filled} of its ${this.expected} bytes came)`;
  }

  /** Lets go of what is held: the bytes that follow are not handshake messages in cleartext. */
  clear(): void {
    this.buffer = new Uint8Array(0);
    this.filled = 0;
    this.expected = undefined;
  }

  push(bytes: Uint8Array): void {
    let at = 0;
    while (at < bytes.length && !this.isStopped) {
      if (this.filled === 0 && bytes.length - at >= HANDSHAKE_HEADER_LENGTH) {
        // A message whole in the piece is read where it lies.
        const whole = this.wholeLength(bytes, at);
        if (whole === undefined) return;
        if (bytes.length - at >= whole) {
          this.onMessage(bytes[at], bytes.subarray(at + HANDSHAKE_HEADER_LENGTH, at + whole));
          at += whole;
          continue;
        }
      }
      const wanted = (this.expected ?? HANDSHAKE_HEADER_LENGTH) - this.filled;
      const take = Math.min(wanted, bytes.length - at);
      this.hold(bytes.subarray(at, at + take));
      at += take;
      if (this.expected === undefined && this.filled === HANDSHAKE_HEADER_LENGTH) {
        this.expected = this.wholeLength(this.buffer, 0);
        if (this.expected === undefined) return;
      }
      if (this.filled === this.expected) {
        const type = this.buffer[0];
        const body = this.buffer.subarray(HANDSHAKE_HEADER_LENGTH, this.filled);
        this.filled = 0;
        this.expected = undefined;
        this.onMessage(type, body);
      }
    }
  }

  /** The message's header and body length, or undefined (and the direction refused) past the bound. */
  private wholeLength(bytes: Uint8Array, at: number): number | undefined {
    const length = (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3];
    const whole = HANDSHAKE_HEADER_LENGTH + length;
    if (whole <= MAX_TLS_HANDSHAKE_BYTES) return whole;
    this.isStopped = true;
    this.clear();
    this.onRefused(`a handshake message (type ${bytes[at]}) claims ${length} bytes, more than the ${MAX_TLS_HANDSHAKE_BYTES} held for one: not read further`);
    return undefined;
  }

  private hold(piece: Uint8Array): void {
    const needed = this.filled + piece.length;
    if (needed > this.buffer.length) {
      // Grown as the bytes come, not to what the header claims: a claim alone takes no memory.
      const grown = new Uint8Array(Math.min(Math.max(needed, this.buffer.length * 2), this.expected ?? HANDSHAKE_HEADER_LENGTH));
      grown.set(this.buffer.subarray(0, this.filled));
      this.buffer = grown;
    }
    this.buffer.set(piece, this.filled);
    this.filled = needed;
  }
}
