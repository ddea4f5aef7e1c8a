import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reach } from '../../src/curve/reach.js';
import { tieBlocks } from '../../src/curve/tieBlocks.js';
import { topShare } from '../../src/curve/topShare.js';

describe('reach: the smallest top group that bears a share q of costs', () => {
  it.each([
    { values: [10, 5, 5, 0], q: 0, top: 0 },
    { values: [10, 5, 5, 0], q: 0.5, top: 0.25 }, // the 10 is half of 20, one person of four
    { values: [10, 5, 5, 0], q: 0.6, top: 0.35 }, // 12 = 10 + 2 of the 5s' 10: 1 + 0.4·2 = 1.4 persons of 4
    { values: [10, 5, 5, 0], q: 1, top: 0.75 }, // the zero-cost person is not needed
    { values: [1, 1, 1, 1], q: 0.8, top: 0.8 },
  ])('$values for q = $q → $top', ({ values, q, top }) => {
    expect(reach(tieBlocks(values), q)).toBeCloseTo(top, 15);
  });

  it('inverts the curve: C(reach(q)) = q', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 50, size: 'max' }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (values, q) => {
          fc.pre(values.some((v) => v > 0));
          const blocks = tieBlocks(values);
          expect(topShare(blocks, reach(blocks, q))).toBeCloseTo(q, 10);
        },
      ),
    );
  });

  it('ignores kept negative totals at the bottom of the curve', () => {
    // 10, 5, −5: T = 10; 100 % of costs is reached by the 10 alone (a third of the persons)
    expect(reach(tieBlocks([10, 5, -5]), 1)).toBeCloseTo(1 / 3, 15);
  });
});
