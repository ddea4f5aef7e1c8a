// Exact money: amounts are kept as integers of the smallest unit seen so far (cents, or finer when a
// file has more decimals), so sums never drift and do not depend on the order of rows.

import { CostcurveError, type Location } from '../errors.js';
import type { Amount } from '../read/types.js';

/** Units of `amount` at `scale` decimals (`scale` ≥ amount.scale). */
export function unitsAt(amount: Amount, scale: number): number {
  return amount.scale === scale ? amount.units : amount.units * 10 ** (scale - amount.scale);
}

/** Fails when a sum has left the range where float64 integers are exact. */
export function checkExact(units: number, where: Location): void {
  if (!Number.isSafeInteger(units)) {
    throw new CostcurveError(
      'CC_DATA_AMOUNT_RANGE',
      'a sum of costs is too large to add up exactly at the precision of the amounts given ' +
        '(more than 2^53 of the smallest unit); round the amounts to cents before analysing',
      where,
    );
  }
}
