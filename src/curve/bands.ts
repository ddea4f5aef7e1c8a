// Population bands from the top (deciles and the like): their cost, persons and range.

import { blockWeight, weightAt, type TieBlocks } from './tieBlocks.js';
import { topCost } from './topShare.js';

/** One band of the population between two top shares. */
export interface Band {
  /** Band from share `from` to share `to` of the population, counted from the top. */
  from: number;
  to: number;
  /** Share of all costs borne by the band. */
  share: number;
  /** Weight in the band: (to − from)·W. */
  persons: number;
  /** Persons in the file in the band (boundary blocks counted by their part in it). */
  count: number;
  /** Mean total in the band. */
  mean: number;
  /** Largest and smallest total among persons with a non-zero part in the band. */
  max: number;
  min: number;
  /** Persons in the file in the band whose total equals `max` / `min` (fractional at the edges). */
  maxCount: number;
  minCount: number;
}

/**
 * The band of the population between top shares `from` < `to`: share = C(to) − C(from).
 * Cost: O(B) at worst.
 *
 * @example
 * // totals 10, 5, 5, 0: the second quarter from the top is one of the 5s
 * band(tieBlocks([10, 5, 5, 0]), 0.25, 0.5) // share 0.25, persons 1, mean 5, max 5, min 5
 */
export function band(blocks: TieBlocks, from: number, to: number): Band {
  const lo = weightAt(blocks, from);
  const hi = weightAt(blocks, to);
  const cost = topCost(blocks, to) - topCost(blocks, from);
  const persons = hi - lo;
  let count = 0;
  let first = -1;
  let last = -1;
  let firstCount = 0;
  let lastCount = 0;
  for (let b = 0; b < blocks.length; b++) {
    const start = blocks.cumWeight[b];
    const end = blocks.cumWeight[b + 1];
    if (start >= hi) break;
    const overlap = Math.min(end, hi) - Math.max(start, lo);
    if (overlap <= 0) continue;
    const w = blockWeight(blocks, b);
    const inBand = w > 0 ? (blocks.count[b] * overlap) / w : blocks.count[b];
    count += inBand;
    if (first < 0) {
      first = b;
      firstCount = inBand;
    }
    last = b;
    lastCount = inBand;
  }
  return {
    from,
    to,
    share: cost / blocks.totalCost,
    persons,
    count,
    mean: persons > 0 ? cost / persons : NaN,
    max: first >= 0 ? blocks.value[first] : NaN,
    min: last >= 0 ? blocks.value[last] : NaN,
    maxCount: firstCount,
    minCount: lastCount,
  };
}

/** Ten bands from the top: decile 1 is the costliest tenth. */
export function deciles(blocks: TieBlocks): Band[] {
  return Array.from({ length: 10 }, (_, d) => band(blocks, d / 10, (d + 1) / 10));
}
