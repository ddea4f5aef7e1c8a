// Which column is what: flags first, then header aliases (folded), and usage errors that list the
// header and name the flag to use.

import { describe, expect, it } from 'vitest';
import { foldName, resolveColumns, resolveRosterColumns, shownHeaderCell } from '../../src/read/columns.js';
import { CostcurveError } from '../../src/errors.js';
import type { ColumnFlags } from '../../src/read/types.js';

function usageErrorOf(run: () => unknown): CostcurveError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CostcurveError);
    expect((error as CostcurveError).exitCode).toBe(2);
    return error as CostcurveError;
  }
  throw new Error('expected a usage error');
}

describe('foldName', () => {
  it.each([
    ['Asiakas-ID', 'asiakasid'],
    ['asiakas_id', 'asiakasid'],
    ['Henkilö_id', 'henkiloid'],
    ['PALVELURYHMÄ', 'palveluryhma'],
    ['Kustannus (€)', 'kustannus'],
    ['cost eur', 'costeur'],
    ['Å-ö', 'ao'],
  ])('%j → %j', (name, folded) => {
    expect(foldName(name)).toBe(folded);
  });
});

describe('resolveColumns by alias', () => {
  it.each<[string[], number | null, number[], number | null]>([
    // header, id, cost, service (0-based)
    [['asiakas_id', 'palvelu', 'pvm', 'kustannus_eur'], 0, [3], 1],
    [['Asiakas-ID', 'Palvelu', 'Euroa'], 0, [2], 1],
    [['Henkilö ID', 'Palveluryhmä', 'Kustannukset (€)'], 0, [2], 1],
    [['pvm', 'summa', 'tunniste'], 2, [1], null], // no service column
    [['person_id', 'service_type', 'total_cost', 'note'], 0, [2], 1],
    [['PSEUDONYM', 'Category', 'Amount'], 0, [2], 1],
  ])('%j → id %s, cost %j, service %s', (header, id, cost, service) => {
    const map = resolveColumns(header, header.length, {}, false, 'a.csv');
    expect([map.id, map.cost, map.service, map.group, map.weight]).toEqual([id, cost, service, null, null]);
  });

  it('explains every column in roles', () => {
    const map = resolveColumns(['Asiakas-ID', 'pvm', 'euroa'], 3, {}, false, 'a.csv');
    expect(map.roles).toEqual([
      { name: 'Asiakas-ID', role: 'id', why: "alias 'Asiakas-ID'" },
      { name: 'pvm', role: 'ignored', why: 'no flag or alias' },
      { name: 'euroa', role: 'cost', why: "alias 'euroa'" },
    ]);
  });
});

