import { describe, expect, it } from 'vitest';
import { createRandom } from '../src/random.js';

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
