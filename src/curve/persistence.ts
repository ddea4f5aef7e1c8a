// Persistence between two periods: of the first period's top group, how much is in the second
// period's top group, and how much has no costs there. Ties count by their inclusion fractions.

import { Adder } from 'd3-array';
import type { TieBlocks } from './tieBlocks.js';
import { inclusionFractions } from './topShare.js';

/** Two periods' tie blocks over the same persons: person i is the same resident in both. */
export interface Periods {
  first: TieBlocks;
  second: TieBlocks;
  /** Person weights (the first period's), or null for weight 1 each. */
  weights: ArrayLike<number> | null;
}

export interface PersistenceFigure {
  top: number;
  /** Weight of the first period's top group: Σ w·f1 (= p·W). */
  persons: number;
  /** Of it, the weight also in the second period's top group: Σ w·f1·f2. */
  stayedPersons: number;
  /** stayedPersons / persons. */
  stayed: number;
  /** Of it, the weight with a total of zero in the second period: Σ w·f1·[x2 = 0]. */
  noCostPersons: number;
  /** noCostPersons / persons. */
  noCost: number;
  /** The same three counted as persons in the file (unweighted), for small-cell suppression. */
  count: { persons: number; stayed: number; noCost: number };
}

/**
 * Persistence of the top p: with f1, f2 each person's inclusion fraction in the first and second
 * period's top group (DESIGN.md: a tie block partly inside gives each member the same fraction),
 * stayed = Σ w·f1·f2 / Σ w·f1. A person with no costs in a period has total 0 there.
 *
 * Sums are exact (d3-array's Adder), so the result does not depend on the order of persons.
 * Cost: O(n).
 *
 * @example
 * // Persons a, b, c, d with totals (first → second) 9 → 0, 5 → 7, 1 → 3, 0 → 1. The top 25 %
 * // (one person) is a, then b: a has no costs later, so stayed = 0 and noCost = 1.
 * persistence({ first: tieBlocks([9, 5, 1, 0]), second: tieBlocks([0, 7, 3, 1]), weights: null }, 0.25)
 * // { persons: 1, stayedPersons: 0, stayed: 0, noCostPersons: 1, noCost: 1, … }
 */
export function persistence({ first, second, weights }: Periods, p: number): PersistenceFigure {
  const f1 = inclusionFractions(first, p);
  const f2 = inclusionFractions(second, p);
  const sums = { persons: new Adder(), stayed: new Adder(), noCost: new Adder() };
  const counts = { persons: new Adder(), stayed: new Adder(), noCost: new Adder() };
  for (let i = 0; i < first.persons; i++) {
    const a = f1[first.blockOf[i]];
    if (a === 0) continue;
    const w = weights === null ? 1 : weights[i];
    const b2 = second.blockOf[i];
    const both = a * f2[b2];
    sums.persons.add(w * a);
    counts.persons.add(a);
    if (both > 0) {
      sums.stayed.add(w * both);
      counts.stayed.add(both);
    }
    if (second.value[b2] === 0) {
      sums.noCost.add(w * a);
      counts.noCost.add(a);
    }
  }
  const persons = +sums.persons;
  return {
    top: p,
    persons,
    stayedPersons: +sums.stayed,
    stayed: +sums.stayed / persons,
    noCostPersons: +sums.noCost,
    noCost: +sums.noCost / persons,
    count: { persons: +counts.persons, stayed: +counts.stayed, noCost: +counts.noCost },
  };
}
