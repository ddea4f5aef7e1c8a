// The concentration curve C(p) and the top group it defines.

import { bisectRight } from 'd3-array';
import { blockWeight, weightAt, type TieBlocks } from './tieBlocks.js';

/**
 * Where the top group of share p ends: the block that holds the boundary and how much of it is inside.
 * Blocks before `block` are wholly inside; `fraction` of `block` is inside; blocks after are out.
 */
export interface Boundary {
  block: number;
  fraction: number;
}

/**
 * The boundary of the top p of the weight (0 ≤ p ≤ 1), with the boundary block split linearly.
 * p ≥ 1 gives `{ block: length, fraction: 0 }` (everyone inside).
 */
export function boundary(blocks: TieBlocks, p: number): Boundary {
  const P = weightAt(blocks, p);
  if (p >= 1 || P >= blocks.totalWeight) return { block: blocks.length, fraction: 0 };
  if (P <= 0) return { block: 0, fraction: 0 };
  // The last block that starts at or before P.
  const b = Math.min(bisectRight(blocks.cumWeight, P) - 1, blocks.length - 1);
  const w = blockWeight(blocks, b);
  const fraction = w > 0 ? Math.min(1, (P - blocks.cumWeight[b]) / w) : 1;
  return { block: b, fraction };
}

/**
 * Top share C(p): the share of all costs borne by the costliest fraction p of the (weighted)
 * population, persons sorted by total, largest first; the curve is piecewise linear through
 * (cumulative weight / W, cumulative cost / T), so a boundary person (or tie block) is split
 * linearly and the result does not depend on how ties are ordered. C(p) = 1 − L(1 − p) where L is
 * the Lorenz curve.
 *
 * Conventions: C(0) = 0, C(1) = 1; NaN when the total T is 0. With negative totals kept, C can
 * exceed 1 before falling back to 1. Cost: O(log B).
 *
 * @example
 * // totals 10, 5, 5, 0 (T = 20): the top 25 % is the 10 → 0.5; the top 50 % adds one 5 → 0.75
 * topShare(tieBlocks([10, 5, 5, 0]), 0.5) // 0.75
 * // the top 37.5 % holds the 10 and half of one 5: (10 + 2.5) / 20
 * topShare(tieBlocks([10, 5, 5, 0]), 0.375) // 0.625
 */
export function topShare(blocks: TieBlocks, p: number): number {
  return topCost(blocks, p) / blocks.totalCost;
}

/** The weighted cost inside the top group of share p (numerator of `topShare`). */
export function topCost(blocks: TieBlocks, p: number): number {
  const { block, fraction } = boundary(blocks, p);
  if (block >= blocks.length) return blocks.totalCost;
  const before = blocks.cumCost[block];
  if (fraction === 0) return before;
  return before + fraction * (blocks.cumCost[block + 1] - before);
}

/**
 * The inclusion fraction of every block in the top group of share p: 1 for blocks wholly inside,
 * the boundary block's fraction, 0 after. Every member of a block gets its block's fraction, so
 * breakdowns of the top group do not depend on row order.
 */
export function inclusionFractions(blocks: TieBlocks, p: number): Float64Array {
  const { block, fraction } = boundary(blocks, p);
  const f = new Float64Array(blocks.length);
  f.fill(1, 0, Math.min(block, blocks.length));
  if (block < blocks.length) f[block] = fraction;
  return f;
}

/**
 * Persons in the file (unweighted) inside the top group of share p, counting a boundary block's
 * members by its inclusion fraction. This is the count that small-cell suppression compares with
 * `--min-cell`: weights never make a handful of sampled persons large enough to publish.
 */
export function topCount(blocks: TieBlocks, p: number): number {
  const { block, fraction } = boundary(blocks, p);
  let n = countsBefore(blocks)[Math.min(block, blocks.length)];
  if (block < blocks.length) n += fraction * blocks.count[block];
  return n;
}

/**
 * Persons before each block (length + 1 entries), worked out once per TieBlocks: the figures ask
 * for topCount a hundred times, and a 20 M-person population has millions of blocks. Counts are
 * whole numbers, so the running sum is exact.
 */
const countsBeforeCache = new WeakMap<TieBlocks, Float64Array>();
export function countsBefore(blocks: TieBlocks): Float64Array {
  let before = countsBeforeCache.get(blocks);
  if (before === undefined) {
    before = new Float64Array(blocks.length + 1);
    for (let b = 0; b < blocks.length; b++) before[b + 1] = before[b] + blocks.count[b];
    countsBeforeCache.set(blocks, before);
  }
  return before;
}

/**
 * Threshold(p): the smallest total among persons with a non-zero inclusion fraction in the top p;
 * null when the top group is empty (p = 0 or W = 0).
 *
 * @example
 * threshold(tieBlocks([10, 5, 5, 0]), 0.25) // 10 (the boundary falls exactly after the 10)
 * threshold(tieBlocks([10, 5, 5, 0]), 0.3)  // 5
 */
export function threshold(blocks: TieBlocks, p: number): number | null {
  if (blocks.length === 0) return null;
  const { block, fraction } = boundary(blocks, p);
  if (block >= blocks.length) return blocks.value[blocks.length - 1];
  if (fraction > 0) return blocks.value[block];
  return block > 0 ? blocks.value[block - 1] : null;
}
