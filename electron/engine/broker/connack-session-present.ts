// Aedes answers session present = 0 for a session that holds no subscriptions. This sets the
// flag on the CONNACK's way out — before the tap, so the trace shows what was sent — whenever the
// broker holds a session for the client [MQTT-3.2.2-2]. It steps aside after the CONNACK.
import type { Duplex } from 'node:stream';

const CONNACK = 0x20;
const CONNACK_BYTES = 4;
const ACCEPTED = 0;
const SESSION_PRESENT = 0x01;

/** `present()` is asked when the CONNACK leaves: true sets the flag on an accepting CONNACK. */
export function fixSessionPresent(stream: Duplex, present: () => boolean): void {
  const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
  const pieces: Buffer[] = [];
  const callbacks: ((error?: Error | null) => void)[] = [];
  let size = 0;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    const piece = typeof chunk === 'string' ? Buffer.from(chunk) : chunk instanceof Uint8Array ? Buffer.from(chunk) : undefined;
    if (!piece) return write(chunk, ...rest);
    pieces.push(piece);
    size += piece.length;
    const callback = rest.find((item): item is (error?: Error | null) => void => typeof item === 'function');
    if (callback) callbacks.push(callback);
    if (size < CONNACK_BYTES && pieces[0][0] === CONNACK) return true;
    // mqtt-packet writes shared header buffers: change a copy, never them.
    const bytes = Buffer.concat(pieces);
    if (bytes[0] === CONNACK && bytes[1] === 2 && bytes[3] === ACCEPTED && present()) bytes[2] |= SESSION_PRESENT;
    stream.write = write as typeof stream.write;
    return write(bytes, (error?: Error | null) => callbacks.forEach((done) => done(error)));
  }) as typeof stream.write;
}
