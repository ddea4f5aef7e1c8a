// Tests' view of a ServiceAmounts: its entries as arrays, in the order `each` visits them.

import type { ServiceAmounts } from '../../src/curve/breakdown.js';

export function entries(amounts: ServiceAmounts) {
  const person: number[] = [];
  const service: number[] = [];
  const amount: number[] = [];
  amounts.each((p, s, a) => {
    person.push(p);
    service.push(s);
    amount.push(a);
  });
  return { names: amounts.names, length: person.length, person, service, amount };
}
