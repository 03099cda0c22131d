// What every payload decoder answers: the value, or in words why the bytes are not that format.
// Decoders never throw; a library's exception becomes the problem.
import { DECODE_MESSAGE_CHARS } from '../limits';

export type Decoded<T> = { ok: true; value: T } | { ok: false; problem: string };

export const decoded = <T>(value: T): Decoded<T> => ({ ok: true, value });

export const notDecoded = (problem: string): Decoded<never> => ({ ok: false, problem });

/** Runs a library decoder; what it throws becomes the problem, prefixed with what was tried. */
/** Runs a library's decoder; what it throws becomes the problem, said in words a person can read:
 *  `reason` in place of the library's message when given (some quote the payload's raw bytes). */
export function attempt<T>(what: string, run: () => Decoded<T>, reason?: string): Decoded<T> {
  try {
    return run();
  } catch (error) {
    return notDecoded(`Not ${what}: ${reason ?? readable(error instanceof Error ? error.message : String(error))}`);
  }
}

/** A library's message without control characters, cut to a line. */
function readable(message: string): string {
  const clean = message.replace(/[\u0000-\u001f\u007f-\u009f\ufffd]/g, '·');
  return clean.length <= DECODE_MESSAGE_CHARS ? clean : `${clean.slice(0, DECODE_MESSAGE_CHARS)}…`;
}
