// Wide exports (one row per resident, one column per service) and files without ids, end to end.

import { describe, expect, it } from 'vitest';
import { run, runJson, scratch } from './run.js';

const WIDE = ['asiakas_id;kotihoito;vuodeosasto;laakkeet;ika', 'a;100,00;;50,00;75+', 'b;;;;75+', 'c;;1 000,00;;0-74', 'd;0;;;0-74', ''].join('\n');

describe('wide format: several --cost columns', () => {
  it('sums the columns per person; an empty cell is zero; a row of empty cells is a zero-cost person', () => {
    const dir = scratch({ 'w.csv': WIDE });
    const report = runJson(['w.csv', '--cost', 'kotihoito,vuodeosasto,laakkeet', '--min-cell', '0'], { cwd: dir });
    // a 150, b 0 (all empty), c 1000, d 0
    expect(report.population).toMatchObject({ persons: 4, withCost: 2, zeroCost: 2 });
    expect(report.total).toBe(1150);
    expect(report.input.rejectedRows).toBe(0);
    const services = Object.fromEntries(report.services.map((s: any) => [s.service, [s.total, s.users]]));
    expect(services).toEqual({ vuodeosasto: [1000, 1], kotihoito: [100, 1], laakkeet: [50, 1] });
  });

  it('--no-id: every row is its own person, identical rows included, in every file', () => {
    // The third row has no costs but a value in another column: a person (a row of nothing but
    // delimiters is an empty line, as Excel writes them).
    const rows = ['kotihoito;vuodeosasto;huom', '10;;', '10;;', ';;x', '5;5;', ''].join('\n');
    const dir = scratch({ 'a.csv': rows, 'b.csv': rows });
    const report = runJson(['a.csv', 'b.csv', '--no-id', '--cost', 'kotihoito', '--cost', 'vuodeosasto', '--min-cell', '0'], { cwd: dir });
    // 4 persons per file: 10, 10, 0, 10
    expect(report.population).toMatchObject({ persons: 8, zeroCost: 2 });
    expect(report.total).toBe(60);
    expect(report.median).toBe(10);
  });

  it('--no-id with --group and --weight read from the same rows', () => {
    const rows = ['kotihoito;vuodeosasto;ika;w', '10;;75+;2', ';;75+;1', ';30;0-74;1', ''].join('\n');
    const dir = scratch({ 'a.csv': rows });
    const report = runJson(
      ['a.csv', '--no-id', '--cost', 'kotihoito,vuodeosasto', '--group', 'ika', '--weight', 'w', '--min-cell', '0'],
      { cwd: dir },
    );
    // persons (x, w): (10, 2), (0, 1), (30, 1): W = 4, T = 50
    expect(report.population).toMatchObject({ persons: 3, weight: 4, zeroCost: 1 });
    expect(report.total).toBe(50);
    expect(report.groups.map((g: any) => [g.group, g.persons, g.weight, g.total])).toEqual([
      ['0-74', 1, 1, 30],
      ['75+', 2, 3, 20],
    ]);
  });

  it('--group in a wide export with ids, and the table lists each column as a service', () => {
    const dir = scratch({ 'w.csv': WIDE });
    const args = ['w.csv', '--cost', 'kotihoito,vuodeosasto,laakkeet', '--group', 'ika', '--min-cell', '0'];
    const report = runJson(args, { cwd: dir });
    expect(report.groups.map((g: any) => [g.group, g.persons, g.total])).toEqual([
      ['0-74', 2, 1000],
      ['75+', 2, 150],
    ]);
    const table = run(args, { cwd: dir }).stdout;
    for (const service of ['kotihoito', 'vuodeosasto', 'laakkeet']) expect(table).toMatch(new RegExp(`\\n  ${service} `));
  });
});
