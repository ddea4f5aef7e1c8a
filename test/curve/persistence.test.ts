// Persistence of the top groups between two periods: hand-computed cases (ties at the boundary,
// persons with no costs in one period) and an independent person-by-person implementation.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { persistence } from '../../src/curve/persistence.js';
import { tieBlocks } from '../../src/curve/tieBlocks.js';

const periods = (first: number[], second: number[]) => ({ first: tieBlocks(first), second: tieBlocks(second), weights: null });

describe('persistence: hand-computed', () => {
  it.each([
    // 9 → 0, 5 → 7, 1 → 3, 0 → 1. Top 25 % (1 person): a, then b: nobody stayed, a has no costs.
    { first: [9, 5, 1, 0], second: [0, 7, 3, 1], p: 0.25, persons: 1, stayed: 0, noCost: 1 },
    // Top 50 % (2 persons): {a, b}, then {b, c}: b stayed (1 of 2); a has no costs (1 of 2).
    { first: [9, 5, 1, 0], second: [0, 7, 3, 1], p: 0.5, persons: 2, stayed: 0.5, noCost: 0.5 },
    // Ties at the boundary: 10, 5, 5, 0 → 5, 10, 0, 5. Top 50 %: first a + half of each 5 (b, c);
    // second b + half of each 5 (a, d). Σ f1·f2 = a 1·½ + b ½·1 = 1 of Σ f1 = 2; c (½) has no costs.
    { first: [10, 5, 5, 0], second: [5, 10, 0, 5], p: 0.5, persons: 2, stayed: 0.5, noCost: 0.25 },
    // Top 37.5 % (1.5 persons): first a + ¼ of b and c; second b + ¼ of a and d.
    // Σ f1·f2 = a 1·¼ + b ¼·1 = ½ of 1.5; c's ¼ has no costs: ¼ / 1.5.
    { first: [10, 5, 5, 0], second: [5, 10, 0, 5], p: 0.375, persons: 1.5, stayed: 1 / 3, noCost: 1 / 6 },
    // Everyone the same in both periods: the top 30 % is 30 % of each person; Σ f1·f2 = 10 · 0.09.
    { first: new Array(10).fill(7), second: new Array(10).fill(3), p: 0.3, persons: 3, stayed: 0.3, noCost: 0 },
    // The same order in both periods: everyone stays.
    { first: [1, 2, 3, 4, 5], second: [10, 20, 30, 40, 50], p: 0.4, persons: 2, stayed: 1, noCost: 0 },
  ])('$first → $second, top $p', ({ first, second, p, persons, stayed, noCost }) => {
    const figure = persistence(periods(first, second), p);
    expect(figure.persons).toBeCloseTo(persons, 12);
    expect(figure.stayed).toBeCloseTo(stayed, 12);
    expect(figure.noCost).toBeCloseTo(noCost, 12);
    expect(figure.stayedPersons).toBeCloseTo(stayed * persons, 12);
    expect(figure.noCostPersons).toBeCloseTo(noCost * persons, 12);
  });

  it('weights: a person of weight 3 fills the top 50 % of W = 6 alone', () => {
    // Weights 3, 1, 1, 1; totals 10, 1, 1, 1 then 0, 5, 1, 1: the top half is a alone, then b and
    // ⅔ of the block {c, d} (weight 2, value 1: 2 of its weight needed → fraction 1).
    // Second: b (1) + block {c, d} (2) → 3 of W = 6: a is out → stayed 0, a has no costs.
    const figure = persistence({ first: tieBlocks([10, 1, 1, 1], [3, 1, 1, 1]), second: tieBlocks([0, 5, 1, 1], [3, 1, 1, 1]), weights: [3, 1, 1, 1] }, 0.5);
    expect(figure).toMatchObject({ persons: 3, stayed: 0, noCostPersons: 3, noCost: 1, count: { persons: 1, stayed: 0, noCost: 1 } });
  });
});

/** Inclusion fractions person by person: sort, find each tie's span, clamp (P − before)/size. */
function referenceFractions(values: number[], p: number): number[] {
  const P = p * values.length;
  return values.map((x) => {
    const before = values.filter((y) => y > x).length;
    const tied = values.filter((y) => y === x).length;
    return Math.min(1, Math.max(0, (P - before) / tied));
  });
}

describe('persistence: against a person-by-person implementation', () => {
  it('stayed = Σ f1·f2 / Σ f1 and noCost = Σ f1·[x2 = 0] / Σ f1, in any order of persons', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 })), { minLength: 1, maxLength: 40 })
          .chain((persons) => fc.tuple(fc.constant(persons), fc.shuffledSubarray(persons, { minLength: persons.length, maxLength: persons.length }))),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        ([persons, shuffled], p) => {
          const first = persons.map(([a]) => a);
          const second = persons.map(([, b]) => b);
          const f1 = referenceFractions(first, p);
          const f2 = referenceFractions(second, p);
          const inTop = f1.reduce((s, f) => s + f, 0);
          const figure = persistence(periods(first, second), p);
          expect(figure.stayed).toBeCloseTo(f1.reduce((s, f, i) => s + f * f2[i], 0) / inTop, 10);
          expect(figure.noCost).toBeCloseTo(f1.reduce((s, f, i) => s + (second[i] === 0 ? f : 0), 0) / inTop, 10);
          expect(figure.stayed).toBeGreaterThanOrEqual(0);
          expect(figure.stayed).toBeLessThanOrEqual(1 + 1e-12);
          // Exact sums: the same persons in another order give the same bits.
          expect(persistence(periods(shuffled.map(([a]) => a), shuffled.map(([, b]) => b)), p)).toEqual(figure);
        },
      ),
    );
  });
});
