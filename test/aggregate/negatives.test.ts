import { describe, expect, it } from 'vitest';
import { applyNegatives } from '../../src/aggregate/negatives.js';
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
});
