// Group figures, and weighted figures: hand calculations, independent reference implementations,
// the expanded sample for integer weights, and small-cell suppression counted in persons, not weight.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concentration, type ConcentrationOptions, type Population } from '../../src/curve/concentration.js';
import { serviceAmountsOf } from '../../src/curve/breakdown.js';
import { compareGroups } from '../../src/curve/groups.js';
import { expand, referenceGini, referenceTopShare } from './reference.js';

const options: ConcentrationOptions = {
  top: [0.25, 0.5],
  focus: 0.5,
  minCell: 0,
  reach: [0.5, 0.8],
  bottom: [0.5],
  curveStep: 0.25,
  unit: 1,
};

function population(totals: number[], groups: (string | null)[] | null, weights: number[] | null = null): Population {
  const names = groups === null ? [] : [...new Set(groups)];
  return {
    totals: Float64Array.from(totals),
    weights: weights === null ? null : Float64Array.from(weights),
    services: serviceAmountsOf(['s'], totals.length, [...totals.keys()], new Uint32Array(totals.length), totals),
    groups: groups === null ? null : { names, of: Uint32Array.from(groups, (g) => names.indexOf(g)) },
  };
}

describe('compareGroups', () => {
  it('sorts numbers inside labels by value, and the persons without a value last', () => {
    const labels = ['85+', '7-17', '18-64', null, '0-6', '65-74', 'Itä', 'Etelä', '075'];
    expect([...labels].sort(compareGroups)).toEqual(['0-6', '7-17', '18-64', '65-74', '075', '85+', 'Etelä', 'Itä', null]);
  });
});

describe('concentration: groups', () => {
  // Group a: totals 10, 0, 5, 5; group b: 20, 0. W = 6, T = 40. The top 50 % (3 persons) holds the
  // 20, the 10 and half of the block of two 5s, so each 5 has inclusion fraction 0.5.
  const c = concentration(population([10, 0, 5, 20, 5, 0], ['a', 'a', 'a', 'b', 'a', 'b']), options);

  it('computes every figure of each group by hand', () => {
    expect(c.groups.map((g) => g.group)).toEqual(['a', 'b']);
    const [a, b] = c.groups;
    expect(a).toMatchObject({ persons: 4, weight: 4, total: 20, mean: 5, zeroShare: 0.25, suppressed: false });
    expect(b).toMatchObject({ persons: 2, weight: 2, total: 20, mean: 10, zeroShare: 0.5, suppressed: false });
    // a: the top quarter is the 10 (10/20); the top half adds a 5 (15/20)
    expect(a.shares).toEqual([
      { top: 0.25, share: 0.5, suppressed: false },
      { top: 0.5, share: 0.75, suppressed: false },
    ]);
    expect(b.shares[1].share).toBe(1);
    // Gini = ΣΣ|xi − xj| / (2 n² mean): a 60 / 160 = 0.375; b 40 / 80 = 0.5
    expect(a.gini).toBeCloseTo(0.375, 15);
    expect(b.gini).toBeCloseTo(0.5, 15);
    // of the focus group's 3 persons: a has the 10 and 2 × 0.5 of the 5s, b has the 20
    expect(a.ofTop).toBeCloseTo(2 / 3, 15);
    expect(b.ofTop).toBeCloseTo(1 / 3, 15);
    expect(a.ofPopulation).toBeCloseTo(4 / 6, 15);
    expect(b.ofPopulation).toBeCloseTo(2 / 6, 15);
  });

  it('has no groups without a group column', () => {
    expect(concentration(population([1, 2], null), options).groups).toEqual([]);
  });

  it('puts the persons without a value in the group null, after the others', () => {
    const g = concentration(population([1, 2, 3], [null, 'x', 'x']), options).groups;
    expect(g.map((row) => [row.group, row.persons])).toEqual([
      ['x', 2],
      [null, 1],
    ]);
  });

  it('equals the reference top shares and Gini on each group, weighted, and ofTop and ofPopulation add up to 1 (property)', () => {
    const person = fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.double({ min: 0.1, max: 50, noNaN: true }), fc.constantFrom('a', 'b', 'c'));
    fc.assert(
      fc.property(fc.array(person, { minLength: 1, maxLength: 40, size: 'max' }), (persons) => {
        const totals = persons.map((p) => p[0]);
        const weights = persons.map((p) => p[1]);
        fc.pre(totals.some((x) => x > 0));
        const c = concentration(population(totals, persons.map((p) => p[2]), weights), options);
        for (const g of c.groups) {
          const mine = persons.filter((p) => p[2] === g.group);
          const x = mine.map((p) => p[0]);
          const w = mine.map((p) => p[1]);
          if (x.every((v) => v === 0)) continue;
          expect(g.gini!).toBeCloseTo(referenceGini(x, w), 9);
          for (const s of g.shares) expect(s.share!).toBeCloseTo(referenceTopShare(x, w, s.top), 9);
        }
        const sum = (f: (g: (typeof c.groups)[number]) => number | null) => c.groups.reduce((s, g) => s + f(g)!, 0);
        expect(sum((g) => g.ofTop)).toBeCloseTo(1, 12);
        expect(sum((g) => g.ofPopulation)).toBeCloseTo(1, 12);
      }),
    );
  });

  it('does not depend on the order of the persons (property)', () => {
    const person = fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 1, max: 9 }), fc.constantFrom('a', 'b', null));
    fc.assert(
      fc.property(
        fc.array(person, { minLength: 1, maxLength: 30, size: 'max' }).chain((p) => fc.tuple(fc.constant(p), fc.shuffledSubarray(p, { minLength: p.length }))),
        ([persons, shuffled]) => {
          fc.pre(persons.some((p) => p[0] > 0));
          const figures = (list: typeof persons) =>
            JSON.stringify(concentration(population(list.map((p) => p[0]), list.map((p) => p[2]), list.map((p) => p[1] / 4)), options).groups);
          expect(figures(shuffled)).toBe(figures(persons));
        },
      ),
    );
  });
});

