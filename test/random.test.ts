import { describe, expect, it } from 'vitest';
import { createLongRandom, createRandom, poissonExact, poissonSmall, SMALL_MEAN } from '../src/random.js';

function draws(seed: number, count: number): number[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => random.next());
}

describe('createRandom', () => {
  it('repeats its stream for the same seed and differs for another', () => {
    expect(draws(42, 1000)).toEqual(draws(42, 1000));
    expect(draws(43, 1000)).not.toEqual(draws(42, 1000));
  });

  it.each([0, 1, 0xffffffff])('stays in [0, 1) and looks uniform for seed %d', (seed) => {
    const values = draws(seed, 100_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    // Mean of 100 000 uniforms: 0.5 with standard error 1/sqrt(12·100 000) ≈ 0.0009; allow 5 SE.
    const mean = values.reduce((sum, x) => sum + x, 0) / values.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.0046);
  });

  it.each([0.5, 4, 12, 50])('draws Poisson counts with mean %d', (mean) => {
    const random = createRandom(7);
    const n = 50_000;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += random.poisson(mean);
    // Standard error of the mean is sqrt(mean / n); allow 5 SE.
    expect(Math.abs(sum / n - mean)).toBeLessThan(5 * Math.sqrt(mean / n));
  });

  it('keeps int() within its inclusive bounds and reaches both ends', () => {
    const random = createRandom(3);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(random.int(1, 6));
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('draws log-normal values around the median', () => {
    const random = createRandom(11);
    const values = Array.from({ length: 20_001 }, () => random.logNormal(5000, 1)).sort((a, b) => a - b);
    // The sample median of 20 001 draws: within ±3 % of 5000 (SE of log-median ≈ 0.009).
    expect(values[10_000] / 5000).toBeGreaterThan(0.97);
    expect(values[10_000] / 5000).toBeLessThan(1.03);
  });
});

// An independent xoshiro128** in BigInt arithmetic, checked against the reference C code's first
// outputs from the state (1, 2, 3, 4): 11520, 0, 5927040, 70819200, 2031721883, 1637235492
// (xoshiro128starstar.c by Blackman and Vigna, compiled with gcc).
function referenceXoshiro(state: bigint[]): () => bigint {
  const M = 0xffffffffn;
  const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (32n - k))) & M;
  const s = [...state];
  return () => {
    const result = (rotl((s[1] * 5n) & M, 7n) * 9n) & M;
    const t = (s[1] << 9n) & M;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11n);
    return result;
  };
}

/** splitmix32 as createLongRandom seeds with it (bryc's "splitmix32", constants from Hash Prospector). */
function referenceSeed(seed: number): bigint[] {
  const M = 0xffffffffn;
  let x = BigInt(seed >>> 0);
  return Array.from({ length: 4 }, () => {
    x = (x + 0x9e3779b9n) & M;
    let t = x ^ (x >> 16n);
    t = (t * 0x21f0aaadn) & M;
    t ^= t >> 15n;
    t = (t * 0x735a2d97n) & M;
    return t ^ (t >> 15n);
  });
}

describe('createLongRandom (xoshiro128**)', () => {
  it('the reference implementation in this test reproduces the C code', () => {
    const next = referenceXoshiro([1n, 2n, 3n, 4n]);
    expect(Array.from({ length: 6 }, () => Number(next()))).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
  });

  it.each([0, 1, 2013, 0xffffffff])('gives the reference stream for seed %d, through next() and fill()', (seed) => {
    const next = referenceXoshiro(referenceSeed(seed));
    const expected = Array.from({ length: 2000 }, () => Number(next()));
    const random = createLongRandom(seed);
    expect(Array.from({ length: 1000 }, () => random.next() * 2 ** 32)).toEqual(expected.slice(0, 1000));
    const rest = new Uint32Array(1000);
    random.fill(rest);
    expect([...rest]).toEqual(expected.slice(1000));
  });

  it('interleaved next() and fill() of any length read one stream', () => {
    const next = referenceXoshiro(referenceSeed(5));
    const random = createLongRandom(5);
    const got: number[] = [];
    for (const size of [1, 10, 0, 3, 64, 1, 200, 5]) {
      got.push(random.next() * 2 ** 32);
      const part = new Uint32Array(size);
      random.fill(part);
      got.push(...part);
    }
    expect(got).toEqual(Array.from({ length: got.length }, () => Number(next())));
  });

  it('mulberry32 fill() continues the stream next() reads', () => {
    const a = createRandom(9);
    const b = createRandom(9);
    const filled = new Uint32Array(10);
    a.fill(filled);
    expect([...filled]).toEqual(Array.from({ length: 10 }, () => b.next() * 2 ** 32));
  });
});

