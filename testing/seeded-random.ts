// One seeded random source for the randomized tests (fuzzing, round trips): the same seed gives
// the same cases, so a failure can be replayed.
const TEXT_PIECES = ['a', 'z', 'Q', '7', '/', '-', '_', ' ', 'é', 'ß', '漢', '😀', 'sensor', 'room'];

export function seededRandom(seed: number) {
  let state = seed >>> 0;
  // A linear congruential generator (Numerical Recipes' constants): enough for test cases.
  const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  const text = (max = 12, alphabet: readonly string[] = TEXT_PIECES) => Array.from({ length: int(max) }, () => pick(alphabet)).join('');
  const bytes = (max = 24) => Buffer.from(Array.from({ length: int(max) }, () => int(256)));
  return { next, int, pick, text, bytes, bool: () => next() < 0.5 };
}

export type SeededRandom = ReturnType<typeof seededRandom>;
