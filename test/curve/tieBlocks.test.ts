// Tie blocks against a reference written here: persons grouped by value with a Map, blocks sorted
// largest first, running sums added up one person at a time. Small integer values and weights
// keep every sum exact in doubles, so the two must agree to the bit. Integer values take the
// packed sort; fractions and ranges too wide to pack take the binary search: both are compared.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tieBlocks } from '../../src/curve/tieBlocks.js';

function reference(values: number[], weights: number[] | null) {
  const groups = new Map<number, { count: number; weight: number; cost: number }>();
  values.forEach((v, i) => {
    const g = groups.get(v) ?? { count: 0, weight: 0, cost: 0 };
    const w = weights === null ? 1 : weights[i];
    g.count++;
    g.weight += w;
    g.cost += w * v;
    groups.set(v, g);
  });
  const value = [...groups.keys()].sort((a, b) => b - a);
  const cumWeight = [0];
  const cumCost = [0];
  for (const v of value) {
    cumWeight.push(cumWeight.at(-1)! + groups.get(v)!.weight);
    cumCost.push(cumCost.at(-1)! + groups.get(v)!.cost);
  }
  return {
    length: value.length,
    value,
    count: value.map((v) => groups.get(v)!.count),
    cumWeight,
    cumCost,
    blockOf: values.map((v) => value.indexOf(v)),
  };
}

function plain(blocks: ReturnType<typeof tieBlocks>) {
  return {
    length: blocks.length,
    value: [...blocks.value],
    count: [...blocks.count],
    cumWeight: [...blocks.cumWeight],
    cumCost: [...blocks.cumCost],
    blockOf: [...blocks.blockOf],
  };
}

describe('tieBlocks', () => {
  it('groups the example of its documentation', () => {
    // value [10, 5, 0], count [1, 2, 1], cumWeight [0, 1, 3, 4], cumCost [0, 10, 20, 20]
    expect(plain(tieBlocks([5, 0, 5, 10]))).toEqual({ length: 3, value: [10, 5, 0], count: [1, 2, 1], cumWeight: [0, 1, 3, 4], cumCost: [0, 10, 20, 20], blockOf: [1, 2, 1, 0] });
  });

  const integers = fc.array(fc.integer({ min: -50, max: 1000 }), { minLength: 1, maxLength: 300 });
  const weighted = integers.chain((values) => fc.tuple(fc.constant(values), fc.option(fc.array(fc.integer({ min: 1, max: 9 }), { minLength: values.length, maxLength: values.length }))));

  it('integer values (the packed sort) give the reference blocks, weighted or not', () => {
    fc.assert(
      fc.property(weighted, ([values, weights]) => {
        expect(plain(tieBlocks(values, weights))).toEqual(reference(values, weights));
      }),
    );
  });

  it('halves and a range too wide to pack (the binary search) give the reference blocks', () => {
    fc.assert(
      fc.property(weighted, fc.constantFrom('halves', 'wide'), ([values, weights], how) => {
        // Halves stay exact in every sum here; 2^52 added to one value leaves no room for the index.
        const shifted = how === 'halves' ? values.map((v) => v + 0.5) : values.map((v, i) => (i === 0 ? v + 2 ** 52 : v));
        const expected = reference(shifted, weights);
        if (how === 'wide') {
          // 2^52 + v is exact, but w · (2^52 + v) summed may not be: compare the blocks, not the cost sums.
          const got = plain(tieBlocks(shifted, weights));
          expect({ ...got, cumCost: [] }).toEqual({ ...expected, cumCost: [] });
        } else {
          expect(plain(tieBlocks(shifted, weights))).toEqual(expected);
        }
      }),
    );
  });

  it('packed sums past 2^53 stay exact (an unweighted plain sum is used only where it cannot round)', () => {
    // 8 persons of 2^51 + 1 and 8 of 2^51 (a range of 2, packed): by hand, 8 · (2^51 + 1) = 2^54 + 8
    // and 2^54 + 8 + 8 · 2^51 = 2^55 + 8, both doubles. Added one by one the sum rounds on the way
    // (at 2^53 + 2^51 + 5, to an even neighbour), and does not end at 2^55 + 8.
    const values = [...Array(8).fill(2 ** 51 + 1), ...Array(8).fill(2 ** 51)];
    let oneByOne = 0;
    for (const v of values) oneByOne += v;
    expect(oneByOne).not.toBe(2 ** 55 + 8);
    const blocks = tieBlocks(values);
    expect([...blocks.cumCost]).toEqual([0, 2 ** 54 + 8, 2 ** 55 + 8]);
    expect([...blocks.cumWeight]).toEqual([0, 8, 16]);
  });

  it('integers packed near the limit: the largest range that fits and the first that does not agree', () => {
    // 4 persons: keys (v − min) · 4 + i; 2^51 − 1 as the range fits below 2^53, 2^51 + 1 does not.
    for (const range of [2 ** 51 - 2, 2 ** 51 + 1]) {
      const values = [0, range, 7, range];
      expect(plain(tieBlocks(values)).blockOf).toEqual([2, 0, 1, 0]);
      expect(plain(tieBlocks(values)).count).toEqual([2, 1, 1]);
    }
  });
});
