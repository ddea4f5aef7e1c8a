// Persons grouped into blocks of equal totals, largest first: the shape every figure is computed from.
// Working on blocks (not on persons in some order) is what makes every figure independent of how
// ties, rows, files or threads were ordered.

import { Adder } from 'd3-array';

/**
 * Persons with equal totals form one block; blocks are sorted by total, largest first.
 * Cumulative sums are exact (d3-array's `Adder`: the correctly rounded value of the exact sum),
 * so they do not depend on the order persons were added in.
 */
export interface TieBlocks {
  /** Number of blocks. */
  length: number;
  /** The block's total per person, descending. */
  value: Float64Array;
  /** Persons in the block as counted in the file (not weighted): used for small-cell checks. */
  count: Float64Array;
  /** Weight before block b (length + 1 entries; `cumWeight[length]` = W). */
  cumWeight: Float64Array;
  /** Weighted cost before block b (length + 1 entries; `cumCost[length]` = T). */
  cumCost: Float64Array;
  /** W = Σw. */
  totalWeight: number;
  /** T = Σw·x. */
  totalCost: number;
  /** Persons in the file. */
  persons: number;
  /** For each person (input order), the index of its block. */
  blockOf: Uint32Array;
}

/**
 * Groups persons into tie blocks.
 *
 * Cost: O(n log n) for one numeric typed-array sort (no comparator). Integer values whose range
 * times n stays below 2^53 (costcurve's money units, as a rule) are sorted with each person's
 * index packed into the key, so every person's block comes out of the sort; other values take a
 * binary search per person among the distinct values, O(n log B), which misses the cache at
 * millions of persons (3 M: about a second).
 *
 * @param values person totals (any real numbers; costcurve passes integer money units)
 * @param weights person weights (> 0), or null for weight 1 each
 * @example
 * tieBlocks([5, 0, 5, 10]) // value [10, 5, 0], count [1, 2, 1], cumWeight [0, 1, 3, 4], cumCost [0, 10, 20, 20]
 */
export function tieBlocks(values: ArrayLike<number>, weights: ArrayLike<number> | null = null): TieBlocks {
  return packedTieBlocks(values, weights) ?? searchedTieBlocks(values, weights);
}

/**
 * `tieBlocks` by one sort of keys (value − min) · 2^k + index, 2^k ≥ n: exact integers while the
 * range of the values times 2^k stays below 2^53. Null when the values are not such integers.
 */
function packedTieBlocks(values: ArrayLike<number>, weights: ArrayLike<number> | null): TieBlocks | null {
  const n = values.length;
  if (n === 0) return null;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!Number.isInteger(v)) return null;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  let span = 1;
  while (span < n) span *= 2;
  if ((max - min + 1) * span > Number.MAX_SAFE_INTEGER) return null;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = (values[i] - min) * span + i;
  keys.sort();
  // Blocks from the largest value down: each new value starts one. (Keys of equal values are
  // adjacent, and a key's value is ⌊key / 2^k⌋ + min.)
  let length = 0;
  for (let k = n - 1, last = NaN; k >= 0; k--) {
    const v = Math.floor(keys[k] / span);
    if (v !== last) length++;
    last = v;
  }
  const blockOf = new Uint32Array(n);
  const value = new Float64Array(length);
  const count = new Float64Array(length);
  const cumWeight = new Float64Array(length + 1);
  const cumCost = new Float64Array(length + 1);
  // Unweighted sums of integers that cannot pass 2^53 are exact as plain sums (and read for free
  // at every block, where an Adder's value took 0.4 s at 3 M persons); else exact Adders.
  const plain = weights === null && n * Math.max(Math.abs(min), Math.abs(max)) <= Number.MAX_SAFE_INTEGER;
  const weightSum = new Adder();
  const costSum = new Adder();
  let persons = 0;
  let cost = 0;
  // Each key's block, in key order: set in blockOf by a loop of its own, whose writes at random
  // (a person's index) can then be many under way at once.
  const blockAt = new Uint32Array(n);
  let b = -1;
  for (let k = n - 1; k >= 0; k--) {
    // ⌊key / 2^k⌋ and the remainder, exactly (a division by a power of 2 is exact).
    const key = keys[k];
    const q = Math.floor(key / span);
    const i = key - q * span;
    const v = q + min;
    if (b < 0 || v !== value[b]) {
      if (b >= 0) {
        cumWeight[b + 1] = plain ? persons : +weightSum;
        cumCost[b + 1] = plain ? cost : +costSum;
      }
      value[++b] = v;
    }
    blockAt[k] = b;
    count[b]++;
    if (plain) {
      persons++;
      cost += v;
    } else {
      const w = weights === null ? 1 : weights[i];
      weightSum.add(w);
      costSum.add(w * v);
    }
  }
  for (let k = 0; k < n; k++) {
    const key = keys[k];
    blockOf[key - Math.floor(key / span) * span] = blockAt[k];
  }
  cumWeight[length] = plain ? persons : +weightSum;
  cumCost[length] = plain ? cost : +costSum;
  return { length, value, count, cumWeight, cumCost, totalWeight: cumWeight[length], totalCost: cumCost[length], persons: n, blockOf };
}

