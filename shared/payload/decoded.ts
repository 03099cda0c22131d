// What every payload decoder answers: the value, or in words why the bytes are not that format.
// Decoders never throw; a library's exception becomes the problem.

export type Decoded<T> = { ok: true; value: T } | { ok: false; problem: string };

export const decoded = <T>(value: T): Decoded<T> => ({ ok: true, value });

export const notDecoded = (problem: string): Decoded<never> => ({ ok: false, problem });

/** Runs a library decoder; what it throws becomes the problem, prefixed with what was tried. */
export function attempt<T>(what: string, run: () => Decoded<T>): Decoded<T> {
  try {
    return run();
  } catch (error) {
    return notDecoded(`Not ${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
