// The (weighted) median person total.

import { bisectLeft } from 'd3-array';
import type { TieBlocks } from './tieBlocks.js';

/**
 * The median total: the value at half of the weight. When half the weight falls exactly between
 * two blocks, the mean of the two values (so unweighted data give the usual median, and integer
 * weights the median of the expanded sample). NaN for an empty population. Cost: O(log B), a
 * bisection of the running weights (a pass over the blocks to the middle: some 2 ms at 300 k persons).
 *
 * @example
 * median(tieBlocks([1, 2, 3, 4])) // 2.5
 * median(tieBlocks([1, 2, 3]))    // 2
 * median(tieBlocks([1, 2], [1, 3])) // 2
 */
export function median(blocks: TieBlocks): number {
  if (blocks.length === 0) return NaN;
  const half = blocks.totalWeight / 2;
  // The first block that ends at half or after it.
  const b = Math.min(bisectLeft(blocks.cumWeight, half, 1) - 1, blocks.length - 1);
  if (blocks.cumWeight[b + 1] === half && b + 1 < blocks.length) return (blocks.value[b] + blocks.value[b + 1]) / 2;
  return blocks.value[b];
}
