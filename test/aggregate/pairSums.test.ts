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
          const sum = table.add(p, s, a);
          reference.set(`${p}/${s}`, (reference.get(`${p}/${s}`) ?? 0) + a);
          expect(sum).toBe(reference.get(`${p}/${s}`));
        }
        const entries = table.entries();
        const got = new Map<string, number>();
        for (let k = 0; k < entries.length; k++) got.set(`${entries.person[k]}/${entries.service[k]}`, entries.amount[k]);
        expect(got).toEqual(reference);
      }),
      { numRuns: 30 },
    );
  });

  it('keeps the largest persons and services apart', () => {
    // person · 2^21 + service + 1 must stay exact: 2^31 − 1 persons, 2^21 − 1 services.
    const table = new PairSums();
    table.add(2 ** 31 - 1, 2 ** 21 - 1, 5);
    table.add(2 ** 31 - 1, 0, 7);
    table.add(0, 2 ** 21 - 1, 11);
    const e = table.entries();
    const pairs = [...Array(e.length).keys()].map((k) => [e.person[k], e.service[k], e.amount[k]]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(pairs).toEqual([
      [0, 2 ** 21 - 1, 11],
      [2 ** 31 - 1, 0, 7],
      [2 ** 31 - 1, 2 ** 21 - 1, 5],
    ]);
  });
});
