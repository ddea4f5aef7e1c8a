// Residents whose net total is below zero (credit rows larger than charges): --negatives clip|keep|error.

import { fsum } from 'd3-array';
import type { Population } from '../curve/concentration.js';
import { CostcurveError } from '../errors.js';
import type { PersonTable } from './persons.js';

export type NegativesPolicy = 'clip' | 'keep' | 'error';

export interface Persons {
  population: Population;
  /** Persons whose net total was negative. */
  negative: number;
  /** Of those, how many were counted as zero (clip). */
  clipped: number;
  /** The sum of all totals after the policy, in money units (exact). */
  total: number;
}

/**
 * Applies the negatives policy. Under `clip` a negative person counts as zero overall and in every
 * service, so the services still add up to the total; under `keep` the net total stays as it is;
 * under `error` any negative person is a data error.
 */
export function applyNegatives(table: PersonTable, policy: NegativesPolicy): Persons {
  const n = table.length;
  const totals = table.totals.slice(0, n);
  let negative = 0;
  for (let i = 0; i < n; i++) if (totals[i] < 0) negative++;
  if (negative > 0 && policy === 'error') {
    throw new CostcurveError(
      'CC_DATA_NEGATIVE',
      `${negative} ${negative === 1 ? 'resident has' : 'residents have'} a negative net total (credits larger than costs); ` +
        'use --negatives clip to count them as zero or --negatives keep to keep the net totals',
    );
  }
  const { pairs } = table;
  const amount = pairs.amount.slice(0, pairs.length);
  if (negative > 0 && policy === 'clip') {
    for (let i = 0; i < n; i++) if (totals[i] < 0) totals[i] = 0;
    for (let k = 0; k < pairs.length; k++) if (table.totals[pairs.person[k]] < 0) amount[k] = 0;
  }
  return {
    population: {
      totals,
      weights: null,
      services: {
        names: table.serviceNames,
        length: pairs.length,
        person: pairs.person.subarray(0, pairs.length),
        service: pairs.service.subarray(0, pairs.length),
        amount,
      },
    },
    negative,
    clipped: policy === 'clip' ? negative : 0,
    total: fsum(totals),
  };
}