/** `tieBlocks` for any real values: the distinct values sorted, each person's found by bisection. */
function searchedTieBlocks(values: ArrayLike<number>, weights: ArrayLike<number> | null): TieBlocks {
  const n = values.length;
  const sorted = Float64Array.from(values).sort(); // ascending, numeric
  // Distinct values, descending.
  const distinct: number[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const v = sorted[i];
    if (distinct.length === 0 || distinct[distinct.length - 1] !== v) distinct.push(v);
  }
  const length = distinct.length;
  const value = Float64Array.from(distinct);
  const ascending = Float64Array.from(distinct).reverse();

  // Block of each person: position in the ascending distinct values, mirrored.
  const blockOf = new Uint32Array(n);
  const count = new Float64Array(length);
  for (let i = 0; i < n; i++) {
    const b = length - 1 - bisectExact(ascending, values[i]);
    blockOf[i] = b;
    count[b]++;
  }

  // Persons in block order (a counting sort), then running exact sums read at block boundaries.
  const start = new Uint32Array(length + 1);
  for (let b = 0; b < length; b++) start[b + 1] = start[b] + count[b];
  const fill = start.slice(0, length);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[fill[blockOf[i]]++] = i;

  const cumWeight = new Float64Array(length + 1);
  const cumCost = new Float64Array(length + 1);
  const weightSum = new Adder();
  const costSum = new Adder();
  for (let b = 0; b < length; b++) {
    for (let k = start[b]; k < start[b + 1]; k++) {
      const i = order[k];
      const w = weights === null ? 1 : weights[i];
      weightSum.add(w);
      costSum.add(w * values[i]);
    }
    cumWeight[b + 1] = +weightSum;
    cumCost[b + 1] = +costSum;
  }

  return {
    length,
    value,
    count,
    cumWeight,
    cumCost,
    totalWeight: cumWeight[length],
    totalCost: cumCost[length],
    persons: n,
    blockOf,
  };
}

/** Index of `x` in the ascending array `a`, which must contain it. */
function bisectExact(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The weight of block b. */
export function blockWeight(blocks: TieBlocks, b: number): number {
  return blocks.cumWeight[b + 1] - blocks.cumWeight[b];
}

/**
 * The weight of the top share p: p·W, with the last bits of float noise removed
 * (0.07 × 100 = 7.000000000000001 would put a sliver of the 8th person into the top 7 %).
 * Rounding to 15 significant digits keeps every exact product exact and moves any other by at
 * most 5·10⁻¹⁶ of itself.
 */
export function weightAt(blocks: TieBlocks, p: number): number {
  return Number((p * blocks.totalWeight).toPrecision(15));
}
