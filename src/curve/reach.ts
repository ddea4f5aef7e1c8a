// Reach: how small a top group carries a given share of all costs.

import { bisectLeft } from 'd3-array';
import { blockWeight, firstBlockBelow, type TieBlocks } from './tieBlocks.js';

/**
 * Reach(q): the smallest p with topShare(p) ≥ q, interpolated linearly within the block where the
 * curve crosses q ("what share of residents makes up 80 % of costs").
 *
 * Conventions: reach(0) = 0; NaN when T ≤ 0. Only the rising part of the curve is searched
 * (blocks with non-negative totals), so kept negative totals at the bottom do not matter.
 * Cost: O(log B).
 *
 * @example
 * // totals 10, 5, 5, 0 (T = 20): half of the cost is the 10, a quarter of the persons
 * reach(tieBlocks([10, 5, 5, 0]), 0.5)  // 0.25
 * // 60 % = 12: the 10 plus 2 of the block of two 5s (weight 2, cost 10): 1 + 2 × 2/10 = 1.4 persons of 4
 * reach(tieBlocks([10, 5, 5, 0]), 0.6)  // 0.35
 */
export function reach(blocks: TieBlocks, q: number): number {
  const T = blocks.totalCost;
  if (!(T > 0)) return NaN;
  if (q <= 0) return 0;
  // Blocks with value ≥ 0 come first (values descend): a binary search keeps this O(log B) for the
  // bootstrap, which calls reach once per replicate.
  const rising = firstBlockBelow(blocks, 0);
  const Q = q * T;
  // First index k with cumCost[k] ≥ Q, among the rising prefix.
  const k = bisectLeft(blocks.cumCost, Q, 0, rising + 1);
  if (k === 0) return 0;
  if (k > rising) return 1;
  const b = k - 1;
  const cost = blocks.cumCost[b + 1] - blocks.cumCost[b];
  const fraction = cost > 0 ? (Q - blocks.cumCost[b]) / cost : 1;
  return (blocks.cumWeight[b] + fraction * blockWeight(blocks, b)) / blocks.totalWeight;
}
