// Bootstrap intervals: near-nominal coverage on a population with a known curve, reproducible by
// seed, and independent of the order of persons.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bootstrapIntervals, type BootstrapOptions } from '../../src/curve/bootstrap.js';
import { createRandom } from '../../src/random.js';

const OPTIONS: BootstrapOptions = { level: 0.95, replicates: 400, seed: 1, top: [0.1], reach: [0.5] };

describe('coverage on a Pareto population', () => {
  // Pareto with shape α: the top p holds p^(1 − 1/α) of the total, reach(q) = q^(α/(α − 1)), and the
  // Gini is 1/(2α − 1) (e.g. Cowell, Measuring Inequality, 3rd ed., 2011, ch. 4 and A.3).
  const alpha = 4;
  const truth = { top10: 0.1 ** (1 - 1 / alpha), reach50: 0.5 ** (alpha / (alpha - 1)), gini: 1 / (2 * alpha - 1) };

  it('95 % intervals from samples of 1 000 cover the top 10 % share, reach(50 %) and the Gini 90–99 % of the time', () => {
    // 300 samples of 300 replicates: the coverage's standard error at 95 % is 1.3 points, so 90–99 %
    // is a real check (an interval at the wrong level, or too narrow, falls outside).
    const samples = 300;
    const random = createRandom(2024);
    const hits = { top10: 0, reach50: 0, gini: 0 };
    for (let s = 0; s < samples; s++) {
      // Inverse-CDF draws x = (1 − u)^(−1/α), in cents of a 1 000 € minimum.
      const totals = Float64Array.from({ length: 1000 }, () => Math.round(100_000 * (1 - random.next()) ** (-1 / alpha)));
      const ci = bootstrapIntervals(totals, null, { ...OPTIONS, replicates: 300, seed: s });
      const covers = (interval: [number, number] | null, x: number) => interval !== null && interval[0] <= x && x <= interval[1];
      if (covers(ci.shares[0], truth.top10)) hits.top10++;
      if (covers(ci.reach[0], truth.reach50)) hits.reach50++;
      if (covers(ci.gini, truth.gini)) hits.gini++;
    }
    for (const [figure, count] of Object.entries(hits)) {
      expect({ figure, coverage: count / samples }).toEqual({ figure, coverage: expect.toSatisfy((c: number) => c >= 0.9 && c <= 0.99) });
    }
  });
});

describe('reproducibility', () => {
  const totals = Float64Array.from({ length: 300 }, (_, i) => ((i * 7919) % 1000) * (i % 3));

  it('the same seed gives the same intervals; another seed others', () => {
    const a = bootstrapIntervals(totals, null, OPTIONS);
    expect(bootstrapIntervals(totals, null, OPTIONS)).toEqual(a);
    expect(bootstrapIntervals(totals, null, { ...OPTIONS, seed: 2 })).not.toEqual(a);
  });

  it('the intervals of one cut do not depend on which other cuts are asked for', () => {
    const one = bootstrapIntervals(totals, null, OPTIONS);
    const more = bootstrapIntervals(totals, null, { ...OPTIONS, top: [0.01, 0.1, 0.5] });
    expect(more.shares[1]).toEqual(one.shares[0]);
    expect(more.gini).toEqual(one.gini);
  });

  it('the order of persons never changes the intervals, weighted or not', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.constantFrom(1, 1.5, 2, 7.25)), { minLength: 2, maxLength: 80 })
          .chain((persons) => fc.tuple(fc.constant(persons), fc.shuffledSubarray(persons, { minLength: persons.length, maxLength: persons.length }))),
        fc.boolean(),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        ([persons, shuffled], weighted, seed) => {
          fc.pre(persons.some(([x]) => x > 0));
          const run = (list: [number, number][]) =>
            bootstrapIntervals(
              list.map(([x]) => x),
              weighted ? list.map(([, w]) => w) : null,
              { ...OPTIONS, replicates: 50, seed, top: [0.1, 0.5] },
            );
          expect(run(shuffled)).toEqual(run(persons));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('what the intervals say', () => {
  it('equal totals: every replicate has the same curve, so the intervals are points', () => {
    // Everyone costs 5: the top 10 % always holds 10 %, reach(50 %) is 50 %, the Gini 0.
    const ci = bootstrapIntervals(new Array(200).fill(5), null, OPTIONS);
    expect(ci.shares[0]![0]).toBeCloseTo(0.1, 12);
    expect(ci.shares[0]![1]).toBeCloseTo(0.1, 12);
    expect(ci.reach[0]![0]).toBeCloseTo(0.5, 12);
    expect(ci.reach[0]![1]).toBeCloseTo(0.5, 12);
    expect(ci.gini![0]).toBeCloseTo(0, 12);
    expect(ci.gini![1]).toBeCloseTo(0, 12);
    expect(ci.valid).toBe(400);
  });

  it('equal weights give the unweighted intervals: only relative weights matter', () => {
    const totals = Array.from({ length: 500 }, (_, i) => (i * i) % 997);
    const plain = bootstrapIntervals(totals, null, OPTIONS);
    const weighted = bootstrapIntervals(totals, new Array(500).fill(3.5), OPTIONS);
    expect(weighted.shares[0]![0]).toBeCloseTo(plain.shares[0]![0], 12);
    expect(weighted.shares[0]![1]).toBeCloseTo(plain.shares[0]![1], 12);
    expect(weighted.gini![1]).toBeCloseTo(plain.gini![1], 12);
  });

  it('resamples persons with their weights: a heavy person counts as one draw, not many', () => {
    // 1 costly person of weight 99 among 99 of weight 1 (W = 198, as 198 unweighted persons with
    // 99 tied at the top): the weighted top 10 % share varies with that one person's count, so
    // the interval is far wider than for the expanded sample, where 99 draws average out.
    const weighted = bootstrapIntervals([100, ...new Array(99).fill(1)], [99, ...new Array(99).fill(1)], OPTIONS);
    const expanded = bootstrapIntervals([...new Array(99).fill(100), ...new Array(99).fill(1)], null, OPTIONS);
    const width = (i: [number, number] | null) => i![1] - i![0];
    expect(width(weighted.gini)).toBeGreaterThan(3 * width(expanded.gini));
  });

  it('leaves out replicates without costs', () => {
    // One person holds every cost; a replicate without them (Poisson count 0: e^−1 ≈ 36.8 % of
    // replicates) has no curve. Of 4 000, about 2 528 remain (standard deviation ≈ 30).
    const ci = bootstrapIntervals([100, 0, 0, 0], null, { ...OPTIONS, replicates: 4000 });
    expect(ci.valid).toBeGreaterThan(2528 - 150);
    expect(ci.valid).toBeLessThan(2528 + 150);
  });
});
