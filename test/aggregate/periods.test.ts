// Two periods' tables brought into one id space (alignPeriods): every id of either period is a
// person of both, matched by id, in the order the string-by-string reference adds them.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignPeriods } from '../../src/aggregate/periods.js';
import { PersonTable } from '../../src/aggregate/persons.js';

/** Ids of 1–8 bytes (most) and longer ones, sharing prefixes, some beyond ASCII. */
const id = fc.oneof(
  fc.stringMatching(/^[A-C][0-9]{0,3}$/),
  fc.stringMatching(/^PSEUDO-[0-9]{2,4}$/),
  fc.constantFrom('ä', 'Ä1', 'asiakas-äö-000001', 'A', 'A1234567', 'A12345678'),
);

function tableOf(ids: string[]): PersonTable {
  const t = new PersonTable();
  for (const x of ids) t.person(x);
  return t;
}

/** Person index → id. */
function idsOf(t: PersonTable): string[] {
  const out: string[] = [];
  for (const x of t.idList()) out[t.person(x)] = x;
  return out;
}

/** The reference: each id as a string, looked up one by one (the first period's others added to the second in its order). */
function reference(first: PersonTable, second: PersonTable, population: number | null): Uint32Array {
  for (const x of second.idList()) first.person(x);
  const persons = population ?? first.length;
  const toSecond = new Uint32Array(persons);
  for (const x of first.idList()) toSecond[first.person(x)] = second.person(x);
  while (first.length < persons) toSecond[first.anonymous()] = second.anonymous();
  return toSecond;
}

describe('alignPeriods', () => {
  it('gives both tables every id of either, matched by id, numbered as the string-by-string reference numbers them', () => {
    fc.assert(
      // Up to 700 ids a period: more than one batch of 256, with runs of matched persons between.
      fc.property(fc.array(id, { maxLength: 700 }), fc.array(id, { maxLength: 700 }), fc.nat(5), (a, b, extra) => {
        const first = tableOf(a);
        const second = tableOf(b);
        const union = new Set([...a, ...b]).size;
        const population = extra === 0 ? null : union + extra;
        const toSecond = alignPeriods(first, second, population);
        const persons = population ?? union;
        expect(first.length).toBe(persons);
        expect(second.length).toBe(persons);
        // A one-to-one map that pairs equal ids.
        expect(new Set(toSecond).size).toBe(persons);
        const firstIds = idsOf(first);
        const secondIds = idsOf(second);
        for (let i = 0; i < persons; i++) expect(secondIds[toSecond[i]]).toBe(firstIds[i]);
        expect(new Set(firstIds.filter((x) => x !== undefined))).toEqual(new Set([...a, ...b]));
        // The same numbering as the reference, on tables built alike.
        const f = tableOf(a);
        const s = tableOf(b);
        expect([...toSecond]).toEqual([...reference(f, s, population)]);
        expect(firstIds).toEqual(idsOf(f));
        expect(secondIds).toEqual(idsOf(s));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a population smaller than the persons of both periods', () => {
    expect(() => alignPeriods(tableOf(['a', 'b']), tableOf(['b', 'c']), 2)).toThrow(/--population 2 is smaller than the 3 persons/);
  });
});
