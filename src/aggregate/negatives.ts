// Residents whose net total is below zero (credit rows larger than charges): --negatives clip|keep|error.

import { fsum } from 'd3-array';
import type { ServiceAmounts } from '../curve/breakdown.js';
import type { Population } from '../curve/concentration.js';
import { Spare } from '../curve/spare.js';
import { CostcurveError } from '../errors.js';

export type NegativesPolicy = 'clip' | 'keep' | 'error';

/** What the policy reads of a `PersonTable`: per-person totals and per-(person, service) sums. */
export interface PersonSums {
  length: number;
  totals: Float64Array;
  serviceNames: string[];
  pairs: ServiceAmounts;
  /** Memory for the figures' largest arrays (`Spare`), if the table has some to lend. */
  spare?: Spare;
}

export interface Persons {
  population: Population;
  /** Persons whose net total was negative. */
  negative: number;
  /** Of those, how many were counted as zero (clip). */
  clipped: number;
  /** The sum of all totals after the policy, in money units (exact). */
  total: number;
  /** With `inScope`: for each person of `population`, its index in the table; else null (the same). */
  tableIndex: Uint32Array | null;
}

/**
 * Applies the negatives policy. Under `clip` a negative person counts as zero overall and in every
 * service, so the services still add up to the total; under `keep` the net total stays as it is;
 * under `error` any negative person is a data error.
 *
 * `inScope` (survey weights: 0 = out of scope) leaves the persons it marks 0 out of everything,
 * the counts of negatives included; the population then holds the others, in table order.
 */
export function applyNegatives(table: PersonSums, policy: NegativesPolicy, inScope: Uint8Array | null = null): Persons {
  const restricted = inScope === null ? null : restrict(table, inScope);
  if (restricted !== null) return { ...applyNegatives(restricted.sums, policy), tableIndex: restricted.tableIndex };
  const n = table.length;
  // Read once: a PersonTable's totals are a getter.
  const tableTotals = table.totals;
  let negative = 0;
  for (let i = 0; i < n; i++) if (tableTotals[i] < 0) negative++;
  if (negative > 0 && policy === 'error') {
    throw new CostcurveError(
      'CC_DATA_NEGATIVE',
      `${negative} ${negative === 1 ? 'resident has' : 'residents have'} a negative net total (credits larger than costs); ` +
        'use --negatives clip to count them as zero or --negatives keep to keep the net totals',
    );
  }
  const clip = negative > 0 && policy === 'clip';
  // The table's arrays are shared, not copied, where nothing changes: the clipped persons'
  // service amounts count as zero by a mark per person (asZero), not by a copy of every amount.
  // The copy, and the marks, in memory the table lends when it has some (3 M persons: 27 MB).
  const spare = table.spare ?? null;
  const memory = spare ?? new Spare();
  const totals = clip ? memory.float64(n) : tableTotals.subarray(0, n);
  if (clip) totals.set(tableTotals.subarray(0, n));
  const asZero = clip ? memory.uint8(n) : null;
  if (asZero !== null) {
    for (let i = 0; i < n; i++) {
      if (totals[i] < 0) {
        totals[i] = 0;
        asZero[i] = 1;
      }
    }
  }
  return {
    population: {
      totals,
      weights: null,
      services: { names: table.serviceNames, each: table.pairs.each, asZero },
      spare,
    },
    negative,
    clipped: clip ? negative : 0,
    total: exactSum(totals),
    tableIndex: null,
  };
}

/**
 * The persons marked in `keep`, renumbered in table order, and each one's index in the table; null
 * when every person is marked. Their pairs are read where they are, the others skipped: a copy of
 * every (person, service) amount took 24 bytes a pair and more (870 k pairs of 100 k persons: 21 MB).
 */
function restrict(table: PersonSums, keep: Uint8Array): { sums: PersonSums; tableIndex: Uint32Array } | null {
  let count = 0;
  for (let i = 0; i < table.length; i++) count += keep[i] ? 1 : 0;
  if (count === table.length) return null;
  const index = new Uint32Array(table.length);
  const kept = new Uint32Array(count);
  for (let i = 0, k = 0; i < table.length; i++) {
    if (keep[i]) {
      index[i] = k;
      kept[k++] = i;
    }
  }
  const pairs = table.pairs;
  const tableTotals = table.totals;
  const sums: PersonSums = {
    length: count,
    totals: Float64Array.from(kept, (i) => tableTotals[i]),
    serviceNames: table.serviceNames,
    pairs: {
      names: table.serviceNames,
      each: (visit) => pairs.each((i, s, a) => {
        if (keep[i]) visit(index[i], s, a);
      }),
    },
  };
  return { sums, tableIndex: kept };
}

/**
 * Σ totals, exactly: a plain sum when every total is an integer (money units, as a table's are)
 * and their absolute values add up to at most 2^53 − 1, for every partial sum is then exact; else
 * d3-array's fsum. (fsum alone: some 8 ms at 300 k persons.)
 */
export function exactSum(totals: Float64Array): number {
  let sum = 0;
  let absolute = 0;
  for (let i = 0; i < totals.length; i++) {
    const v = totals[i];
    if (!Number.isInteger(v)) return fsum(totals);
    sum += v;
    absolute += Math.abs(v);
  }
  return absolute <= Number.MAX_SAFE_INTEGER ? sum : fsum(totals);
}