describe('resolveColumns by flag', () => {
  it.each<[string[], ColumnFlags, Partial<Record<'id' | 'cost' | 'service' | 'group' | 'weight', unknown>>]>([
    [['tunnus', 'ala', 'eur_netto'], { id: 'tunnus', cost: ['eur_netto'], service: 'ala' }, { id: 0, cost: [2], service: 1 }],
    // a flag value is folded too
    [['Asiakas ID', 'Euroa'], { id: 'asiakas-id', cost: ['EUROA'] }, { id: 0, cost: [1] }],
    // flags win over aliases: 'summa' is a cost alias but --cost names 'netto'
    [['id', 'summa', 'netto'], { cost: ['netto'] }, { id: 0, cost: [2] }],
    // --id claims a column that is a cost alias; the cost alias search skips it
    [['summa', 'kustannus'], { id: 'summa' }, { id: 0, cost: [1] }],
    // a number names a column by position when no column has that name
    [['id', 'x', 'y'], { cost: ['3'] }, { id: 0, cost: [2] }],
    [['id', 'ika', 'paino', 'euroa'], { group: 'ika', weight: 'paino' }, { group: 1, weight: 2, cost: [3] }],
    // wide format: several --cost columns, no service column looked for
    [['id', 'palvelu', 'kotihoito', 'vuodeosasto'], { cost: ['kotihoito', 'vuodeosasto'] }, { cost: [2, 3], service: null }],
  ])('%j with %j', (header, flags, expected) => {
    const map = resolveColumns(header, header.length, flags, false, 'a.csv');
    expect(map).toMatchObject(expected);
  });

  it('records why in roles', () => {
    const map = resolveColumns(['id', 'x', 'y'], 3, { cost: ['3'], group: 'x' }, false, 'a.csv');
    expect(map.roles.map((r) => `${r.role}: ${r.why}`)).toEqual([
      "id: alias 'id'",
      'group: --group x',
      'cost: --cost 3 (column number)',
    ]);
  });

  it('lets --group/--weight name roster-only columns when a roster is given', () => {
    const flags = { group: 'ikaryhma', weight: 'paino' };
    expect(resolveColumns(['id', 'euroa'], 2, flags, false, 'a.csv', { roster: true })).toMatchObject({ group: null, weight: null });
    expect(usageErrorOf(() => resolveColumns(['id', 'euroa'], 2, flags, false, 'a.csv')).message).toContain(
      "column 'ikaryhma' not found",
    );
  });

  it('needs no id with --no-id', () => {
    expect(resolveColumns(['euroa'], 1, {}, true, 'a.csv')).toMatchObject({ id: null, cost: [0] });
  });
});

describe('resolveColumns with --no-header', () => {
  it('takes 1-based numbers', () => {
    const map = resolveColumns(null, 4, { id: '1', cost: ['4'], service: '2' }, false, 'a.csv');
    expect(map).toMatchObject({ id: 0, cost: [3], service: 1, header: ['column 1', 'column 2', 'column 3', 'column 4'] });
  });

  it.each<[ColumnFlags, boolean, RegExp]>([
    [{ id: '1' }, false, /--no-header, name the cost column by number: --cost N \(1–3\)/],
    [{ cost: ['2'] }, false, /--id N \(1–3\), or use --no-id/],
    [{ id: '1', cost: ['euroa'] }, false, /--cost 'euroa': with --no-header, columns are named by number, 1–3/],
    [{ id: '1', cost: ['4'] }, false, /--cost '4'.*1–3/],
    [{ id: '0', cost: ['2'] }, false, /--id '0'/],
  ])('%j (--no-id: %s) → usage error %s', (flags, noId, message) => {
    expect(usageErrorOf(() => resolveColumns(null, 3, flags, noId, 'a.csv')).message).toMatch(message);
  });
});

