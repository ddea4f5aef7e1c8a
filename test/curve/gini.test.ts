import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gini, giniCorrected, giniFast } from '../../src/curve/gini.js';
import { tieBlocks } from '../../src/curve/tieBlocks.js';
import { expand, referenceGini } from './reference.js';

describe('gini: the plain Gini from the Lorenz curve', () => {
  it('reproduces R ineq: Gini(c(541, 1463, 2445, 3438, 4437, 5401, 6392, 8304, 11904, 22261)) = 0.4620911', () => {
    expect(gini(tieBlocks([541, 1463, 2445, 3438, 4437, 5401, 6392, 8304, 11904, 22261]))).toBeCloseTo(0.4620911, 7);
  });

  it('reproduces Inequality.jl: gini([8, 5, 1, 3, 5, 6, 7, 6, 3]) = 0.237373737373737', () => {
    expect(gini(tieBlocks([8, 5, 1, 3, 5, 6, 7, 6, 3]))).toBeCloseTo(0.237373737373737, 14);
  });

  it.each([
    { values: [1, 1, 1, 1], weights: null, g: 0 }, // perfect equality
    { values: [0, 0, 0, 1], weights: null, g: 0.75 }, // 1 − 0.25·(0 + 1): all in one of four, (n − 1)/n
    { values: [10, 0], weights: [2, 3], g: 0.6 }, // 1 − (0.6·(0 + 0) + 0.4·(0 + 1))
    { values: [42], weights: null, g: 0 },
  ])('$values weights $weights → $g', ({ values, weights, g }) => {
    expect(gini(tieBlocks(values, weights))).toBeCloseTo(g, 15);
  });

  it('giniCorrected = G·n/(n − 1): [0, 0, 0, 1] → 0.75·4/3 = 1', () => {
    expect(giniCorrected(0.75, 4)).toBeCloseTo(1, 15);
    expect(giniCorrected(0, 1)).toBeNaN();
  });

  it('equals the mean-absolute-difference Gini, and lies in [0, 1), on random data', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 50, size: 'max' }), (values) => {
        fc.pre(values.some((v) => v > 0));
        const g = gini(tieBlocks(values));
        expect(g).toBeCloseTo(referenceGini(values), 12);
        expect(g).toBeGreaterThanOrEqual(-1e-15);
        expect(g).toBeLessThan(1);
      }),
    );
  });

  it('with integer weights equals the Gini of the expanded sample', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 6 })), { minLength: 1, maxLength: 30, size: 'max' }),
        (persons) => {
          const values = persons.map((q) => q[0]);
          const weights = persons.map((q) => q[1]);
          fc.pre(values.some((v) => v > 0));
          expect(gini(tieBlocks(values, weights))).toBeCloseTo(gini(tieBlocks(expand(values, weights))), 12);
        },
      ),
    );
  });
});

describe('giniFast: the same Gini in plain floating point, for bootstrap replicates', () => {
  it('agrees with the mean-absolute-difference Gini, weighted or not', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 10_000 }), fc.double({ min: 0.1, max: 50, noNaN: true })), { minLength: 1, maxLength: 60, size: 'max' }),
        fc.boolean(),
        (persons, weighted) => {
          const values = persons.map(([x]) => x);
          const weights = weighted ? persons.map(([, w]) => w) : null;
          fc.pre(values.some((x) => x > 0));
          expect(giniFast(tieBlocks(values, weights))).toBeCloseTo(referenceGini(values, weights), 12);
        },
      ),
    );
  });

  it('is NaN for a zero total, like gini', () => {
    expect(giniFast(tieBlocks([0, 0]))).toBeNaN();
  });
});
