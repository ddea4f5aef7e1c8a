// How the top group's cost divides among services: the share of each service's cost that falls in
// the focus group, and each service's share of the focus group's cost.

import { Adder } from 'd3-array';
import type { TieBlocks } from './tieBlocks.js';

/**
 * Per-person per-service amounts, stored sparsely as (person, service, amount) entries: most
 * residents use a few of many services. Person indexes are those of the totals given to `tieBlocks`.
 */
export interface ServiceAmounts {
  names: string[];
  length: number;
  person: Uint32Array;
  service: Uint32Array;
  amount: Float64Array;
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
 * block's inclusion fraction f (so the result does not depend on row order). Sums are exact
 * (`Adder`), so with integer amounts the services add up to the total exactly.
 * Cost: O(entries + S).
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
  const S = services.names.length;
  const total = Array.from({ length: S }, () => new Adder());
  const top = Array.from({ length: S }, () => new Adder());
  const users = new Float64Array(S);
  const topUsers = new Float64Array(S);
  for (let k = 0; k < services.length; k++) {
    const a = services.amount[k];
    if (a === 0) continue;
    const i = services.person[k];
    const s = services.service[k];
    const w = weights === null ? 1 : weights[i];
    const f = fractions[blocks.blockOf[i]];
    total[s].add(w * a);
    if (f > 0) top[s].add(f * w * a);
    users[s]++;
    topUsers[s] += f;
  }
  return services.names.map((name, s) => ({
    name,
    total: +total[s],
    topCost: +top[s],
    users: users[s],
    topUsers: topUsers[s],
  }));
}