describe('concentration: survey weights', () => {
  it('x = 10, 0 with weights 2, 3: Gini 0.6, zero share 0.6, mean 4, no giniCorrected', () => {
    // Lorenz points (0.6, 0), (1, 1): 1 − 0.4·(0 + 1) = 0.6; T = 20, W = 5
    const c = concentration(population([10, 0], null, [2, 3]), options);
    expect(c.gini).toBeCloseTo(0.6, 15);
    expect(c.zeroShare).toBe(0.6);
    expect(c.mean).toBe(4);
    expect(c.weight).toBe(5);
    expect(c.persons).toBe(2);
    expect(c.giniCorrected).toBeNull();
  });

  it('integer weights give the figures of the expanded sample (property)', () => {
    const person = fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 5 }), fc.constantFrom('a', 'b'));
    fc.assert(
      fc.property(fc.array(person, { minLength: 1, maxLength: 25, size: 'max' }), (persons) => {
        const totals = persons.map((p) => p[0]);
        const weights = persons.map((p) => p[1]);
        const groups = persons.map((p) => p[2]);
        fc.pre(totals.some((x) => x > 0));
        const weighted = concentration(population(totals, groups, weights), options);
        const expanded = concentration(
          population(expand(totals, weights), expand(groups as unknown as number[], weights) as unknown as string[]),
          options,
        );
        // Counts of persons in the file differ by design (and so does giniCorrected: unweighted only).
        const figures = (c: typeof weighted) => ({
          total: c.total,
          mean: c.mean,
          median: c.median,
          zeroShare: c.zeroShare,
          weight: c.weight,
          shares: c.shares,
          bottom: c.bottom,
          reach: c.reach,
          curve: c.curve,
          deciles: c.deciles.map((d) => ({ share: d.share, persons: d.persons, mean: d.mean, min: d.min, max: d.max })),
          services: c.services.map((s) => ({ ...s, users: null })),
          groups: c.groups.map((g) => ({ ...g, persons: null })),
        });
        const w = figures(weighted);
        const e = figures(expanded);
        expect(w.shares).toEqual(e.shares);
        expect(w.curve).toEqual(e.curve);
        expect(w.deciles).toEqual(e.deciles);
        // Breakdowns add f·w·a for a weighted person and f·a w times for its copies: equal up to rounding.
        const close = (x: object, y: object) => {
          const a = Object.values(x);
          const b = Object.values(y);
          a.forEach((v, k) => (typeof v === 'number' ? expect(v).toBeCloseTo(b[k] as number, 12) : expect(v).toEqual(b[k])));
        };
        w.services.forEach((s, k) => close(s, e.services[k]));
        w.groups.forEach((g, k) => close({ ...g, shares: null }, { ...e.groups[k], shares: null }));
        expect(w.groups.map((g) => g.shares)).toEqual(e.groups.map((g) => g.shares));
        expect(weighted.gini!).toBeCloseTo(expanded.gini!, 12);
        expect({ ...w, groups: null, shares: null, curve: null, deciles: null, services: null }).toEqual({
          ...e,
          groups: null,
          shares: null,
          curve: null,
          deciles: null,
          services: null,
        });
      }),
    );
  });
});

