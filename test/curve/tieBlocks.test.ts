// Tie blocks against a reference written here: persons grouped by value with a Map, blocks sorted
// largest first, running sums added up one person at a time. Small integer values and weights
// keep every sum exact in doubles, so the two must agree to the bit. Integer values whose range is
// below 2^53 take the radix sort; fractions and wider ranges take the binary search: both are
// compared. Wide integer ranges are compared with a second reference, whose sums are exact BigInts.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Spare } from '../../src/curve/spare.js';
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

  const integers = fc.array(fc.integer({ min: -50, max: 1000 }), { minLength: 1, maxLength: 300, size: 'max' });
  const weighted = integers.chain((values) => fc.tuple(fc.constant(values), fc.option(fc.array(fc.integer({ min: 1, max: 9 }), { minLength: values.length, maxLength: values.length }))));

  it('integer values (the radix sort) give the reference blocks, weighted or not', () => {
    fc.assert(
      fc.property(weighted, ([values, weights]) => {
        expect(plain(tieBlocks(values, weights))).toEqual(reference(values, weights));
      }),
    );
  });

  it('halves and a range of 2^53 or more (the binary search) give the reference blocks', () => {
    fc.assert(
      fc.property(weighted, fc.constantFrom('halves', 'wide'), ([values, weights], how) => {
        // Halves stay exact in every sum here; 2^54 added to one value (rounded to a multiple of 4,
        // still an integer) makes a range past 2^53 − 1, the most the radix sort takes.
        const shifted = how === 'halves' ? values.map((v) => v + 0.5) : values.map((v, i) => (i === 0 ? v + 2 ** 54 : v));
        const expected = reference(shifted, weights);
        if (how === 'wide') {
          // w · (2^54 + v) summed may not be exact: compare the blocks, not the cost sums.
          const got = plain(tieBlocks(shifted, weights));
          expect({ ...got, cumCost: [] }).toEqual({ ...expected, cumCost: [] });
        } else {
          expect(plain(tieBlocks(shifted, weights))).toEqual(expected);
        }
      }),
    );
  });

  it('sums past 2^53 stay exact (an unweighted plain sum is used only where it cannot round)', () => {
    // 8 persons of 2^51 + 1 and 8 of 2^51 (a range of 1, the radix sort): by hand, 8 · (2^51 + 1) = 2^54 + 8
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

  it('integers near the limit: the largest range the radix sort takes and the first it does not agree', () => {
    // 2^53 − 1 (every bit of both words of the rank set) is sorted by digits; 2^53 is searched.
    for (const range of [2 ** 53 - 1, 2 ** 53]) {
      const values = [0, range, 7, range];
      expect(plain(tieBlocks(values)).blockOf).toEqual([2, 0, 1, 0]);
      expect(plain(tieBlocks(values)).count).toEqual([2, 1, 1]);
    }
  });

  it('ranks across the 2^32 boundary of the words are ordered by both words', () => {
    // Ranks (v − 0) 2^32 + 1, 2^32, 2^32 − 1 (twice), 0: by hand, blocks largest first
    // [2^32 + 1, 2^32, 2^32 − 1, 0], counts [1, 1, 2, 1]; sums by hand.
    const values = [2 ** 32, 2 ** 32 - 1, 0, 2 ** 32 + 1, 2 ** 32 - 1];
    expect(plain(tieBlocks(values))).toEqual({
      length: 4,
      value: [2 ** 32 + 1, 2 ** 32, 2 ** 32 - 1, 0],
      count: [1, 1, 2, 1],
      cumWeight: [0, 1, 2, 4, 5],
      cumCost: [0, 2 ** 32 + 1, 2 ** 33 + 1, 2 ** 34 - 1, 2 ** 34 - 1],
      blockOf: [1, 2, 3, 0, 2],
    });
  });

  it('−0 and 0 are one block, of value 0', () => {
    // By hand: blocks [3, 0], counts [1, 3]; the block's value is its rank (0) plus the least value.
    const blocks = tieBlocks([-0, 0, 3, -0]);
    expect(plain(blocks)).toEqual({ length: 2, value: [3, 0], count: [1, 3], cumWeight: [0, 1, 4], cumCost: [0, 3, 3], blockOf: [1, 1, 0, 1] });
    expect(Object.is(blocks.value[1], 0)).toBe(true);
  });

  // Wide integer ranges, for the radix sort's digits. The reference: distinct values sorted by a
  // comparator, each person's block looked up in a Map, sums exact in BigInt and rounded once
  // (Number(bigint) rounds to nearest, as the exact Adders and exact plain sums must come out).
  function exactReference(values: number[], weights: number[] | null) {
    const value = [...new Set(values.map((v) => v + 0))].sort((a, b) => b - a); // v + 0: −0 as 0
    const blockOfValue = new Map(value.map((v, b) => [v, b]));
    const blockOf = values.map((v) => blockOfValue.get(v)!);
    const count = value.map(() => 0);
    const weight = value.map(() => 0n);
    const cost = value.map(() => 0n);
    values.forEach((v, i) => {
      const w = weights === null ? 1n : BigInt(weights[i]);
      count[blockOf[i]]++;
      weight[blockOf[i]] += w;
      cost[blockOf[i]] += w * BigInt(v);
    });
    const cumWeight = [0];
    const cumCost = [0];
    for (let b = 0, w = 0n, c = 0n; b < value.length; b++) {
      w += weight[b];
      c += cost[b];
      cumWeight.push(Number(w));
      cumCost.push(Number(c));
    }
    const length = value.length;
    return { length, value, count, cumWeight, cumCost, blockOf, totalWeight: cumWeight[length], totalCost: cumCost[length], persons: values.length };
  }

  function everyField(blocks: ReturnType<typeof tieBlocks>) {
    return { ...plain(blocks), totalWeight: blocks.totalWeight, totalCost: blocks.totalCost, persons: blocks.persons };
  }

  /**
   * n integers whose ranks v − min have up to `bits` bits (53: every bit the radix sort takes), from
   * a pool of distinct ranks (many ties when the pool is small), each rank's lowest `zeros` bits 0
   * (digits every person shares: passes skipped), with the pool's least and greatest rank (0 and
   * all ones) when `ends`, and moved down by half the range when `negative`.
   */
  function wideIntegers(persons: fc.Arbitrary<number[]>, mostBits: number) {
    return fc
      .record({
        // Often a width at a boundary: of the words (32), of 11-bit digits, of the limit.
        bits: fc.oneof(fc.integer({ min: 0, max: mostBits }), fc.constantFrom(...[1, 4, 11, 12, 22, 23, 31, 32, 33, 43, 44, 48, 49, 52, 53].filter((b) => b <= mostBits))),
        zeros: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: mostBits })),
        ends: fc.boolean(),
        negative: fc.boolean(),
        pool: fc.array(fc.maxSafeNat(), { minLength: 1, maxLength: 400, size: 'max' }),
        persons,
      })
      .map(({ bits, zeros, ends, negative, pool, persons }) => {
        const free = 2 ** (bits - Math.min(zeros, bits)); // ranks are multiples of 2^zeros below 2^bits
        const ranks = pool.map((x) => (x % free) * (2 ** bits / free));
        if (ends) ranks.push(0, (free - 1) * (2 ** bits / free));
        const shift = negative ? -Math.floor(2 ** bits / 2) : 0;
        return persons.map((p) => ranks[p % ranks.length] + shift);
      });
  }
  // Person counts across the digit widths: narrower digits below 1025 persons, 11 bits from there.
  const manyPersons = fc.array(fc.nat(), { minLength: 1, maxLength: 2500, size: 'max' });
  const digitEdges = fc.constantFrom(1, 2, 16, 17, 1024, 1025, 2048, 2049).chain((n) => fc.array(fc.nat(), { minLength: n, maxLength: n }));

  it('with arrays from spare memory full of other bytes, as from new arrays; and where the spare runs out', () => {
    fc.assert(
      // Wide integers take the high words too; the spare's bytes from 0 (new arrays only) to more than all.
      fc.property(fc.oneof(weighted, wideIntegers(manyPersons, 53).map((v) => [v, null] as [number[], null])), fc.nat(48_000), ([values, weights], bytes) => {
        const memory = new ArrayBuffer(bytes + 8);
        new Uint8Array(memory).fill(0xa5);
        // From an odd offset: every array still starts at a multiple of its element's size.
        const spare = new Spare([{ buffer: memory, byteOffset: 3, byteLength: bytes }]);
        expect(plain(tieBlocks(values, weights, spare))).toEqual(plain(tieBlocks(values, weights)));
      }),
    );
  });

  it('integer ranges up to 2^53 − 1 (low and high words, skipped digits, negatives, ties) give the exact reference', () => {
    fc.assert(
      fc.property(wideIntegers(fc.oneof(manyPersons, digitEdges), 53), (values) => {
        expect(everyField(tieBlocks(values))).toEqual(exactReference(values, null));
      }),
    );
  });

  it('weighted integer ranges give the exact reference', () => {
    // Values below 2^49 and weights up to 9: every product w · v is exact (below 2^53), so the
    // exact sums of the products are the exact sums of the reference.
    const values = wideIntegers(fc.oneof(manyPersons, digitEdges), 49);
    const valuesAndWeights = values.chain((v) => fc.tuple(fc.constant(v), fc.array(fc.integer({ min: 1, max: 9 }), { minLength: v.length, maxLength: v.length })));
    fc.assert(
      fc.property(valuesAndWeights, ([v, w]) => {
        expect(everyField(tieBlocks(v, w))).toEqual(exactReference(v, w));
      }),
    );
  });
});
