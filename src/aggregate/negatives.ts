// Residents whose net total is below zero (credit rows larger than charges): --negatives clip|keep|error.

import { fsum } from 'd3-array';
import type { Population } from '../curve/concentration.js';
import { CostcurveError } from '../errors.js';

export type NegativesPolicy = 'clip' | 'keep' | 'error';

/** What the policy reads of a `PersonTable`: per-person totals and per-(person, service) sums. */
export interface PersonSums {
  length: number;
  totals: Float64Array;
  serviceNames: string[];
  pairs: { length: number; person: Uint32Array; service: Uint32Array; amount: Float64Array };
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
  if (inScope !== null) {
    const { sums, tableIndex } = restrict(table, inScope);
    return { ...applyNegatives(sums, policy), tableIndex };
  }
  const n = table.length;
  let negative = 0;
  for (let i = 0; i < n; i++) if (table.totals[i] < 0) negative++;
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
  const totals = clip ? table.totals.slice(0, n) : table.totals.subarray(0, n);
  const asZero = clip ? new Uint8Array(n) : null;
  if (asZero !== null) {
    for (let i = 0; i < n; i++) {
      if (totals[i] < 0) {
        totals[i] = 0;
        asZero[i] = 1;
      }
    }
  }
  const { pairs } = table;
  return {
    population: {
      totals,
      weights: null,
      services: {
        names: table.serviceNames,
        length: pairs.length,
        person: pairs.person.subarray(0, pairs.length),
        service: pairs.service.subarray(0, pairs.length),
        amount: pairs.amount.subarray(0, pairs.length),
        asZero,
      },
    },
    negative,
    clipped: clip ? negative : 0,
    total: fsum(totals),
    tableIndex: null,
  };
}

/** The persons marked in `keep`, renumbered in table order, and each one's index in the table. */
function restrict(table: PersonSums, keep: Uint8Array): { sums: PersonSums; tableIndex: Uint32Array } {
  const index = new Uint32Array(table.length);
  const kept: number[] = [];
  for (let i = 0; i < table.length; i++) {
    if (keep[i]) {
      index[i] = kept.length;
      kept.push(i);
    }
  }
  const { pairs } = table;
  const entries: number[] = [];
  for (let k = 0; k < pairs.length; k++) if (keep[pairs.person[k]]) entries.push(k);
  const sums: PersonSums = {
    length: kept.length,
    totals: Float64Array.from(kept, (i) => table.totals[i]),
    serviceNames: table.serviceNames,
    pairs: {
      length: entries.length,
      person: Uint32Array.from(entries, (k) => index[pairs.person[k]]),
      service: Uint32Array.from(entries, (k) => pairs.service[k]),
      amount: Float64Array.from(entries, (k) => pairs.amount[k]),
    },
  };
  return { sums, tableIndex: Uint32Array.from(kept) };
}