describe('resolveColumns usage errors list the header and name the flag', () => {
  it.each<[string[], ColumnFlags, boolean, string]>([
    [
      ['id', 'palvelu', 'euroa'],
      { cost: ['kustannus'] },
      false,
      "column 'kustannus' not found; header is: id;palvelu;euroa — use --cost euroa",
    ],
    [
      ['id', 'palvelu', 'netto'],
      { cost: ['kustannus'] },
      false,
      "column 'kustannus' not found; header is: id;palvelu;netto — use --cost with one of these names",
    ],
    [
      ['tunnus', 'palvelu', 'euroa'],
      {},
      false,
      'no id column found; header is: tunnus;palvelu;euroa — name it with --id COL, or use --no-id if every row is one person',
    ],
    [['id', 'palvelu', 'netto'], {}, false, 'no cost column found; header is: id;palvelu;netto — name it with --cost COL'],
    [
      ['id', 'kustannus', 'kustannus_eur'],
      {},
      false,
      "2 columns could be the cost: 'kustannus' (column 2) and 'kustannus_eur' (column 3); header is: id;kustannus;kustannus_eur — choose one with --cost kustannus, or --cost kustannus,kustannus_eur for one service per column",
    ],
    [
      ['id', 'asiakas_id', 'euroa'],
      {},
      false,
      "2 columns could be the id: 'id' (column 1) and 'asiakas_id' (column 2); header is: id;asiakas_id;euroa — choose one with --id id",
    ],
    [
      ['id', 'palvelu', 'palveluryhma', 'euroa'],
      {},
      false,
      "2 columns could be the service: 'palvelu' (column 2) and 'palveluryhma' (column 3); header is: id;palvelu;palveluryhma;euroa — choose one with --service palvelu",
    ],
    [['id', 'euroa'], { id: 'euroa', cost: ['euroa'] }, false, "column 'euroa' would be both the id (--id euroa) and the cost (--cost euroa)"],
    [['id', 'euroa', 'euroa'], { cost: ['euroa'] }, false, "2 columns are named 'euroa' (columns 2, 3)"],
    [['id', 'euroa'], { id: 'id' }, true, '--id id and --no-id contradict each other'],
    [['id', 'a', 'b', 'palvelu'], { cost: ['a', 'b'], service: 'palvelu' }, false, 'in wide format each cost column is a service'],
  ])('%j with %j', (header, flags, noId, message) => {
    const error = usageErrorOf(() => resolveColumns(header, header.length, flags, noId, 'a.csv'));
    expect(error.message).toContain(message);
    expect(error.location.file).toBe('a.csv');
  });

  it('quotes no header cell of four digits or more, and more digits than letters: a "header" that is a resident\'s row must not show the id', () => {
    // No alias matches, the empty cost holds no number: the first data row is taken for a header.
    const error = usageErrorOf(() => resolveColumns(['K7731234', 'Kotihoito', '', '131052-308T'], 4, {}, false, 'a.csv'));
    expect(error.message).toContain('no id column found; header is: •••;Kotihoito;;•••');
    expect(shownHeaderCell('kustannus_eur')).toBe('kustannus_eur');
    expect(shownHeaderCell('v2023')).toBe('•••');
    expect(shownHeaderCell('col 12')).toBe('col 12');
    // A name with a year has more letters than digits: shown, so that --cost can be given it.
    expect(shownHeaderCell('kotihoito_2023')).toBe('kotihoito_2023');
  });

  it('prints the header with the file delimiter and locates it', () => {
    const error = usageErrorOf(() => resolveColumns(['x', 'y'], 2, {}, false, 'a.csv', { delimiter: ',', line: 3 }));
    expect(error.message).toContain('header is: x,y');
    expect(error.location).toEqual({ file: 'a.csv', line: 3 });
  });
});

describe('resolveRosterColumns', () => {
  it.each<[string[] | null, ColumnFlags, Record<string, unknown>]>([
    [['henkilo_id', 'ikaryhma'], { group: 'ikaryhma' }, { id: 0, group: 1, weight: null, cost: [] }],
    // --weight names a cost-file column the roster lacks: not read from the roster
    [['henkilo_id', 'ikaryhma'], { group: 'ikaryhma', weight: 'paino' }, { id: 0, group: 1, weight: null }],
    [['x', 'tunnus'], { id: 'tunnus' }, { id: 1 }],
    // --id names the cost files' column; the roster's own id column is found by alias
    [['henkilo_id', 'ika'], { id: 'asiakas_id' }, { id: 0 }],
    [['hetu_pseudo'], { id: 'asiakas_id' }, { id: 0 }], // one column: that is the id
    [null, {}, { id: 0 }], // no header, one column
    [null, { id: '2', group: '1' }, { id: 1, group: null }], // no group/weight without a header
  ])('%j with %j', (header, flags, expected) => {
    expect(resolveRosterColumns(header, header?.length ?? (flags.id ? 2 : 1), flags, 'r.csv')).toMatchObject(expected);
  });

  it('needs an id', () => {
    expect(usageErrorOf(() => resolveRosterColumns(['a', 'b'], 2, {}, 'r.csv')).message).toContain('no id column found');
  });
});
