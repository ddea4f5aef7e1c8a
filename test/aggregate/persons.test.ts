import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PersonTable } from '../../src/aggregate/persons.js';

const here = { file: 'x.csv', line: 2 };

describe('PersonTable: exact per-person sums in integer money units', () => {
  it('sums a person across rows and services', () => {
    const t = new PersonTable();
    t.addCost(t.person('a'), 'Kotihoito', { units: 1050, scale: 2 }, here); // 10,50
    t.addCost(t.person('b'), 'Kotihoito', { units: 3, scale: 0 }, here); // 3 → 300 cents
    t.addCost(t.person('a'), 'Päivystys', { units: -25, scale: 1 }, here); // −2,5 → −250 cents
    expect(t.length).toBe(2);
    expect([...t.totals.subarray(0, 2)]).toEqual([800, 300]);
    expect(t.serviceNames).toEqual(['Kotihoito', 'Päivystys']);
  });

  it('moves to a finer unit when an amount has more decimals, exactly', () => {
    const t = new PersonTable();
    t.addCost(t.person('a'), 's', { units: 1050, scale: 2 }, here); // 10.50
    t.addCost(t.person('a'), 's', { units: 1234, scale: 4 }, here); // 0.1234
    expect(t.scale).toBe(4);
    expect(t.totals[0]).toBe(106234); // 10.6234 in 1/10 000 €
    expect(t.pairs.amount[0]).toBe(106234);
  });

  it('sums 0.1 ten times to exactly 1 (floating point would give 0.9999999999999999)', () => {
    const t = new PersonTable();
    for (let i = 0; i < 10; i++) t.addCost(t.person('a'), 's', { units: 1, scale: 1 }, here);
    expect(t.totals[0] / 10 ** t.scale).toBe(1);
  });

  it('refuses sums beyond 2^53 units instead of rounding them', () => {
    const t = new PersonTable();
    t.addCost(t.person('a'), 's', { units: 2 ** 52, scale: 2 }, here); // 2^52 cents: still exact
    // 2^52 + 2^52 = 2^53 cents is past Number.MAX_SAFE_INTEGER (2^53 − 1)
    expect(() => t.addCost(t.person('a'), 's', { units: 2 ** 52, scale: 2 }, here)).toThrow(/too large to add up exactly/);
  });

  it('gives the same totals whatever the order of rows and scales', () => {
    const row = fc.record({ id: fc.constantFrom('a', 'b', 'c'), units: fc.integer({ min: -10_000, max: 10_000 }), scale: fc.integer({ min: 0, max: 4 }) });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 30 }).chain((rows) => fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }))), ([rows, shuffled]) => {
        const totals = (order: typeof rows) => {
          const t = new PersonTable();
          for (const r of order) t.addCost(t.person(r.id), 's', { units: r.units, scale: r.scale }, here);
          return Object.fromEntries(['a', 'b', 'c'].filter((id) => t.has(id)).map((id) => [id, t.totals[t.person(id)] / 10 ** t.scale]));
        };
        expect(totals(shuffled)).toEqual(totals(rows));
      }),
    );
  });
});
