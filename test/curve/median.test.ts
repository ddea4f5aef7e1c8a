import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { median as sampleMedian } from 'd3-array';
import { median } from '../../src/curve/median.js';
import { tieBlocks } from '../../src/curve/tieBlocks.js';

describe('median: the value at half of the weight', () => {
  it.each([
    { values: [1, 2, 3, 4], weights: null, median: 2.5 }, // even n: mean of the middle two
    { values: [3, 1, 2], weights: null, median: 2 }, // odd n: the middle one
    { values: [0, 0, 0, 5, 9], weights: null, median: 0 },
    { values: [1, 2], weights: [1, 3], median: 2 }, // expanded sample 1, 2, 2, 2 → 2
    { values: [1, 2], weights: [2, 2], median: 1.5 }, // expanded 1, 1, 2, 2 → 1.5
    { values: [7], weights: null, median: 7 },
  ])('$values weights $weights → $median', ({ values, weights, median: m }) => {
    expect(median(tieBlocks(values, weights))).toBe(m);
  });
});

describe('median against the expanded sample', () => {
  it('is the usual median of each person repeated weight times, for any totals (ties too) and integer weights', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ value: fc.integer({ min: -5, max: 20 }), weight: fc.integer({ min: 1, max: 4 }) }), { minLength: 1, maxLength: 30 }),
        fc.boolean(),
        (persons, weighted) => {
          const values = persons.map((p) => p.value);
          const weights = weighted ? persons.map((p) => p.weight) : null;
          const expanded = weighted ? persons.flatMap((p) => Array.from({ length: p.weight }, () => p.value)) : values;
          expect(median(tieBlocks(values, weights))).toBe(sampleMedian(expanded));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
