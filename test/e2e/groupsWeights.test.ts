// --group and --weight end to end: from the roster or the cost rows, conflicts, out-of-scope
// persons, bad weights, and the errors a user can run into.

import { describe, expect, it } from 'vitest';
import { run, runJson, scratch } from './run.js';

const ROSTER = ['id;ika;paino', 'a;0-17;1', 'b;0-17;2', 'c;0-17;1', 'd;18-64;1', 'e;18-64;0', 'f;18-64;1', ''].join('\n');
const COSTS = ['id;kustannus;alue', 'a;100;Itä', 'b;50;Itä', 'd;300;Länsi', 'e;1000;Länsi', 'f;0;Länsi', ''].join('\n');

describe('--group', () => {
  it('takes the group from the roster and computes each group by hand', () => {
    const dir = scratch({ 'r.csv': ROSTER, 'k.csv': COSTS });
    const report = runJson(['k.csv', '--roster', 'r.csv', '--group', 'ika', '--min-cell', '0', '--focus', '50'], { cwd: dir });
    expect(report.definitions.group).toBe('ika');
    // 0-17: a 100, b 50, c 0 → total 150, mean 50, zero share 1/3
    // 18-64: d 300, e 1000, f 0 → total 1300; W = 6, T = 1450
    const [young, adult] = report.groups;
    expect(young).toMatchObject({ group: '0-17', persons: 3, total: 150, mean: 50, suppressed: false });
    expect(young.zeroShare).toBeCloseTo(1 / 3, 15);
    expect(adult).toMatchObject({ group: '18-64', persons: 3, total: 1300 });
    expect(young.ofPopulation).toBe(0.5);
    // The top 50 % (3 persons) is e, d, a: one of 0-17 and two of 18-64.
    expect(young.ofTop).toBeCloseTo(1 / 3, 15);
    expect(adult.ofTop).toBeCloseTo(2 / 3, 15);
    // 18-64 within: 1000 of 1300 in the top third of its persons (1 of 3)
    expect(adult.shares.find((s: any) => s.top === 0.01).share).toBeCloseTo((0.03 * 1000) / 1300, 12);
    expect(report.population.groupConflicts).toBe(0);
  });

  it('takes the group from the cost rows when the roster lacks the column; residents without one are the group null', () => {
    const dir = scratch({ 'r.csv': ROSTER, 'k.csv': COSTS });
    const report = runJson(['k.csv', '--roster', 'r.csv', '--group', 'alue', '--min-cell', '0'], { cwd: dir });
    expect(report.groups.map((g: any) => [g.group, g.persons, g.total])).toEqual([
      ['Itä', 2, 150],
      ['Länsi', 3, 1300],
      [null, 1, 0], // c: in the roster only
    ]);
    const table = run(['k.csv', '--roster', 'r.csv', '--group', 'alue', '--min-cell', '0'], { cwd: dir }).stdout;
    // The groups side by side, the persons without a value as "(none)".
    expect(table).toMatch(/Groups by alue[^\n]*\n\s+Itä\s+Länsi\s+\(none\)\n\s+persons\s+2\s+3\s+1\n/);
  });

  it("shows a group's undefined figure as – and a suppressed one as <5", () => {
    // nolla: 6 persons, all without costs, so its Gini is not defined; both groups' top 10 % is 0.6 persons
    const rows = ['id;kustannus;ryhma', ...[1, 2, 3, 4, 5, 6].flatMap((i) => [`a${i};0;nolla`, `b${i};${i};muu`]), ''].join('\n');
    const dir = scratch({ 'z.csv': rows });
    const report = runJson(['z.csv', '--group', 'ryhma'], { cwd: dir });
    const nolla = report.groups.find((g: any) => g.group === 'nolla');
    expect(nolla).toMatchObject({ persons: 6, gini: null, total: 0, zeroShare: 1 });
    expect(nolla.suppressedFields ?? []).not.toContain('gini');
    const table = run(['z.csv', '--group', 'ryhma'], { cwd: dir }).stdout;
    // muu: Gini of 1..6 = ΣΣ|i − j| / (2·6²·3.5) = 70 / 252 = 0.278
    expect(table).toMatch(/\n  Gini\s+0\.278\s+–\n/);
    expect(table).toMatch(/\n  top 10 % of the group\s+<5\s+<5\n/);
  });

  it('counts persons whose rows disagree and keeps the first by file name and line, whatever the order of the files', () => {
    const dir = scratch({
      'a.csv': 'id;kustannus;alue\np1;10;Itä\np2;20;Länsi\np3;30;Itä\np4;40;Itä\np5;50;Itä\n',
      'b.csv': 'id;kustannus;alue\np1;5;Länsi\np2;5;Länsi\n',
    });
    const args = ['--group', 'alue', '--min-cell', '0'];
    const forward = run(['a.csv', 'b.csv', ...args, '--json'], { cwd: dir });
    const backward = run(['b.csv', 'a.csv', ...args, '--json'], { cwd: dir });
    expect(backward.stdout).toBe(forward.stdout);
    const report = JSON.parse(forward.stdout);
    expect(report.population.groupConflicts).toBe(1); // p1: Itä in a.csv, Länsi in b.csv
    expect(report.groups.map((g: any) => [g.group, g.persons])).toEqual([
      ['Itä', 4], // p1 (a.csv comes first), p3, p4, p5
      ['Länsi', 1],
    ]);
    expect(run(['a.csv', 'b.csv', ...args], { cwd: dir }).stdout).toMatch(/1 persons have different values of alue on different rows/);
  });
});

