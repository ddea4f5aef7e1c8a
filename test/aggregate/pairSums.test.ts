import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PairSums } from '../../src/aggregate/pairSums.js';

describe('PairSums: sums per (person, service)', () => {
  it('agrees with a Map keyed by "person/service", through several table growths', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(300), fc.nat(20), fc.integer({ min: -100, max: 100 })), { maxLength: 3000 }), (rows) => {
        const table = new PairSums(4);
        const reference = new Map<string, number>();
        for (const [p, s, a] of rows) {
          table.add(p, s, a);
          reference.set(`${p}/${s}`, (reference.get(`${p}/${s}`) ?? 0) + a);
        }
        const got = new Map<string, number>();
        for (let k = 0; k < table.length; k++) got.set(`${table.person[k]}/${table.service[k]}`, table.amount[k]);
        expect(got).toEqual(reference);
      }),
      { numRuns: 30 },
    );
  });
});
