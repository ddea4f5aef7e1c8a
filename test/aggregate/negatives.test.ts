import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyNegatives, exactSum } from '../../src/aggregate/negatives.js';
import { PersonTable } from '../../src/aggregate/persons.js';
import { entries } from './serviceEntries.js';


const here = { file: 'x.csv', line: 2 };

/** a: 10 € (Kotihoito 15, credit −5 in Päivystys); b: net −3 € (Kotihoito 2, credit −5); c: 0 €. */
function table(): PersonTable {
  const t = new PersonTable();
  t.addCost(t.person('a'), 'Kotihoito', { units: 15, scale: 0 }, here);
  t.addCost(t.person('a'), 'Päivystys', { units: -5, scale: 0 }, here);
  t.addCost(t.person('b'), 'Kotihoito', { units: 2, scale: 0 }, here);
  t.addCost(t.person('b'), 'Päivystys', { units: -5, scale: 0 }, here);
  t.addCost(t.person('c'), 'Kotihoito', { units: 0, scale: 0 }, here);
  return t;
}

describe('--negatives: residents whose net total is below zero', () => {
  it('clip: b counts as zero overall and in every service; services still add up to the total', () => {
    const p = applyNegatives(table(), 'clip');
    expect([...p.population.totals]).toEqual([1000, 0, 0]); // cents: a 10 €, b clipped, c 0
    expect(p.negative).toBe(1);
    expect(p.clipped).toBe(1);
    expect(p.total).toBe(1000);
    const services = p.population.services;
    // b (person 1) is marked to count as zero in every service; its amounts stay as read.
    expect([...services.asZero!]).toEqual([0, 1, 0]);
    const e = entries(services);
    const sum = e.amount.reduce((s, x, k) => s + (services.asZero![e.person[k]] ? 0 : x), 0);
    expect(sum).toBe(1000); // a's 1500 − 500; b's 200 and −500 count as zero
  });

  it('clip with memory the table lends (its spare, full of other bytes): the same copy and marks, the table\'s totals untouched', () => {
    const t = table();
    const lent = new ArrayBuffer(64);
    new Uint8Array(lent).fill(0xff);
    t.spare.lend({ buffer: lent, byteOffset: 0, byteLength: 64 });
    const p = applyNegatives(t, 'clip');
    // The copy (24 bytes) and the marks (3) are the lent memory's.
    expect(p.population.totals.buffer).toBe(lent);
    expect(p.population.services.asZero!.buffer).toBe(lent);
    expect([...p.population.totals]).toEqual([1000, 0, 0]);
    expect([...p.population.services.asZero!]).toEqual([0, 1, 0]);
    expect([...t.totals.subarray(0, 3)]).toEqual([1000, -300, 0]);
    expect(p.population.spare).toBe(t.spare);
  });

  it('keep, and clip without negatives, share the table\'s totals and mark no one', () => {
    const t = table();
    expect(applyNegatives(t, 'keep').population.services.asZero).toBeNull();
    const u = new PersonTable();
    u.addCost(u.person('a'), 'Kotihoito', { units: 15, scale: 0 }, here);
    const p = applyNegatives(u, 'clip');
    expect(p.population.services.asZero).toBeNull();
    expect(p.population.totals.buffer).toBe(u.totals.buffer);
  });

  it('keep: b stays at −3 €, and the total is net: 10 − 3 = 7 €', () => {
    const p = applyNegatives(table(), 'keep');
    expect([...p.population.totals]).toEqual([1000, -300, 0]);
    expect(p.clipped).toBe(0);
    expect(p.total).toBe(700);
  });

  it('error: stops with a data error that says what to do', () => {
    expect(() => applyNegatives(table(), 'error')).toThrow(/1 resident has a negative net total.*--negatives clip.*--negatives keep/);
  });
  it('out of scope (weight 0): left out of the persons, the negatives and the services, the others renumbered in table order', () => {
    // a (10 €), b (−3 €), c (0 €); b out of scope: a and c are persons 0 and 1, table indexes 0 and 2,
    // and no one is negative. Services by hand: a's Kotihoito 1500 and Päivystys −500 cents, c's
    // Kotihoito 0; b's 200 and −500 are not visited.
    const p = applyNegatives(table().seal(), 'error', Uint8Array.from([1, 0, 1]));
    expect([...p.population.totals]).toEqual([1000, 0]);
    expect([...p.tableIndex!]).toEqual([0, 2]);
    expect(p.negative).toBe(0);
    expect(p.total).toBe(1000);
    const e = entries(p.population.services);
    const visited = e.person.map((person, k) => `${person}:${e.names[e.service[k]]}:${e.amount[k]}`).sort();
    expect(visited).toEqual(['0:Kotihoito:1500', '0:Päivystys:-500', '1:Kotihoito:0']);
    // Visited again, the same (the pairs are read where they are, each time).
    expect(entries(p.population.services)).toEqual(e);
    // Everyone in scope: the table as it is, no renumbering.
    const all = applyNegatives(table().seal(), 'keep', Uint8Array.from([1, 1, 1]));
    expect(all.tableIndex).toBeNull();
    expect([...all.population.totals]).toEqual([1000, -300, 0]);
  });
});

describe('exactSum: the total of the persons’ totals, exact', () => {
  it('equals the sum in BigInt for any integer totals', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -(2 ** 40), max: 2 ** 40 })), (totals) => {
        const want = totals.reduce((s, v) => s + BigInt(v), 0n);
        expect(BigInt(exactSum(Float64Array.from(totals)))).toBe(want);
      }),
    );
  });

  it('past 2^53 in absolute sum it still sums exactly: 2^53 − 1 + 2 − 2 is 2^53 − 1', () => {
    // Left to right in plain doubles, 2^53 − 1 + 2 rounds to 2^53 (ties to even), and − 2 leaves 2^53 − 2.
    expect(exactSum(Float64Array.from([2 ** 53 - 1, 2, -2]))).toBe(2 ** 53 - 1);
  });

  it('sums fractions as exactly: 0.1 + 0.2 − 0.3 is the exact sum of those doubles, 2^−55', () => {
    // The doubles nearest 0.1, 0.2 and 0.3 add up to 2^−55 exactly (0.3's double is 2^−55 below their sum).
    expect(exactSum(Float64Array.from([0.1, 0.2, -0.3]))).toBe(2 ** -55);
  });
});
