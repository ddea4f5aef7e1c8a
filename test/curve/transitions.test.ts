// The decile transition table: hand-computed cases with ties spread over deciles, and invariants.

import { Adder } from 'd3-array';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decileTransitions } from '../../src/curve/transitions.js';
import { tieBlocks, type TieBlocks } from '../../src/curve/tieBlocks.js';

const table = (first: number[], second: number[], weights: number[] | null = null) =>
  decileTransitions({ first: tieBlocks(first, weights), second: tieBlocks(second, weights), weights });

describe('decileTransitions: hand-computed', () => {
  it('ten persons in reversed order: decile d goes to decile 11 − d', () => {
    const first = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    const { weight, count } = table(first, [...first].reverse());
    const expected = Array.from({ length: 10 }, (_, d) => Array.from({ length: 10 }, (_, e) => (e === 9 - d ? 1 : 0)));
    expect(weight).toEqual(expected);
    expect(count).toEqual(expected);
  });

  it('a tie block spread over deciles gives each member its share of each', () => {
    // Five persons, deciles of 0.5 persons. First 4, 3, 2, 1, 0: a fills deciles 1–2, …, e 9–10.
    // Second 0, 0, 0, 0, 10: e fills deciles 1–2; a–d are one block of weight 4 over deciles 3–10,
    // each member ⅛ in each. Decile 1 (half of a) → ½ · ⅛ = 1/16 in each of deciles 3–10.
    const { weight } = table([4, 3, 2, 1, 0], [0, 0, 0, 0, 10]);
    expect(weight[0]).toEqual([0, 0, 1 / 16, 1 / 16, 1 / 16, 1 / 16, 1 / 16, 1 / 16, 1 / 16, 1 / 16]);
    // e's deciles 9 and 10: half of e each, and e is half in second-period decile 1 and half in 2.
    expect(weight[8]).toEqual([0.25, 0.25, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(weight[9]).toEqual([0.25, 0.25, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('with weights, counts stay persons in the file', () => {
    // Two persons with weights 9 and 1 (W = 10, deciles of weight 1). First (totals 2, 1): the heavy
    // person fills deciles 1–9, ⅑ in each; second (totals 1, 2): deciles 2–10. Cell (1, 2) =
    // 9 · ⅑ · ⅑ = ⅑ of weight, but (⅑)² of one person in the file.
    const { weight, count } = table([2, 1], [1, 2], [9, 1]);
    expect(weight[0][1]).toBeCloseTo(1 / 9, 12);
    expect(count[0][1]).toBeCloseTo(1 / 81, 12);
    expect(weight[9][0]).toBeCloseTo(1, 12); // the light person: last, then first
  });
});

describe('decileTransitions: invariants', () => {
  it('every row and column holds a tenth of the weight', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 }), fc.constantFrom(1, 2, 0.5)), { minLength: 1, maxLength: 60, size: 'max' }), (persons) => {
        const weights = persons.map(([, , w]) => w);
        const W = weights.reduce((s, w) => s + w, 0);
        const { weight } = table(persons.map(([a]) => a), persons.map(([, b]) => b), weights);
        for (let d = 0; d < 10; d++) {
          expect(weight[d].reduce((s, x) => s + x, 0)).toBeCloseTo(W / 10, 9);
          expect(weight.reduce((s, row) => s + row[d], 0)).toBeCloseTo(W / 10, 9);
        }
      }),
    );
  });
});

describe('decileTransitions against the definition', () => {
  /** Each band's share of a block, straight from the definition: overlap of the block with the band over its weight. */
  function shares(blocks: TieBlocks, b: number): number[] {
    const lo = blocks.cumWeight[b];
    const hi = blocks.cumWeight[b + 1];
    const W = blocks.totalWeight;
    return Array.from({ length: 10 }, (_, d) => Math.max(0, Math.min(hi, ((d + 1) / 10) * W) - Math.max(lo, (d / 10) * W)) / (hi - lo));
  }

  /** The table person by person, every product added to an exact sum (no shortcut for persons wholly in one cell). */
  function reference(first: number[], second: number[], weights: number[] | null) {
    const b1 = tieBlocks(first, weights);
    const b2 = tieBlocks(second, weights);
    const weight = Array.from({ length: 100 }, () => new Adder());
    const count = Array.from({ length: 100 }, () => new Adder());
    for (let i = 0; i < first.length; i++) {
      const s1 = shares(b1, b1.blockOf[i]);
      const s2 = shares(b2, b2.blockOf[i]);
      for (let d = 0; d < 10; d++) {
        for (let e = 0; e < 10; e++) {
          if (s1[d] > 0 && s2[e] > 0) {
            // w · (m1 · m2), in the order the table multiplies them (a product rounds differently in another)
            const both = s1[d] * s2[e];
            weight[d * 10 + e].add((weights === null ? 1 : weights[i]) * both);
            count[d * 10 + e].add(both);
          }
        }
      }
    }
    const rows = (sums: Adder[]) => Array.from({ length: 10 }, (_, d) => sums.slice(d * 10, d * 10 + 10).map((x) => +x));
    return { weight: rows(weight), count: rows(count) };
  }

  it('gives every cell exactly, weighted or not, ties spread over deciles or not', () => {
    fc.assert(
      // Few distinct totals: tie blocks that span deciles; up to 300 persons: many wholly in one cell.
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), fc.constantFrom(1, 2, 0.5, 3)), { minLength: 1, maxLength: 300 }),
        fc.boolean(),
        (persons, weighted) => {
          const first = persons.map(([a]) => a);
          const second = persons.map(([, b]) => b);
          const weights = weighted ? persons.map(([, , w]) => w) : null;
          expect(table(first, second, weights)).toEqual(reference(first, second, weights));
        },
      ),
      { numRuns: 500 },
    );
  });
});
