// Who counts: ids with costs, a roster's zero-cost residents, --population, --no-id, stdin.

import { describe, expect, it } from 'vitest';
import { runJson, scratch } from './run.js';

// a: 10 + 5 = 15; b: 5; c: 0 (a credit cancels a charge); d: 20
const COSTS = 'asiakas_id;palvelu;kustannus_eur\na;Kotihoito;10\nb;Päivystys;5\na;Päivystys;5\nc;Kotihoito;3\nc;Kotihoito;-3\nd;Kotihoito;20\n';

describe('the population', () => {
  it('without a roster: the ids with cost rows', () => {
    const r = runJson([`x.csv`, '--min-cell', '0'], { cwd: scratch({ 'x.csv': COSTS }) });
    expect(r.population).toMatchObject({ persons: 4, withCost: 3, zeroCost: 1, zeroShare: 0.25 });
    expect(r.total).toBe(40);
    expect(r.definitions.population).toBe('data');
  });

  it('with a roster: its residents without costs count as zero; ids it lacks are counted and reported', () => {
    const dir = scratch({ 'x.csv': COSTS, 'r.csv': 'asiakas_id\na\nb\nc\ne\nf\ng\ne\n' });
    const r = runJson(['x.csv', '--roster', 'r.csv', '--min-cell', '0'], { cwd: dir });
    // roster a b c e f g (e twice) + d from the costs = 7 persons; zero: c e f g
    expect(r.population).toMatchObject({ persons: 7, zeroCost: 4, notInRoster: 1, rosterDuplicates: 1 });
    // top 1/7 is d alone: 20 of 40
    expect(r.reach.find((x: any) => x.share === 0.5).top).toBeCloseTo(1 / 7, 15);
    expect(r.definitions.population).toBe('roster');
  });

  it("reads the roster in its own dialect, and counts its bad rows", () => {
    // Cost file forced to ';'; the roster is comma-separated with a row of too many fields.
    const dir = scratch({ 'x.csv': COSTS, 'r.csv': 'asiakas_id,alue\na,K\nb,K\nc,P\nd,P\ne,P,extra\nf,K\n' });
    const r = runJson(['x.csv', '--roster', 'r.csv', '--delimiter', ';', '--min-cell', '0', '--max-rejected', '0.5'], { cwd: dir });
    expect(r.input.roster).toMatchObject({ path: 'r.csv', delimiter: ',', rows: 6, rejected: 1 });
    expect(r.input.rejections).toEqual({ fieldCount: 1 });
    expect(r.population).toMatchObject({ persons: 5, notInRoster: 0 }); // a b c d f; e's row was bad
  });

  it('with --population: the missing residents are zero-cost persons', () => {
    const r = runJson(['x.csv', '--population', '10', '--min-cell', '0'], { cwd: scratch({ 'x.csv': COSTS }) });
    expect(r.population).toMatchObject({ persons: 10, zeroCost: 7 });
    // top 10 % = 1 person of 10 = d: 20 / 40
    expect(r.shares.find((s: any) => s.top === 0.1).share).toBe(0.5);
  });

  it('--no-id: every row is its own person', () => {
    const dir = scratch({ 'x.csv': 'kustannus\n10\n5\n5\n0\n' });
    const r = runJson(['x.csv', '--no-id', '--min-cell', '0'], { cwd: dir });
    expect(r.population).toMatchObject({ persons: 4, zeroCost: 1 });
    expect(r.shares.find((s: any) => s.top === 0.5).share).toBe(0.75); // (10 + 5) / 20
  });

  it('reads stdin as `-`, with the service named stdin when there is no service column', () => {
    const r = runJson(['-', '--min-cell', '0'], { input: 'id,cost\na,1.5\nb,2.5\n', cwd: scratch() });
    expect(r.total).toBe(4);
    expect(r.services.map((s: any) => s.service)).toEqual(['stdin']);
  });
});
