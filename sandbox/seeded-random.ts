/**
 * A small seeded PRNG (mulberry32) for everything the sandbox draws at random that a test may
 * assert on, such as the clock skew of a console message. `Math.random` is never used for those.
 */

/** A deterministic source of numbers in [0, 1), reproducible from its seed. */
export interface SeededRandom {
  /** The next number in [0, 1). */
  next(): number;
  /** An integer in [min, max], both ends included; `min` when max < min. */
  integer(min: number, max: number): number;
}

/**
 * Creates a mulberry32 generator. The same seed always yields the same sequence.
 *
 * @param seed any integer; only its low 32 bits count
 */
export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    integer(min, max) {
      if (max <= min) return min;
      return min + Math.floor(next() * (max - min + 1));
    },
  };
}
