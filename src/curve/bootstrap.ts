// Percentile bootstrap confidence intervals for the top shares, reach and the Gini, computed on the
// tie blocks the analysis already has: a replicate reweights persons and never re-sorts them.

import { quantileSorted } from 'd3-array';
import { createLongRandom, poissonExact, poissonSmall, SMALL_MEAN } from '../random.js';
import { giniFast } from './gini.js';
import { reach } from './reach.js';
import { tieBlocks, type TieBlocks } from './tieBlocks.js';
import { topShare } from './topShare.js';

export interface BootstrapOptions {
  /** Confidence level, e.g. 0.95. */
  level: number;
  /** Number of bootstrap replicates. */
  replicates: number;
  /** Seed of the random stream (an integer in [0, 2^32)): the same seed gives the same intervals. */
  seed: number;
  /** Top cuts (fractions) to give intervals for. */
  top: number[];
  /** Shares of cost whose reach to give intervals for. */
  reach: number[];
}

/** An interval [lower, upper], or null when no replicate gave the figure. */
export type Interval = [number, number] | null;

export interface BootstrapIntervals {
  /** Per top cut, in the order of `options.top`. */
  shares: Interval[];
  /** Per share of cost, in the order of `options.reach`. */
  reach: Interval[];
  gini: Interval;
  /** Replicates with a positive total (the others have no curve and are left out). */
  valid: number;
}

/**
 * Percentile bootstrap intervals: each replicate gives every person a Poisson(1) count (the Poisson
 * bootstrap; the multinomial one's counts become independent Poisson(1) counts as n grows), so the
 * person's weight w becomes w·count; the figures are recomputed with the same definitions
 * (topShare, reach, Gini) on the reweighted tie blocks, and the interval is the α/2 and 1 − α/2
 * quantiles (R's type 7) of the replicates' values.
 *
 * Cost: one sort for the tie blocks (as the analysis), then O(C) per replicate, where C is the
 * number of distinct (total, weight) pairs — persons with the same total and weight are
 * interchangeable, so their counts are drawn as one Poisson(m) draw (the sum of m independent
 * Poisson(1) counts). Unweighted data have C = the number of tie blocks.
 *
 * Draws are made in the order of (total descending, weight ascending), so the intervals depend
 * only on the multiset of persons, never on the order of rows or files, and are reproducible for
 * a seed. Not a survey-design bootstrap: strata and clusters are ignored.
 *
 * @example
 * const ci = bootstrapIntervals([50, 20, 10, 5, 5, 4, 3, 2, 1, 0], null, { level: 0.95, replicates: 1000, seed: 1, top: [0.1], reach: [0.5] });
 * // ci.shares[0] ≈ [0.2, 0.7]: with 10 persons, the top 10 % share is very uncertain
 */
export function bootstrapIntervals(totals: ArrayLike<number>, weights: ArrayLike<number> | null, options: BootstrapOptions): BootstrapIntervals {
  const blocks = tieBlocks(totals, weights);
  const cells = interchangeable(blocks, weights);
  const random = createLongRandom(options.seed);
  const R = options.replicates;
  const shares = options.top.map(() => new Float64Array(R));
  const reaches = options.reach.map(() => new Float64Array(R));
  const ginis = new Float64Array(R);
  // One replicate's blocks: the same values (so the same order), new cumulative sums.
  const replicate: TieBlocks = { ...blocks, cumWeight: new Float64Array(blocks.length + 1), cumCost: new Float64Array(blocks.length + 1) };
  const { cumWeight, cumCost } = replicate;
  const { block: cellBlock, count: cellCount, weight: cellWeight } = cells;
  const C = cells.length;
  const B = blocks.length;
  const value = blocks.value;
  const uniforms = new Uint32Array(C);
  let valid = 0;
  for (let r = 0; r < R; r++) {
    random.fill(uniforms);
    let weight = 0;
    let cost = 0;
    if (weights === null) {
      // One cell per block, every weight 1: the common case, kept tight.
      for (let b = 0; b < B; b++) {
        const m = cellCount[b];
        const n = m <= SMALL_MEAN ? poissonSmall(m, uniforms[b]) : poissonExact(random, m);
        weight += n;
        cost += n * value[b];
        cumWeight[b + 1] = weight;
        cumCost[b + 1] = cost;
      }
    } else {
      for (let b = 0, cell = 0; b < B; b++) {
        let w = 0;
        for (; cell < C && cellBlock[cell] === b; cell++) {
          const m = cellCount[cell];
          const n = m <= SMALL_MEAN ? poissonSmall(m, uniforms[cell]) : poissonExact(random, m);
          w += n * cellWeight[cell];
        }
        weight += w;
        cost += w * value[b];
        cumWeight[b + 1] = weight;
        cumCost[b + 1] = cost;
      }
    }
    replicate.totalWeight = weight;
    replicate.totalCost = cost;
    if (!(cost > 0)) continue;
    for (let k = 0; k < options.top.length; k++) shares[k][valid] = topShare(replicate, options.top[k]);
    for (let k = 0; k < options.reach.length; k++) reaches[k][valid] = reach(replicate, options.reach[k]);
    ginis[valid] = giniFast(replicate);
    valid++;
  }
  const alpha = 1 - options.level;
  const interval = (values: Float64Array): Interval => {
    const sorted = Array.from(values.subarray(0, valid)).filter(Number.isFinite).sort((a, b) => a - b);
    if (sorted.length === 0) return null;
    return [quantileSorted(sorted, alpha / 2)!, quantileSorted(sorted, 1 - alpha / 2)!];
  };
  return { shares: shares.map(interval), reach: reaches.map(interval), gini: interval(ginis), valid };
}

/** Persons with equal totals and weights, in the order the draws are made. */
interface Cells {
  length: number;
  block: Uint32Array;
  weight: Float64Array;
  count: Float64Array;
}

/** Groups persons by (block, weight): blocks in order, weights ascending within a block. */
function interchangeable(blocks: TieBlocks, weights: ArrayLike<number> | null): Cells {
  if (weights === null) {
    return { length: blocks.length, block: Uint32Array.from({ length: blocks.length }, (_, b) => b), weight: new Float64Array(blocks.length).fill(1), count: blocks.count };
  }
  const order = Array.from({ length: blocks.persons }, (_, i) => i).sort(
    (i, j) => blocks.blockOf[i] - blocks.blockOf[j] || weights[i] - weights[j],
  );
  const block: number[] = [];
  const weight: number[] = [];
  const count: number[] = [];
  for (const i of order) {
    const last = block.length - 1;
    if (last >= 0 && block[last] === blocks.blockOf[i] && weight[last] === weights[i]) count[last]++;
    else {
      block.push(blocks.blockOf[i]);
      weight.push(weights[i]);
      count.push(1);
    }
  }
  return { length: block.length, block: Uint32Array.from(block), weight: Float64Array.from(weight), count: Float64Array.from(count) };
}