describe('concentration: small groups are suppressed by persons in the file, not by weight', () => {
  it.each([
    { persons: 4, suppressed: true },
    { persons: 5, suppressed: false },
    { persons: 6, suppressed: false },
  ])('a group of $persons persons with weights of 10 000 each, --min-cell 5: suppressed $suppressed', ({ persons, suppressed }) => {
    // Group big: 20 persons, mid: 10 persons (weight 1), small: the persons with huge weights.
    const small = Array.from({ length: persons }, (_, i) => (i + 1) * 100);
    const big = Array.from({ length: 20 }, (_, i) => (i + 1) * 10);
    const mid = Array.from({ length: 10 }, (_, i) => (i + 1) * 7);
    const c = concentration(
      population(
        [...big, ...mid, ...small],
        [...big.map(() => 'big'), ...mid.map(() => 'mid'), ...small.map(() => 'small')],
        [...big.map(() => 1), ...mid.map(() => 1), ...small.map(() => 10_000)],
      ),
      // focus 100 %: everyone is in the focus group, so ofTop is withheld only with the group
      { ...options, minCell: 5, top: [0.5, 1], focus: 1 },
    );
    const g = c.groups.find((row) => row.group === 'small')!;
    expect(g.suppressed).toBe(suppressed);
    for (const figure of [g.persons, g.weight, g.total, g.mean, g.zeroShare, g.gini, g.ofTop, g.ofPopulation]) {
      expect(figure === null).toBe(suppressed);
    }
    // Within the group: its top 100 % is the whole group, its top 50 % is persons/2 (< 5 persons).
    expect(g.shares.map((s) => s.suppressed)).toEqual([true, suppressed]);
    // Complementary: with small hidden, mid (the next smallest) is hidden too, or the population's
    // persons, weight and total minus big and mid would give small's; big is shown either way.
    expect(c.groups.find((row) => row.group === 'mid')).toMatchObject({ persons: suppressed ? null : 10, suppressed });
    expect(c.groups.find((row) => row.group === 'big')).toMatchObject({ persons: 20, suppressed: false });
  });

  it('withholds more groups while the hidden ones hold fewer than --min-cell persons together', () => {
    // Groups A and B of 1 person each, C of 50, --min-cell 5: A and B are hidden, but the published
    // total less C's would be A's and B's cost together, 2 persons: C is hidden too.
    const totals = [700, 900, ...Array.from({ length: 50 }, (_, i) => i + 1)];
    const groups = ['A', 'B', ...Array(50).fill('C')];
    const c = concentration(population(totals, groups), { ...options, minCell: 5 });
    expect(c.groups.map((g) => [g.group, g.persons, g.total])).toEqual([
      ['A', null, null],
      ['B', null, null],
      ['C', null, null],
    ]);
    // With B of 4 persons, A and B hold 5 together: C is shown.
    const wider = concentration(population([700, ...totals.slice(1, 5).map(() => 900), ...totals.slice(2)], ['A', 'B', 'B', 'B', 'B', ...Array(50).fill('C')]), {
      ...options,
      minCell: 5,
    });
    expect(wider.groups.map((g) => [g.group, g.persons])).toEqual([
      ['A', null],
      ['B', null],
      ['C', 50],
    ]);
  });

  it("withholds ofTop when fewer than --min-cell of a group's persons are in the focus group, and the next smallest ofTop with it", () => {
    // Totals 1..30; the top 20 % is 30..25: three of hi, two of mid, one of lo.
    const totals = Array.from({ length: 30 }, (_, i) => i + 1);
    const groups = totals.map((x) => (x >= 28 || x <= 6 ? 'hi' : x >= 26 || x <= 15 ? 'mid' : 'lo'));
    const c = concentration(population(totals, groups), { ...options, minCell: 2, focus: 0.2 });
    const [hi, lo, mid] = c.groups;
    expect(hi).toMatchObject({ group: 'hi', persons: 9, suppressed: false });
    expect(hi.ofTop).toBeCloseTo(3 / 6, 15);
    expect(lo).toMatchObject({ group: 'lo', persons: 10, ofTop: null, suppressed: true, suppressedFields: ['ofTop'] });
    // mid's 2 of 6 would give lo's 1 of 6 as 1 − 3/6 − 2/6
    expect(mid).toMatchObject({ group: 'mid', persons: 11, ofTop: null, suppressed: true, suppressedFields: ['ofTop'] });
    expect(lo.total).toBe(16 + 17 + 18 + 19 + 20 + 21 + 22 + 23 + 24 + 25);
  });

  it('withholds a zero share that would reveal 1 to --min-cell − 1 persons with or without costs', () => {
    // a: 4 zeros and 6 with costs; b: 1 zero and 9 with costs; c: 3 zeros and 7 with costs
    const totals = [0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7];
    const groups = totals.map((_, i) => (i < 10 ? 'a' : i < 20 ? 'b' : 'c'));
    const [a, b, c] = concentration(population(totals, groups), { ...options, minCell: 2 }).groups;
    expect(a.zeroShare).toBe(0.4);
    expect(b).toMatchObject({ zeroShare: null, suppressed: true, suppressedFields: ['zeroShare'] });
    // b's count (1) would follow from the population's 8 zeros minus a's 4 and c's 3: c, the smaller, goes too
    expect(c).toMatchObject({ zeroShare: null, suppressed: true, suppressedFields: ['zeroShare'] });
  });
});
