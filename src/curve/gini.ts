// The Gini coefficient from the Lorenz curve.

import { Adder } from 'd3-array';
import { blockWeight, type TieBlocks } from './tieBlocks.js';

/**
 * Gini = 1 − Σ (P_k − P_{k−1})(L_k + L_{k−1}) over the ascending Lorenz points (P: cumulative
 * weight share, L: cumulative cost share). This is the plain ("population") Gini: for integer
 * weights it equals the Gini of the expanded sample; it reaches at most (n − 1)/n for n persons.
 * Ties do not matter (a tie block is a straight segment). NaN when T = 0. With kept negative totals
 * it can exceed 1. Cost: O(B).
 *
 * @example
 * gini(tieBlocks([1, 1, 1, 1])) // 0
 * gini(tieBlocks([0, 0, 0, 1])) // 0.75: 1 − (0.25·0 + 0.25·0 + 0.25·0 + 0.25·1)
 * gini(tieBlocks([10, 0], [2, 3])) // 0.6: 1 − (0.6·0 + 0.4·(0 + 1))
 */
export function gini(blocks: TieBlocks): number {
  const W = blocks.totalWeight;
  const T = blocks.totalCost;
  if (T === 0) return NaN;
  const area = new Adder();
  // Ascending: from the last block (smallest total) to the first.
  for (let b = blocks.length - 1; b >= 0; b--) {
    const lower = (T - blocks.cumCost[b + 1]) / T;
    const upper = (T - blocks.cumCost[b]) / T;
    area.add((blockWeight(blocks, b) / W) * (lower + upper));
  }
  return 1 - +area;
}

/** Gini · n/(n − 1), the small-sample correction (unweighted data only); NaN for n < 2. */
export function giniCorrected(plain: number, persons: number): number {
  return persons < 2 ? NaN : (plain * persons) / (persons - 1);
}

/**
 * The same plain Gini as `gini`, from the identity 1 − Σ (w_b/W)(L_b + L_{b+1}) =
 * Σ w_b (cumCost[b] + cumCost[b + 1]) / (W·T) − 1, summed in plain floating point instead of
 * exactly: for the bootstrap's replicates, where an exact sum per block would cost most of the
 * time, and 15 significant digits are far more than an interval needs. Cost: O(B).
 */
export function giniFast(blocks: TieBlocks): number {
  const W = blocks.totalWeight;
  const T = blocks.totalCost;
  if (T === 0) return NaN;
  const { cumWeight, cumCost } = blocks;
  let sum = 0;
  for (let b = 0; b < blocks.length; b++) sum += (cumWeight[b + 1] - cumWeight[b]) * (cumCost[b] + cumCost[b + 1]);
  return sum / (W * T) - 1;
}
