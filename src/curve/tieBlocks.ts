// Persons grouped into blocks of equal totals, largest first: the shape every figure is computed from.
// Working on blocks (not on persons in some order) is what makes every figure independent of how
// ties, rows, files or threads were ordered.

import { Adder, bisector } from 'd3-array';
import { Spare } from './spare.js';

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
 * Cost: O(n) for integer values whose range stays below 2^53 (costcurve's money units, as a
 * rule): a radix sort of v − min, at most three passes over the persons for ranges below 2^32 and
 * more than 1 024 persons, so every person's block comes out of the sort (log-normal totals, a
 * call after the first, 300 k persons: 11 ms, was about 40 ms with one typed-array sort of packed
 * keys; 3 M: 0.12 s, was 0.5 s). Other values take
 * one numeric typed-array sort, O(n log n), and a binary search per person among the distinct
 * values, O(n log B), which misses the cache at millions of persons (3 M: about a second).
 *
 * @param values person totals (any real numbers; costcurve passes integer money units)
 * @param weights person weights (> 0), or null for weight 1 each
 * @param spare memory for the arrays of integer values' sort and blocks (see `Spare`), or null for new arrays
 * @example
 * tieBlocks([5, 0, 5, 10]) // value [10, 5, 0], count [1, 2, 1], cumWeight [0, 1, 3, 4], cumCost [0, 10, 20, 20]
 */
export function tieBlocks(values: ArrayLike<number>, weights: ArrayLike<number> | null = null, spare: Spare | null = null): TieBlocks {
  return packedTieBlocks(values, weights, spare) ?? searchedTieBlocks(values, weights);
}

/**
 * `tieBlocks` by a radix sort of the ranks v − min: exact integers while the range of the values
 * stays below 2^53. Null when the values are not such integers.
 *
 * Each loop is a function of its own: V8 optimizes a long loop while it runs (on-stack
 * replacement) for the whole function it is in, and code after the loop, not yet run, has no
 * type feedback; one function of many loops was compiled again and again on the first call.
 */
function packedTieBlocks(values: ArrayLike<number>, weights: ArrayLike<number> | null, spare: Spare | null): TieBlocks | null {
  const n = values.length;
  const range = integerRange(values);
  if (range === null) return null;
  const { min, max } = range;
  const memory = spare ?? new Spare();
  const { low, high, index, unused } = sortRanks(values, min, max - min, memory);
  const length = countBlocks(low, high);
  const value = memory.float64(length);
  const count = memory.float64(length);
  const cumWeight = memory.float64(length + 1);
  const cumCost = memory.float64(length + 1);
  // Unweighted sums of integers that cannot pass 2^53 are exact as plain sums (and read for free
  // at every block, where an Adder's value took 0.4 s at 3 M persons); else exact Adders.
  const plain = weights === null && n * Math.max(Math.abs(min), Math.abs(max)) <= Number.MAX_SAFE_INTEGER;
  // Each person's block in sorted order (blockAt), written over the low word the sums have just
  // read; set in blockOf by a loop of its own, whose writes at random (a person's index) can then
  // be many under way at once. blockOf is the sort's unused index buffer: no new memory.
  const blockAt = low;
  if (plain) plainSums(low, high, min, value, count, cumWeight, cumCost, blockAt);
  else exactSums(low, high, index, min, weights, value, count, cumWeight, cumCost, blockAt);
  const blockOf = unused;
  placeBlocks(index, blockAt, blockOf);
  return { length, value, count, cumWeight, cumCost, totalWeight: cumWeight[length], totalCost: cumCost[length], persons: n, blockOf };
}

/** The least and greatest value, or null when some value is not an integer, the range is 2^53 or more, or there are no values. */
function integerRange(values: ArrayLike<number>): { min: number; max: number } | null {
  const n = values.length;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!Number.isInteger(v)) return null;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  // max − min is rounded up to 2^53 or more when the exact range is: then some v − min may round.
  return n > 0 && max - min <= Number.MAX_SAFE_INTEGER ? { min, max } : null;
}

/**
 * Ranks v − min split into words (rank = low + high · 2^32), sorted ascending, with the persons'
 * indices. high is null when every rank is below 2^32 (the high words, all 0, are not kept).
 */
interface Ranks {
  low: Uint32Array;
  high: Uint32Array | null;
  index: Uint32Array;
}

/** Bits per digit at most: 2048 counters (8 KiB) per pass, and as many places written to, which stay in cache. */
const DIGIT_BITS = 11;

