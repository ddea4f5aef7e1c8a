import { describe, expect, it } from 'vitest';
import { concentration, type ConcentrationOptions, type Population } from '../../src/curve/concentration.js';
import { serviceAmountsOf } from '../../src/curve/breakdown.js';

const options: ConcentrationOptions = {
  top: [0.1, 0.5],
  focus: 0.5,
  minCell: 5,
  reach: [0.5],
  bottom: [0.5],
  curveStep: 0.25,
  unit: 100, // totals in cents
};

function population(totals: number[], services: [number, number, number][] = [], names: string[] = []): Population {
  return {
    totals: Float64Array.from(totals),
    weights: null,
    services: serviceAmountsOf(
      names,
      services.length,
      services.map((e) => e[0]),
      services.map((e) => e[1]),
      services.map((e) => e[2]),
    ),
  };
}

describe('concentration: all figures for one population', () => {
  it('computes the headline figures in euros from cents', () => {
    // 10 persons, totals 0..9 €: T = 45 €, mean 4.5 €, median 4.5 €
    const c = concentration(population([0, 100, 200, 300, 400, 500, 600, 700, 800, 900]), { ...options, minCell: 0 });
    expect(c.total).toBe(45);
    expect(c.mean).toBe(4.5);
    expect(c.median).toBe(4.5);
    expect(c.zeroCost).toBe(1);
    expect(c.zeroShare).toBe(0.1);
    // top 50 % = 9+8+7+6+5 = 35 of 45
    expect(c.shares[1].share).toBeCloseTo(35 / 45, 15);
    expect(c.shares[1].threshold).toBe(5);
    expect(c.shares[1].mean).toBe(7); // 35 € / 5 persons
    // bottom 50 % = 0+1+2+3+4 = 10 of 45
    expect(c.bottom[0].share).toBeCloseTo(10 / 45, 15);
    expect(c.curve.map((p) => p[0])).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(c.curve[4][1]).toBe(1);
    expect(c.giniCorrected).toBeCloseTo((c.gini! * 10) / 9, 15);
    expect(c.suppressedAny).toBe(false);
  });

  it.each([
    // Top 50 % of 8, 10 and 12 persons: 4, 5 and 6 persons against --min-cell 5.
    { persons: 8, topPersons: 4, suppressed: true },
    { persons: 10, topPersons: 5, suppressed: false },
    { persons: 12, topPersons: 6, suppressed: false },
  ])('suppresses a top group of $topPersons persons: $suppressed', ({ persons, suppressed }) => {
    const totals = Array.from({ length: persons }, (_, i) => (i + 1) * 100);
    const c = concentration(population(totals), options);
    const half = c.shares[1];
    expect(half.suppressed).toBe(suppressed);
    expect(half.share === null).toBe(suppressed);
    expect(half.threshold === null).toBe(suppressed);
    expect(half.mean === null).toBe(suppressed);
    expect(half.persons).toBe(persons / 2); // p·W is not a figure about anyone
    expect(c.suppressedAny).toBe(true); // the top 10 % (≤ 1.2 persons) is always too small here
  });

  it('suppresses a service with fewer users than --min-cell, and the next smallest so it cannot be subtracted out', () => {
    // 6 persons of 100 €: service a 80 € each; c 10 € each; b 10 € for 4 of them (whose c is 0 … see below)
    const entries: [number, number, number][] = [];
    for (let i = 0; i < 6; i++) entries.push([i, 0, 8000]); // a: 6 users, 480 €
    for (let i = 0; i < 4; i++) entries.push([i, 1, 2000]); // b: 4 users, 80 € (primary: < 5 users)
    for (let i = 4; i < 6; i++) entries.push([i, 2, 2000]); // c: 2 users, 40 € (primary too)
    for (let i = 0; i < 6; i++) entries.push([i, 3, 0]); // d: no amounts, no users
    const c = concentration(population(Array(6).fill(10000), entries, ['a', 'b', 'c', 'd']), { ...options, focus: 1 });
    const a = c.services.find((s) => s.service === 'a')!;
    expect(a).toMatchObject({ total: 480, users: 6, suppressed: false, topShare: 1 });
    expect(a.share).toBeCloseTo(480 / 600, 15);
    for (const name of ['b', 'c']) {
      expect(c.services.find((s) => s.service === name)).toMatchObject({ total: null, share: null, topShare: null, ofTop: null, users: null, suppressed: true });
    }
  });

  it('hides a second service when only one would be hidden (complementary suppression)', () => {
    // a: 6 users 480 €; b: 4 users 80 € (primary); e: 6 users 6 € → the smallest shown, hidden too
    const entries: [number, number, number][] = [];
    for (let i = 0; i < 6; i++) entries.push([i, 0, 8000], [i, 2, 100]);
    for (let i = 0; i < 4; i++) entries.push([i, 1, 2000]);
    const totals = [10100, 10100, 10100, 10100, 8100, 8100];
    const c = concentration(population(totals, entries, ['a', 'b', 'e']), { ...options, focus: 1 });
    expect(c.services.map((s) => [s.service, s.total])).toEqual([['a', 480], ['b', null], ['e', null]]);
  });

  it('hides more services while the hidden ones have fewer than --min-cell users together', () => {
    // 10 persons use z (100 € each); person 0 alone also uses x (50 €) and y (30 €). x and y are
    // hidden, but the total less z would be their sum, one person's: z is hidden too.
    const entries: [number, number, number][] = [[0, 0, 5000], [0, 1, 3000]];
    for (let i = 0; i < 10; i++) entries.push([i, 2, 10000]);
    const totals = [18000, ...Array(9).fill(10000)];
    const c = concentration(population(totals, entries, ['x', 'y', 'z']), { ...options, focus: 1 });
    expect(c.services.map((s) => [s.service, s.total])).toEqual([['z', null], ['x', null], ['y', null]]);
    // y used by persons 1–4 instead: x and y have 5 users together (each counted once), and z is shown.
    const apart: [number, number, number][] = [[0, 0, 5000]];
    for (let i = 1; i < 5; i++) apart.push([i, 1, 3000]);
    for (let i = 0; i < 10; i++) apart.push([i, 2, 10000]);
    const d = concentration(population([15000, 13000, 13000, 13000, 13000, ...Array(5).fill(10000)], apart, ['x', 'y', 'z']), { ...options, focus: 1 });
    expect(d.services.map((s) => [s.service, s.total])).toEqual([['z', 1000], ['y', null], ['x', null]]);
  });

  it("counts only the users of hidden services whose figure is not 0: a net 0 adds nothing to what follows", () => {
    // x: person 0, 50 €; w: person 1, 30 €; y: persons 2–4, +10, +10, −20 € (net 0); z: all 12
    // persons, 100 € each. x, w and y are hidden (1, 1 and 3 users), but y adds 0 to the total less
    // z's, which would be x's and w's 80 € of 2 persons: z is hidden too.
    const entries: [number, number, number][] = [[0, 0, 5000], [1, 1, 3000], [2, 2, 1000], [3, 2, 1000], [4, 2, -2000]];
    for (let i = 0; i < 12; i++) entries.push([i, 3, 10000]);
    const totals = entries.reduce((t, [i, , a]) => ((t[i] += a), t), Array(12).fill(0));
    const c = concentration(population(totals, entries, ['x', 'w', 'y', 'z']), { ...options, focus: 1 });
    expect(c.services.find((s) => s.service === 'z')!.total).toBeNull();
  });

  it('never takes a service with nothing in the focus group as the complement of a hidden top figure', () => {
    // 12 persons: 0–5 have 1 000 € (the focus group, top 50 %), 6–11 have 10 €. Service a: person 0,
    // 10 € (1 user, hidden); b: persons 6–11, 6 € each (6 users, none in the focus group); c: the rest.
    // b's totals are hidden beside a's; b's topCost is 0, which hides nothing, so c's top figures go:
    // else the focus group's cost less c's would be a's 10 €.
    const entries: [number, number, number][] = [[0, 0, 1000]];
    for (let i = 6; i < 12; i++) entries.push([i, 1, 600], [i, 2, 400]);
    entries.push([0, 2, 99000]);
    for (let i = 1; i < 6; i++) entries.push([i, 2, 100000]);
    const totals = [...Array(6).fill(100000), ...Array(6).fill(1000)];
    const c = concentration(population(totals, entries, ['a', 'b', 'c']), { ...options, focus: 0.5 });
    const svc = c.services.find((s) => s.service === 'c')!;
    // c: 99 000 + 5 × 100 000 + 6 × 400 = 601 400 cents
    expect(svc).toMatchObject({ total: 6014, users: 12, topShare: null, ofTop: null, suppressed: true });
    expect(c.services.filter((s) => s.service !== 'c').map((s) => s.total)).toEqual([null, null]);
  });

  it('a service whose net total is zero has no topShare, and that is not suppression', () => {
    const entries: [number, number, number][] = [];
    for (let i = 0; i < 6; i++) entries.push([i, 0, 1000], [i, 1, i % 2 ? 500 : -500]);
    const c = concentration(population(Array(6).fill(1000), entries, ['a', 'z']), { ...options, minCell: 0, focus: 1 });
    expect(c.services.find((s) => s.service === 'z')).toMatchObject({ total: 0, topShare: null, suppressed: false });
  });

  it('suppresses the population maximum, but shows inner decile bounds and a value many share', () => {
    // 100 persons: 60 with 0, 40 with distinct totals 1..40 €
    const totals = [...Array(60).fill(0), ...Array.from({ length: 40 }, (_, i) => (i + 1) * 100)];
    const c = concentration(population(totals), options);
    // decile 1 = the top 10: 40 € … 31 €; 40 € is one resident's total, 31 € the cut point to decile 2
    expect(c.deciles[0]).toMatchObject({ min: 31, max: null, suppressed: true, suppressedFields: ['max'] });
    expect(c.deciles[0].share).toBeCloseTo((31 + 40) * 5 / 820, 15); // Σ 31..40 = 355 of Σ 1..40 = 820
    expect(c.deciles[1]).toMatchObject({ min: 21, max: 30, suppressed: false });
    expect(c.deciles[9]).toMatchObject({ min: 0, max: 0, suppressed: false }); // 10 persons share the 0
  });

  it('cuts exactly where the percentage says, without float noise: 7 % of 100 persons is 7 persons', () => {
    // totals 1..100 €: the top 7 % is 100 € … 94 € (0.07 × 100 = 7.000000000000001 in floating point)
    const c = concentration(population(Array.from({ length: 100 }, (_, i) => (i + 1) * 100)), { ...options, top: [0.07, 0.14, 0.28], minCell: 0 });
    expect(c.shares.map((s) => s.threshold)).toEqual([94, 87, 73]);
    expect(c.shares.map((s) => s.persons)).toEqual([7, 14, 28]);
  });

  it('deciles of 90 persons: decile 8 ends at the 63rd person (0.7 × 90 = 62.99999999999999)', () => {
    const c = concentration(population(Array.from({ length: 90 }, (_, i) => (i + 1) * 100)), { ...options, minCell: 0 });
    // descending 90 … 1 €: decile 8 = persons 64..72 from the top = 27 € … 19 €
    expect(c.deciles[7]).toMatchObject({ max: 27, min: 19, persons: 9 });
  });

  it('suppresses counts of 1–4 residents with or without costs', () => {
    const c = concentration(population([0, 100, 200, 300, 400, 500, 600]), options); // one zero-cost resident
    expect(c.zeroCost).toBeNull();
    expect(c.withCost).toBeNull(); // it would give the other away: 7 − 6
    expect(c.zeroShare).toBeNull();
  });

  it('withholds curve points that would give away the cheapest residents, or a few between two points', () => {
    // 20 persons with totals 1..20 €, --min-cell 5, points every 5 % (one person each)
    const c = concentration(population(Array.from({ length: 20 }, (_, i) => (i + 1) * 100)), { ...options, curveStep: 0.05 });
    const published = c.curve.filter(([, share]) => share !== null).map(([p]) => p);
    // p = 0.25 is the first point with 5 persons above it; then every 5 more (0.5, 0.75); 0.8 would
    // leave only 4 below it; 1 is C(1) = 1, no one's figure.
    expect(published).toEqual([0, 0.25, 0.5, 0.75, 1]);
    // Every published step holds at least 5 persons: nobody's total follows from a difference.
    expect(c.curve.find(([p]) => p === 0.95)![1]).toBeNull(); // 1 − C(0.95) would be the cheapest resident's total
  });

  it('withholds a top share that leaves fewer than --min-cell persons outside it: 1 − share gives their cost', () => {
    // 40 persons, totals 1..40 €, --min-cell 5. The focus (50 %) is 20 persons, then the top shares:
    // 10 % = 4 persons (too few), 20 % = 8 (8 from 0, 12 from 20, 32 from 40: shown), 90 % = 36
    // persons, 4 from all 40 (so T × (1 − share) would be the 4 cheapest persons' cost), 92.5–97.5 %
    // closer still.
    const totals = Array.from({ length: 40 }, (_, i) => (i + 1) * 100);
    const c = concentration(population(totals), { ...options, top: [0.1, 0.2, 0.5, 0.9, 0.925, 0.95, 0.975], reach: [], bottom: [] });
    expect(c.shares.map((s) => s.share !== null)).toEqual([false, true, true, false, false, false, false]);
    expect(c.shares[3]).toMatchObject({ share: null, threshold: null, mean: null, persons: 36, suppressed: true });
    expect(c.shares[1].share).toBeCloseTo((33 + 40) * 4 / 820, 15); // the top 8: Σ 33..40 = 292 of Σ 1..40 = 820
  });

  it("takes the zero-cost residents' edge as a published point when their count is shown", () => {
    // 100 persons: 6 with costs (10, 9, 8, 7, 6 and 0,37 €) and 94 with none. withCost 6 and
    // zeroCost 94 are shown, so C = 1 at 6 persons is known: the top 5 % (5 persons, 1 from that
    // edge) would give T × (1 − share) = 0,37 €, the sixth resident's cost. It is withheld.
    const totals = [1000, 900, 800, 700, 600, 37, ...Array(94).fill(0)];
    const c = concentration(population(totals), { ...options, top: [0.05], reach: [], bottom: [], focus: 0.05 });
    expect([c.withCost, c.zeroCost]).toEqual([6, 94]);
    expect(c.shares[0]).toMatchObject({ share: null, suppressed: true });
  });

  it('withholds a curve point near a published top share, not only near the last curve point', () => {
    // 40 persons, totals 1..40 €, points every 2 % (0.8 persons), --min-cell 5. Published first: 0,
    // all 40, and the focus and top share at 50 % (20 persons). Then each curve point at least 5
    // persons from every point before it: 0.14 (5.6), 0.28 (11.2); 0.42 (16.8) is 3.2 from 20;
    // 0.5 is the top share itself; 0.52 (20.8) is 0.8 from it, so C(0.52) − C(0.5) would give away
    // most of the 21st person's total; 0.64 (25.6), 0.78 (31.2); 0.92 (36.8) is 3.2 from 40.
    const totals = Array.from({ length: 40 }, (_, i) => (i + 1) * 100);
    const c = concentration(population(totals), { ...options, top: [0.5], reach: [], bottom: [], curveStep: 0.02 });
    const published = c.curve.filter(([, share]) => share !== null).map(([p]) => p);
    expect(published).toEqual([0, 0.14, 0.28, 0.5, 0.64, 0.78, 1]);
  });

  it('withholds the deciles whose edge lies within --min-cell persons of a published top share', () => {
    // 100 persons, totals 1..100 €: the top share at 12 % (12 persons) comes first; the deciles'
    // edges at 10, 20, … persons: 10 is 2 from 12, so C(0.12) − C(0.1) would be persons 11 and 12's
    // cost. Deciles 1 and 2 (either side of that edge) are withheld; 3–10 are shown.
    const totals = Array.from({ length: 100 }, (_, i) => (i + 1) * 100);
    const c = concentration(population(totals), { ...options, top: [0.12], reach: [], bottom: [] });
    expect(c.deciles.map((d) => d.share !== null)).toEqual([false, false, true, true, true, true, true, true, true, true]);
    expect(c.deciles[2].share).toBeCloseTo((71 + 80) * 5 / 5050, 15); // persons 21..30 from the top: 80 € … 71 €
  });

  it('a service with none of its users in the focus group shows topShare 0 and hides nothing else', () => {
    // 10 persons: the top one has only service a; b's 6 users are all outside the top 10 %
    const entries: [number, number, number][] = [[0, 0, 100000]];
    for (let i = 1; i < 10; i++) entries.push([i, 0, 1000]);
    for (let i = 4; i < 10; i++) entries.push([i, 1, 500]);
    const totals = [100000, 1000, 1000, 1000, 1500, 1500, 1500, 1500, 1500, 1500];
    const c = concentration(population(totals, entries, ['a', 'b']), { ...options, focus: 0.1, minCell: 1 });
    expect(c.services.find((s) => s.service === 'b')).toMatchObject({ topShare: 0, ofTop: 0, suppressed: false });
    expect(c.services.find((s) => s.service === 'a')).toMatchObject({ topShare: 100000 / 109000, ofTop: 1, suppressed: false });
  });

  it('suppresses everything about a population smaller than --min-cell', () => {
    const c = concentration(population([100, 200, 300]), options);
    expect(c.total).toBeNull();
    expect(c.gini).toBeNull();
    expect(c.median).toBeNull();
  });

  it('--min-cell 0 turns suppression off', () => {
    const c = concentration(population([100, 200, 300]), { ...options, minCell: 0 });
    expect(c.total).toBe(6);
    expect(c.suppressedAny).toBe(false);
  });

  it('services reconcile: ofTop adds up to 1 and the service totals to the total', () => {
    const entries: [number, number, number][] = [
      [0, 0, 500], [0, 1, 700], [1, 1, 300], [2, 0, 100], [3, 2, 50], [4, 0, 1],
    ];
    const c = concentration(population([1200, 300, 100, 50, 1, 0], entries, ['a', 'b', 'c']), { ...options, minCell: 0 });
    const sum = (k: 'ofTop' | 'total') => c.services.reduce((s, x) => s + (x[k] ?? 0), 0);
    expect(sum('ofTop')).toBeCloseTo(1, 14);
    expect(sum('total')).toBeCloseTo(c.total!, 12);
  });
});
