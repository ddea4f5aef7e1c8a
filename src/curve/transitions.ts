// Decile transitions between two periods: where the first period's tenths of the population are
// in the second period. A tie block spread over several deciles gives each member the same share
// of each, so the matrix does not depend on how ties were ordered.

import { Adder } from 'd3-array';
import type { Periods } from './persistence.js';
import type { TieBlocks } from './tieBlocks.js';

export interface Transitions {
  /** weight[d][e]: weight in decile d + 1 of the first period and e + 1 of the second (1 = costliest). */
  weight: number[][];
  /** The same in persons of the file (unweighted), for small-cell suppression. */
  count: number[][];
}

/**
 * The 10 × 10 decile transition table. A person's membership of a decile is the share of their tie
 * block's weight that falls in the decile's band of the curve (the bands of `deciles`); a person's
 * weight w is spread over the cells as w·m1(d)·m2(e). Sums are exact, so the table does not depend
 * on the order of persons. Cost: O(n) (times the deciles a block spans).
 *
 * @example
 * // Four persons, totals 4, 3, 2, 1 then 1, 2, 3, 4: ten bands of 0.4 persons each. Person a fills
 * // first-period deciles 1, 2 and 0.2 of 3; later a is last, in deciles 8 (0.2), 9 and 10 (0.4 each).
 * decileTransitions({ first: tieBlocks([4, 3, 2, 1]), second: tieBlocks([1, 2, 3, 4]), weights: null }).weight[0]
 * // [0, 0, 0, 0, 0, 0, 0, 0.08, 0.16, 0.16]: decile 1's 0.4 persons, all a, spread as a is later
 */
export function decileTransitions({ first, second, weights }: Periods, bands = 10): Transitions {
  const m1 = membership(first, bands);
  const m2 = membership(second, bands);
  const weight = Array.from({ length: bands * bands }, () => new Adder());
  const count = Array.from({ length: bands * bands }, () => new Adder());
  // Unweighted persons wholly in one decile of each period, counted per cell as integers and added
  // to the exact sums once: the same sums (Adder's is the exact sum rounded once), and most persons
  // skip two Adder calls (1.48 M persons: 0.34 s of compare's run).
  const whole = new Float64Array(bands * bands);
  for (let i = 0; i < first.persons; i++) {
    const b1 = first.blockOf[i];
    const b2 = second.blockOf[i];
    const j0 = m1.start[b1];
    const k0 = m2.start[b2];
    if (weights === null && m1.start[b1 + 1] - j0 === 1 && m2.start[b2 + 1] - k0 === 1 && m1.fraction[j0] === 1 && m2.fraction[k0] === 1) {
      whole[m1.band[j0] * bands + m2.band[k0]]++;
      continue;
    }
    const w = weights === null ? 1 : weights[i];
    for (let j = j0; j < m1.start[b1 + 1]; j++) {
      for (let k = k0; k < m2.start[b2 + 1]; k++) {
        const both = m1.fraction[j] * m2.fraction[k];
        const cell = m1.band[j] * bands + m2.band[k];
        weight[cell].add(w * both);
        count[cell].add(both);
      }
    }
  }
  for (let cell = 0; cell < whole.length; cell++) {
    if (whole[cell] === 0) continue;
    weight[cell].add(whole[cell]);
    count[cell].add(whole[cell]);
  }
  const table = (sums: Adder[]) => Array.from({ length: bands }, (_, d) => sums.slice(d * bands, (d + 1) * bands).map((s) => +s));
  return { weight: table(weight), count: table(count) };
}

/** Per block, the bands it overlaps and the share of its weight in each (a compressed sparse row). */
interface Membership {
  /** Block b's entries are start[b] … start[b + 1] − 1. */
  start: Uint32Array;
  band: Uint8Array;
  fraction: Float64Array;
}

function membership(blocks: TieBlocks, bands: number): Membership {
  const W = blocks.totalWeight;
  // Band edges as `band` in bands.ts computes them, so the deciles agree to the last bit.
  const edge = (k: number) => (k / bands) * W;
  const start = new Uint32Array(blocks.length + 1);
  const band: number[] = [];
  const fraction: number[] = [];
  let k = 0;
  for (let b = 0; b < blocks.length; b++) {
    start[b] = band.length;
    const lo = blocks.cumWeight[b];
    const hi = blocks.cumWeight[b + 1];
    const w = hi - lo;
    while (k < bands - 1 && edge(k + 1) <= lo) k++;
    for (let d = k; d < bands; d++) {
      const overlap = Math.min(hi, edge(d + 1)) - Math.max(lo, edge(d));
      if (overlap > 0) {
        band.push(d);
        fraction.push(overlap / w);
      }
      if (edge(d + 1) >= hi) break;
    }
  }
  start[blocks.length] = band.length;
  return { start, band: Uint8Array.from(band), fraction: Float64Array.from(fraction) };
}
