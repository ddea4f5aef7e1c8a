// A small seeded pseudo-random generator, shared by the synthetic sample and the bootstrap: Node and
// d3-array have none that takes a seed, and both must give the same result for the same seed on
// every machine.

/** Random draws from one seeded stream. Every method advances the stream. */
export interface Random {
  /** Uniform in [0, 1): the next 32-bit output / 2^32. */
  next(): number;
  /** Fills `target` with the next raw 32-bit outputs (the stream `next` reads, without the division). */
  fill(target: Uint32Array): void;
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
 * The synthetic sample uses it; its stream must never change (the bundled fixture depends on it).
 *
 * @example createRandom(1).next() // 0.6270739405881613
 */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const uint32 = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
  return drawsFrom(uint32, (target) => {
    for (let i = 0; i < target.length; i++) target[i] = uint32();
  });
}

/**
 * xoshiro128** (Blackman and Vigna, public domain): 128 bits of state, period 2^128 − 1. For
 * streams too long for mulberry32's period of 2^32 draws — the bootstrap draws replicates × persons
 * counts, which passes 2^32 for a national register. The state is seeded from `seed` (an integer in
 * [0, 2^32)) by splitmix32. `fill` is the fast path (the state stays in locals); single draws are
 * handed out from a small buffer that `fill` drains first, so the stream stays one sequence.
 *
 * @example createLongRandom(1).next() // 0.09156953264027834
 */
