// Groups and weights per person: the earliest place wins whatever the order, and disagreements count.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PersonAttributes, personGroups, surveyWeights } from '../../src/aggregate/attributes.js';
import { CostcurveError } from '../../src/errors.js';

interface Note {
  person: number;
  group: string | null;
  weight: number | null;
  file: string;
  line: number;
}

function attributesFrom(notes: Note[], roster: { person: number; group: string | null; weight: number | null }[] = []): PersonAttributes {
  const a = new PersonAttributes();
  for (const n of notes) a.fromRow(n.person, n.group, n.weight, { file: n.file, line: n.line });
  for (const r of roster) a.fromRoster(r.person, r.group, r.weight);
  return a;
}

describe('PersonAttributes: the earliest place wins', () => {
  it('by file name, then line — not by the order the rows were read', () => {
    const a = attributesFrom([
      { person: 0, group: '65-74', weight: 2, file: 'b.csv', line: 2 },
      { person: 0, group: '18-64', weight: 3, file: 'a.csv', line: 9 },
      { person: 0, group: '0-17', weight: 4, file: 'a.csv', line: 10 },
    ]);
    // a.csv comes before b.csv, and line 9 before line 10
    expect(a.groupOf(0)).toBe('18-64');
    expect(a.weightOf(0)).toBe(3);
    expect(a.groupConflicts(1)).toBe(1);
    expect(a.weightConflicts(1)).toBe(1);
  });

  it('the roster comes before every cost row; an empty roster value leaves the rows to decide', () => {
    const a = attributesFrom(
      [
        { person: 0, group: 'Itä', weight: 1, file: 'a.csv', line: 2 },
        { person: 1, group: 'Länsi', weight: null, file: 'a.csv', line: 3 },
      ],
      [
        { person: 0, group: 'Etelä', weight: 5 },
        { person: 1, group: null, weight: 7 },
      ],
    );
    expect([a.groupOf(0), a.weightOf(0)]).toEqual(['Etelä', 5]);
    expect([a.groupOf(1), a.weightOf(1)]).toEqual(['Länsi', 7]);
    expect(a.groupConflicts(2)).toBe(1); // person 0: Etelä vs Itä
    expect(a.weightConflicts(2)).toBe(1); // person 0: 5 vs 1
  });

  it('the same value on several rows is no conflict; no value gives null / NaN', () => {
    const a = attributesFrom([
      { person: 0, group: 'x', weight: 2.5, file: 'a.csv', line: 2 },
      { person: 0, group: 'x', weight: 2.5, file: 'b.csv', line: 2 },
      { person: 1, group: null, weight: null, file: 'a.csv', line: 3 },
    ]);
    expect(a.groupConflicts(3)).toBe(0);
    expect(a.weightConflicts(3)).toBe(0);
    expect(a.groupOf(1)).toBeNull();
    expect(a.weightOf(1)).toBeNaN();
    expect(a.groupOf(2)).toBeNull(); // a person never noted
  });

  it('any order of the same rows keeps the same values and counts the same conflicts (property)', () => {
    const note = fc.record({
      person: fc.integer({ min: 0, max: 5 }),
      group: fc.option(fc.constantFrom('a', 'b', 'c'), { nil: null }),
      weight: fc.option(fc.constantFrom(0, 1, 2.5), { nil: null }),
      file: fc.constantFrom('x.csv', 'y.csv', 'z.csv'),
      line: fc.integer({ min: 2, max: 6 }),
    });
    fc.assert(
      fc.property(fc.array(note, { maxLength: 30, size: 'max' }).chain((notes) => fc.tuple(fc.constant(notes), fc.shuffledSubarray(notes, { minLength: notes.length }))), ([notes, shuffled]) => {
        const a = attributesFrom(notes);
        const b = attributesFrom(shuffled);
        for (let p = 0; p < 6; p++) {
          expect(b.groupOf(p)).toBe(a.groupOf(p));
          expect(b.weightOf(p)).toBe(a.weightOf(p));
          // Independent: the earliest place's value (ties: the smallest), and whether values differ.
          const mine = notes.filter((n) => n.person === p && n.group !== null);
          const earliest = [...mine].sort((m, n) => (m.file < n.file ? -1 : m.file > n.file ? 1 : m.line - n.line || (m.group! < n.group! ? -1 : 1)))[0];
          expect(a.groupOf(p)).toBe(earliest?.group ?? null);
        }
        const distinct = (key: 'group' | 'weight') =>
          [0, 1, 2, 3, 4, 5].filter((p) => new Set(notes.filter((n) => n.person === p && n[key] !== null).map((n) => n[key])).size > 1).length;
        expect(a.groupConflicts(6)).toBe(distinct('group'));
        expect(b.groupConflicts(6)).toBe(distinct('group'));
        expect(b.weightConflicts(6)).toBe(distinct('weight'));
      }),
    );
  });
});

describe('surveyWeights and personGroups', () => {
  it('weight 0 is out of scope; every person needs a weight', () => {
    const a = attributesFrom([
      { person: 0, group: null, weight: 2, file: 'a.csv', line: 2 },
      { person: 1, group: null, weight: 0, file: 'a.csv', line: 3 },
    ]);
    const w = surveyWeights(2, a, 'PAINO');
    expect([...w.weights]).toEqual([2, 0]);
    expect([...w.inScope]).toEqual([1, 0]);
    expect(w.outOfScope).toBe(1);
    let error: unknown;
    try {
      surveyWeights(3, a, 'PAINO');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CostcurveError);
    expect((error as CostcurveError).code).toBe('CC_DATA_NO_WEIGHT');
    expect((error as CostcurveError).message).toMatch(/^1 of 3 persons have no weight \(--weight PAINO\)/);
  });

  it('gives each person of a population its group, persons without one in the group null', () => {
    const a = attributesFrom([
      { person: 0, group: 'b', weight: null, file: 'a.csv', line: 2 },
      { person: 2, group: 'a', weight: null, file: 'a.csv', line: 3 },
      { person: 3, group: 'b', weight: null, file: 'a.csv', line: 4 },
    ]);
    // the population holds table persons 3, 1, 0 (e.g. after leaving person 2 out)
    const table = [3, 1, 0];
    const g = personGroups(3, (k) => table[k], a);
    expect([...g.of].map((i) => g.names[i])).toEqual(['b', null, 'b']);
  });
});
