// The (weighted) median person total.

import type { TieBlocks } from './tieBlocks.js';

/**
 * The median total: the value at half of the weight. When half the weight falls exactly between
 * two blocks, the mean of the two values (so unweighted data give the usual median, and integer
 * weights the median of the expanded sample). NaN for an empty population. Cost: O(B).
 *
 * @example
 * median(tieBlocks([1, 2, 3, 4])) // 2.5
 * median(tieBlocks([1, 2, 3]))    // 2
 * median(tieBlocks([1, 2], [1, 3])) // 2
 */
export function median(blocks: TieBlocks): number {
  if (blocks.length === 0) return NaN;
  const half = blocks.totalWeight / 2;
  for (let b = 0; b < blocks.length; b++) {
    const end = blocks.cumWeight[b + 1];
    if (end > half) return blocks.value[b];
    if (end === half && b + 1 < blocks.length) return (blocks.value[b] + blocks.value[b + 1]) / 2;
  }
  return blocks.value[blocks.length - 1];
}
