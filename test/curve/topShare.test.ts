import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tieBlocks } from '../../src/curve/tieBlocks.js';
import { inclusionFractions, threshold, topCount, topShare } from '../../src/curve/topShare.js';
import { referenceTopShare } from './reference.js';

describe('topShare: C(p), the share of costs borne by the costliest p', () => {
  it.each([
    // totals 10, 5, 5, 0 → T = 20, W = 4
    { values: [10, 5, 5, 0], p: 0, share: 0 },
    { values: [10, 5, 5, 0], p: 0.25, share: 0.5 }, // the 10: 10/20
    { values: [10, 5, 5, 0], p: 0.375, share: 0.625 }, // the 10 and half of a 5: 12.5/20
    { values: [10, 5, 5, 0], p: 0.5, share: 0.75 }, // 10 + 5 = 15/20
    { values: [10, 5, 5, 0], p: 0.75, share: 1 }, // 10 + 5 + 5
    { values: [10, 5, 5, 0], p: 1, share: 1 },
    // one person: the curve is the diagonal, C(p) = p
    { values: [42], p: 0.3, share: 0.3 },
    // all equal: C(p) = p
    { values: [7, 7, 7, 7, 7], p: 0.1, share: 0.1 },
    // ties at the boundary: top 50 % of 4 persons is 2 persons = the 9 and one of the three 3s: (9 + 3)/18
    { values: [3, 9, 3, 3], p: 0.5, share: 12 / 18 },
    // fractional persons: top 10 % of 4 persons = 0.4 of the 9: 3.6/18
    { values: [3, 9, 3, 3], p: 0.1, share: 3.6 / 18 },
  ])('$values at p = $p → $share', ({ values, p, share }) => {
    expect(topShare(tieBlocks(values), p)).toBeCloseTo(share, 15);
  });

  it('weights: x = 10, 0 with weights 2, 3 → the top 20 % (weight 1 of 5) holds half of the 10s: 10/20', () => {
    expect(topShare(tieBlocks([10, 0], [2, 3]), 0.2)).toBeCloseTo(0.5, 15);
  });

  it('is NaN for a zero total (the pipeline stops before that with a data error)', () => {
    expect(topShare(tieBlocks([0, 0]), 0.5)).toBeNaN();
  });

  it('agrees with a person-by-person reference on random data', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 60, size: 'max' }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, p) => {
          fc.pre(values.some((v) => v > 0));
          expect(topShare(tieBlocks(values), p)).toBeCloseTo(referenceTopShare(values, null, p), 12);
        },
      ),
    );
  });

  it('is non-decreasing in p, with C(1) = 1, for non-negative totals', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 80, size: 'max' }), (values) => {
        fc.pre(values.some((v) => v > 0));
        const blocks = tieBlocks(values);
        let last = 0;
        for (let i = 0; i <= 200; i++) {
          const s = topShare(blocks, i / 200);
          expect(s).toBeGreaterThanOrEqual(last);
          last = s;
        }
        expect(topShare(blocks, 1)).toBe(1);
      }),
    );
  });

  it('does not depend on the order of persons, to the last bit', () => {
    const person = fc.tuple(fc.integer({ min: 0, max: 50 }), fc.double({ min: 0.1, max: 3, noNaN: true }));
    fc.assert(
      fc.property(
        fc.array(person, { minLength: 2, maxLength: 40, size: 'max' }).chain((pairs) =>
          fc.tuple(fc.constant(pairs), fc.shuffledSubarray(pairs, { minLength: pairs.length, maxLength: pairs.length })),
        ),
        ([pairs, shuffled]) => {
          fc.pre(pairs.some((q) => q[0] > 0));
          const a = tieBlocks(pairs.map((q) => q[0]), pairs.map((q) => q[1]));
          const b = tieBlocks(shuffled.map((q) => q[0]), shuffled.map((q) => q[1]));
          for (const p of [0.01, 0.1, 0.33, 0.5, 0.9]) expect(topShare(a, p)).toBe(topShare(b, p));
        },
      ),
    );
  });
});

describe('threshold: the smallest total with a non-zero inclusion fraction', () => {
  it.each([
    { values: [10, 5, 5, 0], p: 0.25, threshold: 10 }, // boundary exactly after the 10
    { values: [10, 5, 5, 0], p: 0.3, threshold: 5 }, // a little of the 5s is inside
    { values: [10, 5, 5, 0], p: 1, threshold: 0 },
    { values: [10, 5, 5, 0], p: 0, threshold: null },
  ])('$values at p = $p → $threshold', ({ values, p, threshold: t }) => {
    expect(threshold(tieBlocks(values), p)).toBe(t);
  });
});

describe('inclusion fractions and persons in the top group', () => {
  it('gives every member of the boundary tie block the same fraction', () => {
    // 10 | 5, 5 | 0; top 50 % = 2 persons: the 10 and one of the two 5s → the 5-block is half inside
    const blocks = tieBlocks([5, 0, 10, 5]);
    expect([...inclusionFractions(blocks, 0.5)]).toEqual([1, 0.5, 0]);
    expect(topCount(blocks, 0.5)).toBe(2);
    expect(topCount(blocks, 0.1)).toBeCloseTo(0.4, 15); // 0.4 of the 10
  });
});
