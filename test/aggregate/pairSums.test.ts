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
    // A slot holds person + 1 and the service as 32-bit words: persons up to 2^31 − 2, services up
    // to 2^31 − 1 (the tables stop far below: MAX_ENTRIES persons, MAX_SERVICES services).
    const table = new PairSums();
    table.add(2 ** 31 - 2, 2 ** 31 - 1, 5);
    table.add(2 ** 31 - 2, 0, 7);
    table.add(0, 2 ** 31 - 1, 11);
    table.add(0, 2 ** 31 - 1, 1);
    const e = table.entries();
    const pairs = [...Array(e.length).keys()].map((k) => [e.person[k], e.service[k], e.amount[k]]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(pairs).toEqual([
      [0, 2 ** 31 - 1, 12],
      [2 ** 31 - 2, 0, 7],
      [2 ** 31 - 2, 2 ** 31 - 1, 5],
    ]);
  });
});
