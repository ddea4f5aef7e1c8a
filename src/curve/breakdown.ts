// How the top group's cost divides among services: the share of each service's cost that falls in
// the focus group, and each service's share of the focus group's cost.

import { Adder } from 'd3-array';
import type { TieBlocks } from './tieBlocks.js';

/**
 * Per-person per-service amounts, sparse: most residents use a few of many services. Read by
 * `each`, which visits every (person, service) pair once, in no set order, so that a table can
 * hand over what it holds without a copy. Person indexes are those of the totals given to
 * `tieBlocks`.
 */
export interface ServiceAmounts {
  names: string[];
  each(visit: (person: number, service: number, amount: number) => void): void;
  /** Per person, 1 when its amounts count as zero (a negative net total clipped); absent for none. */
  asZero?: Uint8Array | null;
}

/** ServiceAmounts over arrays: entry k is (person[k], service[k], amount[k]), k < length. */
export function serviceAmountsOf(names: string[], length: number, person: ArrayLike<number>, service: ArrayLike<number>, amount: ArrayLike<number>): ServiceAmounts {
  return {
    names,
    each(visit) {
      for (let k = 0; k < length; k++) visit(person[k], service[k], amount[k]);
    },
  };
}

export interface ServiceFigures {
  name: string;
  /** Σ w·a over all persons. */
  total: number;
  /** Σ w·f·a: the cost of this service inside the focus group. */
  topCost: number;
  /** Persons in the file with a non-zero amount. */
  users: number;
  /** Σ f over those users: persons in the file inside the focus group who used the service. */
  topUsers: number;
}

/**
 * Service totals overall and inside a top group, each member of a tie block counted with its
 * block's inclusion fraction f (so the result does not depend on row order). Sums are exact, so
 * with integer amounts the services add up to the total exactly: plain sums where they cannot
 * round (unweighted integer amounts whose absolute sum stays below 2^53; the boundary block's
 * fraction applied once, to its exact sum), else d3-array's `Adder` over every w·f·a.
 * Cost: O(entries + S), one pass over the amounts (two when plain sums will not do).
 *
 * @param fractions inclusion fraction per block (`inclusionFractions(blocks, focus)`)
 * @example
 * // persons: #0 total 10 (a: 10), #1 total 5 (a: 1, b: 4), #2 total 0; the top third is #0,
 * // so a: total 11, topCost 10, users 2, topUsers 1; b: total 4, topCost 0, users 1, topUsers 0
 */
export function serviceBreakdown(
  blocks: TieBlocks,
  weights: ArrayLike<number> | null,
  fractions: Float64Array,
  services: ServiceAmounts,
): ServiceFigures[] {
  return (weights === null ? plainBreakdown(blocks, fractions, services) : null) ?? exactBreakdown(blocks, weights, fractions, services);
}

/**
 * `serviceBreakdown` by plain sums, unweighted: null unless every amount is an integer, their
 * absolute sum is at most 2^53 − 1 (every partial sum is then exact) and the fractions are as
 * `inclusionFractions` makes them (1, then at most one between 0 and 1, then 0).
 */
function plainBreakdown(blocks: TieBlocks, fractions: Float64Array, services: ServiceAmounts): ServiceFigures[] | null {
  const S = services.names.length;
  const asZero = services.asZero ?? null;
  const { blockOf } = blocks;
  const total = new Float64Array(S);
  const users = new Float64Array(S);
  // Inside wholly (f = 1), and in the boundary block (0 < f < 1, one f for all).
  const inside = new Float64Array(S);
  const insideUsers = new Float64Array(S);
  const edge = new Float64Array(S);
  const edgeUsers = new Float64Array(S);
  // The fractions as inclusionFractions makes them: blocks before `first` wholly inside, block
  // `first` by `edgeFraction`, the rest out (so a person's block alone tells its fraction).
  let first = 0;
  while (first < fractions.length && fractions[first] === 1) first++;
  const edgeFraction = first < fractions.length ? fractions[first] : 0;
  for (let b = first + 1; b < fractions.length; b++) if (fractions[b] !== 0) return null;
  // The absolute sum in an array, not a variable the visit closes over: a double stored there
  // would be a new heap number at every pair (1.1 M pairs: 18 MB for the collector).
  const absolute = new Float64Array(1);
  let plain = true;
  services.each((i, s, a) => {
    if (a === 0 || (asZero !== null && asZero[i] === 1)) return;
    if (!Number.isInteger(a)) plain = false;
    absolute[0] += Math.abs(a);
    total[s] += a;
    users[s]++;
    const b = blockOf[i];
    if (b < first) {
      inside[s] += a;
      insideUsers[s]++;
    } else if (b === first && edgeFraction > 0) {
      edge[s] += a;
      edgeUsers[s]++;
    }
  });
  if (!plain || !(absolute[0] <= Number.MAX_SAFE_INTEGER)) return null;
  return services.names.map((name, s) => ({
    name,
    total: total[s],
    topCost: edgeUsers[s] > 0 ? inside[s] + edgeFraction * edge[s] : inside[s],
    users: users[s],
    topUsers: edgeUsers[s] > 0 ? insideUsers[s] + edgeFraction * edgeUsers[s] : insideUsers[s],
  }));
}

/** `serviceBreakdown` by exact sums (`Adder`) of every w·a and w·f·a. */
function exactBreakdown(blocks: TieBlocks, weights: ArrayLike<number> | null, fractions: Float64Array, services: ServiceAmounts): ServiceFigures[] {
  const S = services.names.length;
  const asZero = services.asZero ?? null;
  const total = Array.from({ length: S }, () => new Adder());
  const top = Array.from({ length: S }, () => new Adder());
  const users = new Float64Array(S);
  // Users inside wholly (f = 1), and by fraction: counts, so that their sum does not depend on
  // the order the pairs are visited in.
  const insideUsers = new Float64Array(S);
  const partUsers = Array.from({ length: S }, () => new Adder());
  services.each((i, s, a) => {
    if (a === 0 || (asZero !== null && asZero[i] === 1)) return;
    const w = weights === null ? 1 : weights[i];
    const f = fractions[blocks.blockOf[i]];
    total[s].add(w * a);
    if (f > 0) top[s].add(f * w * a);
    users[s]++;
    if (f === 1) insideUsers[s]++;
    else if (f > 0) partUsers[s].add(f);
  });
  return services.names.map((name, s) => ({
    name,
    total: +total[s],
    topCost: +top[s],
    users: users[s],
    topUsers: insideUsers[s] + +partUsers[s],
  }));
}
