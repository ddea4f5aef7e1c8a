// A small seeded pseudo-random generator, shared by the synthetic sample and the bootstrap: Node and
// d3-array have none that takes a seed, and both must give the same result for the same seed on
// every machine.

/** Random draws from one seeded stream. Every method advances the stream. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** true with probability p. */
  chance(p: number): boolean;
  /** A uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** Uniform in [min, max). */
  uniform(min: number, max: number): number;
  /** A standard normal draw (Box–Muller; the second value is thrown away to keep the stream simple). */
  normal(): number;
  /** exp(N(log median, sigma²)): heavy right tail, median `median`. */
  logNormal(median: number, sigma: number): number;
  /** A Poisson count with the given mean (Knuth's product method; normal approximation above 30). */
  poisson(mean: number): number;
}

/**
 * mulberry32 (Tommy Ettinger, public domain): a 32-bit state, full period 2^32, passes
 * gjrand/PractRand far beyond what a demo data set needs. The seed must be an integer in [0, 2^32).
 *
 * @example createRandom(1).next() // 0.6270739405881613
 */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (): number => {
    // 1 - next() is in (0, 1], so the logarithm is finite.
    const u = 1 - next();
    const v = next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  return {
    next,
    chance: (p) => next() < p,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    uniform: (min, max) => min + next() * (max - min),
    normal,
    logNormal: (median, sigma) => median * Math.exp(sigma * normal()),
    poisson: (mean) => {
      if (mean <= 0) return 0;
      if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()));
      const limit = Math.exp(-mean);
      let k = 0;
      let product = next();
      while (product > limit) {
        k += 1;
        product *= next();
      }
      return k;
    },
  };
}