/** A digit of the ranks: (word >>> shift) & mask, of the low word or of the high word. */
interface Digit {
  high: boolean;
  shift: number;
  mask: number;
}

/**
 * The digits of ranks up to `range`, lowest first, as many as its bits need: ranges below 2^32
 * (42 million € in cents) have no high word and take 3 digits of 11 bits or fewer. Fewer persons
 * take narrower digits (4 bits at least): each pass costs a counter per value of its digit, which
 * 100 persons would not repay.
 */
function digitsOf(range: number, n: number): Digit[] {
  const bits = Math.max(4, Math.min(DIGIT_BITS, 32 - Math.clz32(n - 1)));
  const lowBits = range >= 2 ** 32 ? 32 : 32 - Math.clz32(range);
  const highBits = 32 - Math.clz32(Math.floor(range / 2 ** 32));
  const digits: Digit[] = [];
  for (let shift = 0; shift < lowBits; shift += bits) digits.push({ high: false, shift, mask: 2 ** Math.min(bits, lowBits - shift) - 1 });
  for (let shift = 0; shift < highBits; shift += bits) digits.push({ high: true, shift, mask: 2 ** Math.min(bits, highBits - shift) - 1 });
  return digits;
}

/**
 * The ranks sorted by a least-significant-digit radix sort, and an unused index buffer (for the
 * caller to reuse). Each pass is stable, so equal ranks keep the persons' order: the order of the
 * packed keys (v − min) · 2^k + index this sort replaced. A digit every person shares moves no one,
 * and its pass is skipped. The first pass reads the values themselves, so no buffer of unsorted
 * ranks is made. The buffers come from `memory`.
 */
function sortRanks(values: ArrayLike<number>, min: number, range: number, memory: Spare): Ranks & { unused: Uint32Array } {
  const n = values.length;
  const wide = range >= 2 ** 32;
  const digits = digitsOf(range, n);
  const start = new Uint32Array(Math.max(0, ...digits.map((digit) => digit.mask + 1)));
  let sorted: Ranks | null = null;
  // The buffers the previous pass read from, written again by the next (made at the second pass).
  let free: Ranks | null = null;
  for (const digit of digits) {
    start.fill(0);
    if (sorted === null) countValues(values, min, digit, start);
    else countRanks(sorted, digit, start);
    if (!toPlaces(start, digit.mask + 1, n)) continue;
    const to: Ranks = free ?? { low: memory.uint32(n), high: wide ? memory.uint32(n) : null, index: memory.uint32(n) };
    if (sorted === null) firstPass(values, min, to, start, digit);
    else pass(sorted, to, start, digit);
    free = sorted;
    sorted = to;
  }
  if (sorted === null) {
    // No digit differs: every rank is 0, and the persons are in order as they are.
    sorted = { low: memory.uint32(n), high: null, index: memory.uint32(n) };
    for (let i = 0; i < n; i++) sorted.index[i] = i;
  }
  return { ...sorted, unused: free?.index ?? memory.uint32(n) };
}

/** Persons per value of the digit, read from the values (for the first pass). */
function countValues(values: ArrayLike<number>, min: number, digit: Digit, counts: Uint32Array): void {
  const { high: byHigh, shift, mask } = digit;
  for (let i = 0; i < values.length; i++) {
    const rank = values[i] - min;
    // rank mod 2^32 is exact (ToUint32 of an integer below 2^53), and so is a division by 2^32.
    counts[((byHigh ? Math.floor(rank / 2 ** 32) : rank >>> 0) >>> shift) & mask]++;
  }
}

/** Persons per value of the digit, read from the ranks of the previous pass. */
function countRanks(ranks: Ranks, digit: Digit, counts: Uint32Array): void {
  const { high: byHigh, shift, mask } = digit;
  const words = byHigh ? ranks.high! : ranks.low;
  for (let k = 0; k < words.length; k++) counts[(words[k] >>> shift) & mask]++;
}

/** The first `size` counts to places (where the first person of each digit value goes); false when one value holds all n persons. */
function toPlaces(start: Uint32Array, size: number, n: number): boolean {
  for (let j = 0, sum = 0; j < size; j++) {
    const count = start[j];
    if (count === n) return false;
    start[j] = sum;
    sum += count;
  }
  return true;
}