export function createLongRandom(seed: number): Random {
  let x = seed >>> 0;
  const splitmix32 = (): number => {
    x = (x + 0x9e3779b9) | 0;
    let t = x ^ (x >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    return (t ^ (t >>> 15)) | 0;
  };
  let s0 = splitmix32();
  let s1 = splitmix32();
  let s2 = splitmix32();
  let s3 = splitmix32();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1; // the one state xoshiro cannot leave
  const generate = (target: Uint32Array, from: number): void => {
    let a = s0;
    let b = s1;
    let c = s2;
    let d = s3;
    for (let i = from; i < target.length; i++) {
      const m = Math.imul(b, 5);
      target[i] = Math.imul((m << 7) | (m >>> 25), 9);
      const t = b << 9;
      c ^= a;
      d ^= b;
      b ^= c;
      a ^= d;
      c ^= t;
      d = (d << 11) | (d >>> 21);
    }
    s0 = a;
    s1 = b;
    s2 = c;
    s3 = d;
  };
  const buffer = new Uint32Array(64);
  let used = buffer.length;
  return drawsFrom(
    () => {
      if (used === buffer.length) {
        generate(buffer, 0);
        used = 0;
      }
      return buffer[used++];
    },
    (target) => {
      const buffered = Math.min(buffer.length - used, target.length);
      target.set(buffer.subarray(used, used + buffered));
      used += buffered;
      generate(target, buffered);
    },
  );
}

/** The draws every stream offers, on top of its raw 32-bit outputs. */
function drawsFrom(uint32: () => number, fill: (target: Uint32Array) => void): Random {
  const next = (): number => uint32() / 4294967296;
  const normal = (): number => {
    // 1 - next() is in (0, 1], so the logarithm is finite.
    const u = 1 - next();
    const v = next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  return {
    next,
    fill,
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

/**
 * An exact Poisson draw with the given mean, for the bootstrap (the sample's `poisson` above uses a
 * normal approximation above 30, and changing it would change the bundled fixture). Inversion by
 * sequential search below 10; above, Hörmann's transformed rejection with squeeze (PTRS, W.
 * Hörmann, "The transformed rejection method for generating Poisson random variables", Insurance:
 * Mathematics and Economics 12, 1993), as NumPy does. Expected cost O(1) for any mean.
 *
 * @example poissonExact(createRandom(1), 1) // 1 (the draw 0.627… falls between F(0) = 0.368 and F(1) = 0.736)
 */
export function poissonExact(random: Random, mean: number): number {
  if (!(mean > 0)) return 0;
  if (mean < 10) {
    const u = random.next();
    let p = Math.exp(-mean);
    let cdf = p;
    let x = 0;
    // cdf reaches 1 in floating point long before x = mean + 60; the bound only guards u ≈ 1.
    while (u >= cdf && x < mean + 60) {
      x++;
      p *= mean / x;
      cdf += p;
    }
    return x;
  }
  const slam = Math.sqrt(mean);
  const loglam = Math.log(mean);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const U = random.next() - 0.5;
    const V = random.next();
    const us = 0.5 - Math.abs(U);
    const k = Math.floor(((2 * a) / us + b) * U + mean + 0.43);
    if (us >= 0.07 && V <= vr) return k;
    if (k < 0 || (us < 0.013 && V > us)) continue;
    if (Math.log(V) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -mean + k * loglam - logGamma(k + 1)) return k;
  }
}

/** log Γ(x) for x ≥ 1 (Stirling's series after shifting x up to 7; as in NumPy's random_loggam). */
function logGamma(x: number): number {
  if (x === 1 || x === 2) return 0;
  const n = x < 7 ? Math.floor(7 - x) : 0;
  let x0 = x + n;
  const x2 = 1 / (x0 * x0);
  let gl0 = STIRLING[9];
  for (let k = 8; k >= 0; k--) gl0 = gl0 * x2 + STIRLING[k];
  let gl = gl0 / x0 + 0.5 * 1.8378770664093453 + (x0 - 0.5) * Math.log(x0) - x0;
  for (let k = 1; k <= n; k++) {
    gl -= Math.log(x0 - 1);
    x0 -= 1;
  }
  return gl;
}

const STIRLING = [
  8.333333333333333e-2, -2.777777777777778e-3, 7.936507936507937e-4, -5.952380952380952e-4, 8.417508417508418e-4,
  -1.917526917526918e-3, 6.41025641025641e-3, -2.955065359477124e-2, 1.796443723688307e-1, -1.3924322169059,
];

/**
 * Poisson(m) for a whole m from 0 to SMALL_MEAN by inversion of its distribution function at a
 * 32-bit uniform u (from `fill`): exact but for the 2^−32 granularity of u. A table indexed by m and
 * u's top 12 bits answers at once for all but the few buckets that straddle a step of the
 * distribution function; those search the steps. This is the bootstrap's hot path: one table read
 * per person and replicate, with no unpredictable branch.
 *
 * @example poissonSmall(1, 0) // 0; poissonSmall(1, 2 ** 31) // 1 (F(0) = 0.368 ≤ 0.5 < F(1) = 0.736)
 */
export function poissonSmall(m: number, u: number): number {
  const k = POISSON_LOOKUP[(m << BUCKET_BITS) | (u >>> (32 - BUCKET_BITS))];
  return k !== STRADDLES ? k : poissonSearch(m, u);
}

function poissonSearch(m: number, u: number): number {
  const steps = POISSON_STEPS[m];
  let k = 0;
  while (k < steps.length && u >= steps[k]) k++;
  return k;
}

/** The largest mean `poissonSmall` takes. */
export const SMALL_MEAN = 16;
const BUCKET_BITS = 12;
const STRADDLES = 255;

/**
 * Per m: ⌊F_m(k)·2^32⌋ for k = 0, 1, … while below 2^32 (F_m: the Poisson(m) distribution
 * function). The float sum of F may stop a hair below 1; by k = m + 64 the remaining tail is far
 * below 2^−32, so the steps end there at the latest.
 */
const POISSON_STEPS: Float64Array[] = Array.from({ length: SMALL_MEAN + 1 }, (_, m) => {
  const steps: number[] = [];
  let p = Math.exp(-m);
  let cdf = p;
  for (let k = 1; m > 0 && k <= m + 64 && Math.floor(cdf * 2 ** 32) < 2 ** 32; k++) {
    steps.push(Math.floor(cdf * 2 ** 32));
    p *= m / k;
    cdf += p;
  }
  return Float64Array.from(steps);
});

/** Per (m, bucket of u): the draw when the whole bucket maps to one value, else STRADDLES. */
const POISSON_LOOKUP: Uint8Array = (() => {
  const table = new Uint8Array((SMALL_MEAN + 1) << BUCKET_BITS);
  const width = 2 ** (32 - BUCKET_BITS);
  for (let m = 0; m <= SMALL_MEAN; m++) {
    for (let bucket = 0; bucket < 1 << BUCKET_BITS; bucket++) {
      const low = poissonSearch(m, bucket * width);
      const high = poissonSearch(m, (bucket + 1) * width - 1);
      table[(m << BUCKET_BITS) | bucket] = low === high ? low : STRADDLES;
    }
  }
  return table;
})();