/** Poisson(mean) probabilities for k = 0 … kMax, from log-space: e^(k·ln m − m − ln k!), independently of src/. */
function poissonPmfs(mean: number, kMax: number): number[] {
  const pmf: number[] = [];
  let logFactorial = 0;
  for (let k = 0; k <= kMax; k++) {
    if (k > 1) logFactorial += Math.log(k);
    pmf.push(Math.exp(k * Math.log(mean) - mean - logFactorial));
  }
  return pmf;
}

/**
 * Pearson's χ² of `counts` against Poisson(mean), bins pooled so that each expects ≥ 5, and the
 * 99.9 % point of χ² with the bins' degrees of freedom (Wilson–Hilferty approximation).
 */
function chiSquare(counts: Map<number, number>, mean: number, draws: number): { statistic: number; critical: number } {
  const lo = Math.max(0, Math.floor(mean - 8 * Math.sqrt(mean) - 5));
  const hi = Math.ceil(mean + 8 * Math.sqrt(mean) + 10);
  const pmf = poissonPmfs(mean, hi);
  const bins: { observed: number; expected: number }[] = [];
  let current = { observed: 0, expected: 0 };
  for (let k = 0; k <= hi; k++) {
    current.observed += counts.get(k) ?? 0;
    current.expected += k < lo ? 0 : draws * pmf[k];
    if (k >= lo && current.expected >= 5) {
      bins.push(current);
      current = { observed: 0, expected: 0 };
    }
  }
  // Everything above hi joins the last bin.
  let above = 0;
  for (const [k, n] of counts) if (k > hi) above += n;
  const last = bins[bins.length - 1];
  last.observed += current.observed + above;
  last.expected += current.expected + draws * (1 - bins.reduce((s, b) => s + b.expected, 0) / draws - current.expected / draws);
  const statistic = bins.reduce((s, b) => s + (b.observed - b.expected) ** 2 / b.expected, 0);
  const df = bins.length - 1;
  const critical = df * (1 - 2 / (9 * df) + 3.09 * Math.sqrt(2 / (9 * df))) ** 3;
  return { statistic, critical };
}

describe('exact Poisson draws', () => {
  it.each([0.5, 1, 4, 9.5, 10, 37.5, 1000, 250_000])('poissonExact(%d) fits the Poisson distribution (χ², 99.9 %)', (mean) => {
    const random = createLongRandom(17);
    const draws = 100_000;
    const counts = new Map<number, number>();
    for (let i = 0; i < draws; i++) {
      const k = poissonExact(random, mean);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    const { statistic, critical } = chiSquare(counts, mean, draws);
    expect(statistic).toBeLessThan(critical);
  });

  it.each([1, 2, 3, 7, 16])('poissonSmall(%d, u) fits the Poisson distribution (χ², 99.9 %)', (mean) => {
    const uniforms = new Uint32Array(100_000);
    createLongRandom(23).fill(uniforms);
    const counts = new Map<number, number>();
    for (const u of uniforms) {
      const k = poissonSmall(mean, u);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    const { statistic, critical } = chiSquare(counts, mean, uniforms.length);
    expect(statistic).toBeLessThan(critical);
  });

  it('poissonSmall inverts the distribution function at both ends of every 2^20-wide bucket of u', () => {
    for (let m = 1; m <= SMALL_MEAN; m++) {
      // Steps ⌊F(k)·2^32⌋ from the independent probabilities above.
      let cdf = 0;
      const steps = poissonPmfs(m, m + 64).map((p) => Math.floor((cdf += p) * 2 ** 32));
      const invert = (u: number) => steps.findIndex((step) => u < step);
      for (let bucket = 0; bucket < 4096; bucket++) {
        // u = 2^32 − 1 (probability 2^−32) is left out: both float sums of F end a hair below 1 there.
        for (const u of [bucket * 2 ** 20, Math.min((bucket + 1) * 2 ** 20 - 1, 2 ** 32 - 2)]) expect(poissonSmall(m, u)).toBe(invert(u));
      }
    }
    expect(poissonSmall(0, 2 ** 32 - 1)).toBe(0);
  });
});
