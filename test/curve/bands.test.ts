import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { band, deciles } from '../../src/curve/bands.js';
import { tieBlocks } from '../../src/curve/tieBlocks.js';

describe('band: a slice of the population counted from the top', () => {
  it('the second quarter of 10, 5, 5, 0 is one of the 5s', () => {
    const b = band(tieBlocks([10, 5, 5, 0]), 0.25, 0.5);
    expect(b).toMatchObject({ share: 0.25, persons: 1, count: 1, mean: 5, max: 5, min: 5 });
  });

  it('a band cutting through persons takes their parts: 10, 5, 5, 0 from 0.1 to 0.4', () => {
    // From 0.4 to 1.6 persons: 0.6 of the 10 (6) and 0.6 of the 5-block's weight 2 (3) → 9 of 20
    const b = band(tieBlocks([10, 5, 5, 0]), 0.1, 0.4);
    expect(b.share).toBeCloseTo(9 / 20, 15);
    expect(b.persons).toBeCloseTo(1.2, 15);
    expect(b.max).toBe(10);
    expect(b.min).toBe(5);
    expect(b.maxCount).toBeCloseTo(0.6, 15); // 0.6 of the one person with 10
    expect(b.minCount).toBeCloseTo(0.6, 15); // 0.6 of the 5-block's weight 2 is in the band: 2 persons × 0.6/2 = 0.6
  });

  it('deciles of 1..20: each tenth holds two persons', () => {
    const values = Array.from({ length: 20 }, (_, i) => i + 1); // T = 210
    const d = deciles(tieBlocks(values));
    expect(d).toHaveLength(10);
    expect(d[0]).toMatchObject({ persons: 2, max: 20, min: 19, mean: 19.5 });
    expect(d[0].share).toBeCloseTo(39 / 210, 15);
    expect(d[9]).toMatchObject({ max: 2, min: 1, mean: 1.5 });
    expect(d.reduce((s, b) => s + b.share, 0)).toBeCloseTo(1, 14);
  });
});

/**
 * A band from the definitions (no running sums, no bisection): persons sorted largest first fill
 * the weight axis one after another; persons of equal totals stand together, over the sum of their
 * weights, and each of them is in the band by the part of that span there (so that the order of
 * ties does not matter).
 */
function referenceBand(values: number[], weights: number[] | null, from: number, to: number) {
  const persons = values.map((x, i) => ({ x, w: weights ? weights[i] : 1 }));
  const distinct = [...new Set(values)].sort((a, b) => b - a);
  const W = persons.reduce((s, q) => s + q.w, 0);
  const lo = Number((from * W).toPrecision(15));
  const hi = Number((to * W).toPrecision(15));
  let start = 0;
  let count = 0;
  const parts: { x: number; persons: number }[] = [];
  for (const x of distinct) {
    const tied = persons.filter((q) => q.x === x);
    const w = tied.reduce((s, q) => s + q.w, 0);
    const overlap = Math.min(start + w, hi) - Math.max(start, lo);
    start += w;
    if (overlap <= 0) continue;
    count += (tied.length * overlap) / w;
    parts.push({ x, persons: (tied.length * overlap) / w });
  }
  const edge = (p: { x: number; persons: number } | undefined) => (p === undefined ? { x: NaN, persons: 0 } : p);
  const top = edge(parts[0]);
  const bottom = edge(parts[parts.length - 1]);
  return { count, max: top.x, min: bottom.x, maxCount: top.persons, minCount: bottom.persons };
}

describe('band against a person-by-person count', () => {
  it('persons, edges and their counts agree for any totals (ties too), weights and band', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -3, max: 12 }), { minLength: 1, maxLength: 40 }),
        fc.boolean(),
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 40, maxLength: 40 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 20 }),
        (values, weighted, weightPool, a, b) => {
          const weights = weighted ? weightPool.slice(0, values.length) : null;
          const [from, to] = a <= b ? [a / 20, b / 20] : [b / 20, a / 20];
          const got = band(tieBlocks(values, weights), from, to);
          const want = referenceBand(values, weights, from, to);
          expect(got.count).toBeCloseTo(want.count, 9);
          expect(got.max).toBe(want.max);
          expect(got.min).toBe(want.min);
          expect(got.maxCount).toBeCloseTo(want.maxCount, 9);
          expect(got.minCount).toBeCloseTo(want.minCount, 9);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