describe('--weight', () => {
  it('weights every figure; weight 0 is out of scope; no giniCorrected', () => {
    const dir = scratch({ 'r.csv': ROSTER, 'k.csv': COSTS });
    const report = runJson(['k.csv', '--roster', 'r.csv', '--weight', 'paino', '--min-cell', '0'], { cwd: dir });
    // e (weight 0) is left out: a 100·1, b 50·2, c 0·1, d 300·1, f 0·1 → W = 6, T = 500
    expect(report.definitions.weight).toBe('paino');
    expect(report.population).toMatchObject({ persons: 5, weight: 6, outOfScope: 1, weightConflicts: 0 });
    expect(report.total).toBe(500);
    expect(report.mean).toBeCloseTo(500 / 6, 12);
    expect(report.population.zeroShare).toBeCloseTo(2 / 6, 15);
    expect(report.giniCorrected).toBeNull();
    // Gini as ΣΣ wi·wj·|xi − xj| / (2·W·T), by hand over the persons (x, w): (100,1) (50,2) (0,1) (300,1) (0,1)
    const people = [[100, 1], [50, 2], [0, 1], [300, 1], [0, 1]];
    let diff = 0;
    for (const [x, w] of people) for (const [y, v] of people) diff += w * v * Math.abs(x - y);
    expect(report.gini).toBeCloseTo(diff / (2 * 6 * 500), 12);
    // The top 1/6 of the weight is d: 300 of 500
    expect(report.shares.find((s: any) => s.top === 0.01).share).toBeCloseTo((0.06 * 300) / 500, 12);
  });

  it('x = 10, 0 with weights 2, 3 in the cost rows has Gini 0.6', () => {
    const dir = scratch({ 'k.csv': 'id,cost,w\nx,10,2\ny,0,3\n' });
    const report = runJson(['k.csv', '--weight', 'w', '--min-cell', '0'], { cwd: dir });
    expect(report.gini).toBeCloseTo(0.6, 15); // 1 − (0.6·0 + 0.4·(0 + 1))
    expect(report.population.zeroShare).toBe(0.6);
  });

  it('rejects negative and non-numeric weights as bad rows, and counts disagreeing weights', () => {
    const dir = scratch({
      'k.csv': ['id,cost,w', 'a,10,1.5', 'a,5,2', 'b,20,-1', 'c,30,many', ...Array.from({ length: 300 }, (_, i) => `p${i},${i},1`), ''].join('\n'),
    });
    const report = runJson(['k.csv', '--weight', 'w', '--min-cell', '0'], { cwd: dir });
    expect(report.input.rejections).toEqual({ badWeight: 2 });
    expect(report.input.examples.map((e: any) => e.line)).toEqual([4, 5]);
    expect(report.population.weightConflicts).toBe(1);
    // a keeps the weight of its first line (1.5); its total is 15
    expect(report.population.weight).toBe(1.5 + 300);
  });

  it('is a usage error with --population, and a data error when a person has no weight', () => {
    const dir = scratch({ 'r.csv': ROSTER, 'k.csv': COSTS + 'zz;10;Itä\n', 'plain.csv': 'id;kustannus\na;1\n' });
    const population = run(['k.csv', '--population', '100', '--weight', 'paino'], { cwd: dir });
    expect(population.code).toBe(2);
    expect(population.stderr).toMatch(/--population 100 .*cannot be combined with --weight paino/);
    // zz has costs but the roster (which carries the weights) does not list it
    const missing = run(['k.csv', '--roster', 'r.csv', '--weight', 'paino'], { cwd: dir });
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/1 of 7 persons have no weight \(--weight paino\)/);
    const nowhere = run(['plain.csv', '--roster', 'r.csv', '--weight', 'painokerroin'], { cwd: dir });
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toMatch(/--weight painokerroin: neither the roster nor any cost file has that column/);
  });
});