/** The first pass: ranks read from the values (persons in input order) into `to`, by one digit. */
function firstPass(values: ArrayLike<number>, min: number, to: Ranks, start: Uint32Array, digit: Digit): void {
  const { high: byHigh, shift, mask } = digit;
  const { low: lowTo, high: highTo, index: indexTo } = to;
  for (let i = 0; i < values.length; i++) {
    const rank = values[i] - min;
    const low = rank >>> 0;
    const high = highTo === null ? 0 : Math.floor(rank / 2 ** 32);
    const k = start[((byHigh ? high : low) >>> shift) & mask]++;
    lowTo[k] = low;
    if (highTo !== null) highTo[k] = high;
    indexTo[k] = i;
  }
}

/** A later pass: `from` into `to` by one digit, in order within each digit value (stable). */
function pass(from: Ranks, to: Ranks, start: Uint32Array, digit: Digit): void {
  const { high: byHigh, shift, mask } = digit;
  const { low: lowFrom, high: highFrom, index: indexFrom } = from;
  const { low: lowTo, high: highTo, index: indexTo } = to;
  for (let i = 0; i < lowFrom.length; i++) {
    const low = lowFrom[i];
    const high = highFrom === null ? 0 : highFrom[i];
    const k = start[((byHigh ? high : low) >>> shift) & mask]++;
    lowTo[k] = low;
    if (highTo !== null) highTo[k] = high;
    indexTo[k] = indexFrom[i];
  }
}

/** Distinct ranks among the sorted ranks. */
function countBlocks(low: Uint32Array, high: Uint32Array | null): number {
  let length = 0;
  for (let k = low.length - 1, last = NaN; k >= 0; k--) {
    const rank = high === null ? low[k] : low[k] + high[k] * 2 ** 32;
    if (rank !== last) length++;
    last = rank;
  }
  return length;
}

/**
 * Blocks from the largest rank down (each new rank starts one), with plain sums (exact here: see
 * `packedTieBlocks`); each person's block written over the low word just read (blockAt). A rank
 * plus min is the value itself, exactly.
 */
function plainSums(low: Uint32Array, high: Uint32Array | null, min: number, value: Float64Array, count: Float64Array, cumWeight: Float64Array, cumCost: Float64Array, blockAt: Uint32Array): void {
  let persons = 0;
  let cost = 0;
  let b = -1;
  for (let k = low.length - 1; k >= 0; k--) {
    const v = (high === null ? low[k] : low[k] + high[k] * 2 ** 32) + min;
    if (b < 0 || v !== value[b]) {
      if (b >= 0) {
        cumWeight[b + 1] = persons;
        cumCost[b + 1] = cost;
      }
      value[++b] = v;
    }
    blockAt[k] = b;
    count[b]++;
    persons++;
    cost += v;
  }
  cumWeight[b + 1] = persons;
  cumCost[b + 1] = cost;
}

/** `plainSums` with exact Adders, and the weights (read by the persons' indices). */
function exactSums(
  low: Uint32Array,
  high: Uint32Array | null,
  index: Uint32Array,
  min: number,
  weights: ArrayLike<number> | null,
  value: Float64Array,
  count: Float64Array,
  cumWeight: Float64Array,
  cumCost: Float64Array,
  blockAt: Uint32Array,
): void {
  const weightSum = new Adder();
  const costSum = new Adder();
  let b = -1;
  for (let k = low.length - 1; k >= 0; k--) {
    const v = (high === null ? low[k] : low[k] + high[k] * 2 ** 32) + min;
    if (b < 0 || v !== value[b]) {
      if (b >= 0) {
        cumWeight[b + 1] = +weightSum;
        cumCost[b + 1] = +costSum;
      }
      value[++b] = v;
    }
    blockAt[k] = b;
    count[b]++;
    const w = weights === null ? 1 : weights[index[k]];
    weightSum.add(w);
    costSum.add(w * v);
  }
  cumWeight[b + 1] = +weightSum;
  cumCost[b + 1] = +costSum;
}

/** blockOf[person] from the blocks in sorted order. */
function placeBlocks(index: Uint32Array, blockAt: Uint32Array, blockOf: Uint32Array): void {
  for (let k = 0; k < index.length; k++) blockOf[index[k]] = blockAt[k];
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

/** Bisection of blocks' values, which descend: d3-array's bisector (its order ascending) over the values negated. */
const descending = bisector((value: number) => -value);

/** The first block whose value is `x` or less; `length` when none is. */
export function firstBlockAtMost(blocks: TieBlocks, x: number): number {
  return descending.left(blocks.value, -x, 0, blocks.length);
}

/** The first block whose value is below `x`; `length` when none is. */
export function firstBlockBelow(blocks: TieBlocks, x: number): number {
  return descending.right(blocks.value, -x, 0, blocks.length);
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
