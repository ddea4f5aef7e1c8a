import { describe, expect, it } from 'vitest';
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
