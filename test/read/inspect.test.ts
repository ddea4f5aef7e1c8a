// inspect's view of a file: the dialect, each column's role and why, the first records as the
// reader parsed them with ids masked, the row counts, and problems reported rather than thrown.

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { inspectFile, MASK, maskCodeShapes, maskIdentityCode } from '../../src/read/inspect.js';
import type { ReadOptions } from '../../src/read/types.js';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/read');
const fixture = (name: string) => join(FIXTURES, name);
const OPTS: ReadOptions = { header: true, noId: false, columns: {} };

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'costcurve-inspect-'));
});

describe('inspectFile', () => {
  it('describes a Finnish export: BOM, semicolons, CRLF, decimal commas', async () => {
    const inspection = await inspectFile(fixture('kotihoito-fi.csv'), OPTS, 5);
    expect(inspection).toMatchObject({ delimiter: ';', decimal: ',', encoding: 'utf-8', bom: true, lineEnding: 'CRLF', rows: 4, rejectedRows: 0, problem: null });
    expect(inspection.columns).toEqual([
      { name: 'asiakas_id', role: 'id', why: "alias 'asiakas_id'" },
      { name: 'palvelu', role: 'service', why: "alias 'palvelu'" },
      { name: 'pvm', role: 'ignored', why: 'no flag or alias' },
      { name: 'kustannus_eur', role: 'cost', why: "alias 'kustannus_eur'" },
    ]);
    // The file's lines 2–5; '1 234,50' is 1234.5 €, an empty service is the file's name, and the
    // no-break space in '1 000,00' is a thousands separator.
    expect(inspection.sample.map((r) => [r.line, r.fields, r.costs])).toEqual([
      [2, [MASK, 'Kotihoito', '2023-01-05', '1 234,50'], [{ service: 'Kotihoito', cost: 1234.5 }]],
      [3, [MASK, 'Kotihoito', '2023-01-07', '87,20'], [{ service: 'Kotihoito', cost: 87.2 }]],
      [4, [MASK, '', '2023-02-01', '-12,50'], [{ service: 'kotihoito-fi', cost: -12.5 }]],
      [5, [MASK, 'Kotiutustiimi', '2023-02-03', '1\u00a0000,00'], [{ service: 'Kotiutustiimi', cost: 1000 }]],
    ]);
  });

  it('describes Windows-1252, tabs and decimal points', async () => {
    expect(await inspectFile(fixture('vuodeosasto-1252.csv'), OPTS, 1)).toMatchObject({
      encoding: 'windows-1252',
      bom: false,
      lineEnding: 'LF',
      columns: [{ name: 'henkilö_id', role: 'id' }, { name: 'palveluryhmä', role: 'service' }, { name: 'euroa', role: 'cost' }],
      sample: [{ line: 2, fields: [MASK, 'Päivystys', '€ 15,00'], costs: [{ service: 'Päivystys', cost: 15 }] }],
    });
    expect(await inspectFile(fixture('tab.tsv'), OPTS, 5)).toMatchObject({ delimiter: '\t', decimal: '.', rows: 3 });
  });

  it('keeps only as many records as asked', async () => {
    expect((await inspectFile(fixture('kotihoito-fi.csv'), OPTS, 2)).sample.map((r) => r.line)).toEqual([2, 3]);
    expect((await inspectFile(fixture('kotihoito-fi.csv'), OPTS, 0)).sample).toEqual([]);
  });

  it('shows rejected records with their reason, and counts every rejection', async () => {
    const inspection = await inspectFile(fixture('rejects.csv'), OPTS, 5);
    // fixtures/read/README.md: fieldCount line 3, missingId 4, emptyCost 5, badCost 6 (weight unused here).
    expect(inspection.rejections).toEqual({ badCost: 1, emptyCost: 1, fieldCount: 1, missingId: 1 });
    expect(inspection.rejectedRows).toBe(4);
    expect(inspection.rows).toBe(8);
    expect(inspection.sample.map((r) => r.rejected?.reason ?? null)).toEqual([null, 'fieldCount', 'missingId', 'emptyCost', 'badCost']);
    expect(inspection.sample[1].costs).toBeNull();
  });

  it('shows a wide record as one cost per service, and an all-empty one as a zero-cost person', async () => {
    const inspection = await inspectFile(fixture('wide.csv'), { ...OPTS, columns: { cost: ['kotihoito', 'vuodeosasto', 'lääkkeet'] } }, 3);
    expect(inspection.columns.map((c) => `${c.role}: ${c.why}`)).toEqual(["id: alias 'id'", 'cost: --cost kotihoito', 'cost: --cost vuodeosasto', 'cost: --cost lääkkeet']);
    expect(inspection.sample.map((r) => r.costs)).toEqual([
      [
        { service: 'kotihoito', cost: 10 },
        { service: 'lääkkeet', cost: 1.5 },
      ],
      // All cells empty: the person counts, with 0 in the first cost column's service.
      [{ service: 'kotihoito', cost: 0 }],
      null,
    ]);
  });

  it('names columns by number without a header', async () => {
    const inspection = await inspectFile(fixture('no-header.csv'), { header: false, noId: false, columns: { id: '1', service: '2', cost: ['3'] } }, 5);
    expect(inspection.columns.map((c) => [c.name, c.role])).toEqual([
      ['column 1', 'id'],
      ['column 2', 'service'],
      ['column 3', 'cost'],
    ]);
    expect(inspection.sample.map((r) => r.fields)).toEqual([
      [MASK, 'A', '1,00'],
      [MASK, 'B', '2,00'],
    ]);
  });

  it('masks identity-code look-alikes in any column, and leaves ids unmasked nowhere', async () => {
    const path = join(dir, 'hetu.csv');
    await writeFile(path, 'tunniste;huom;kustannus\nP1;131052-308T;10\nP2;ok;20\n');
    const inspection = await inspectFile(path, OPTS, 5);
    expect(inspection.sample.map((r) => r.fields)).toEqual([
      [MASK, MASK, '10'],
      [MASK, 'ok', '20'],
    ]);
    // Anywhere but the file's own path (a temporary folder's random name may hold P1 or P2).
    expect(JSON.stringify({ ...inspection, path: null })).not.toMatch(/P1|P2|131052/);
  });

  it('shows no id where a service or group is read from an id-like column, or ids sit in a column named like one', async () => {
    const path = join(dir, 'id-roles.csv');
    // The service column holds an identity code on line 2; asiakas_id is not the id with --no-id.
    await writeFile(path, 'asiakas_id;palvelu;kustannus;alue\nK7731234;131052-308T;10;Etelä\nK7731235;Kotihoito;20;Pohjoinen\n');
    const noId = await inspectFile(path, { ...OPTS, noId: true, columns: { group: 'alue' } }, 5);
    expect(noId.sample.map((r) => [r.fields, r.costs, r.group])).toEqual([
      [[MASK, MASK, '10', 'Etelä'], [{ service: MASK, cost: 10 }], 'Etelä'],
      [[MASK, 'Kotihoito', '20', 'Pohjoinen'], [{ service: 'Kotihoito', cost: 20 }], 'Pohjoinen'],
    ]);
    // The id column taken as the group (a mistake): its values are masked wherever they show.
    const asGroup = await inspectFile(path, { ...OPTS, columns: { id: 'alue', group: 'asiakas_id' } }, 5);
    expect(asGroup.sample.map((r) => [r.fields[0], r.group])).toEqual([
      [MASK, MASK],
      [MASK, MASK],
    ]);
    expect(JSON.stringify({ ...asGroup, path: null })).not.toMatch(/K773|131052/);
  });

  it('shows no cell of a header it does not understand that could be an id: it may be the first data row', async () => {
    const path = join(dir, 'headerless.csv');
    // No header: line 1 is a resident's row, with an empty cost, so it holds no number to tell it by.
    await writeFile(path, 'K7731234;Kotihoito;\nK7731235;Kotihoito;99,00\n');
    const inspection = await inspectFile(path, OPTS, 5);
    expect(inspection.columns.map((c) => c.name)).toEqual([MASK, 'Kotihoito', '']);
    expect(inspection.problem?.message).toContain(`header is: ${MASK};Kotihoito;`);
    expect(JSON.stringify(inspection)).not.toContain('K773');
  });

  it('reports a column problem with its exit code, the header and no records', async () => {
    const inspection = await inspectFile(join(FIXTURES, '../sample/register.csv'), OPTS, 5);
    expect(inspection.problem).toEqual({ message: expect.stringContaining('no cost column found'), exitCode: 2 });
    expect(inspection.columns.map((c) => [c.name, c.role])).toEqual([
      ['asiakas_id', null],
      ['ikaryhma', null],
      ['alue', null],
    ]);
    expect(inspection.sample).toEqual([]);
    expect([inspection.rows, inspection.rejectedRows, inspection.decimal]).toEqual([null, null, null]);
  });

  it('reports an unclosed quote as a data problem, with the records before it', async () => {
    const inspection = await inspectFile(fixture('unclosed.csv'), OPTS, 5);
    expect(inspection.problem).toEqual({ message: expect.stringMatching(/unclosed\.csv:3:2: .*never closed/), exitCode: 3 });
    expect(inspection.columns.map((c) => c.role)).toEqual(['id', 'cost']);
    expect(inspection.sample.map((r) => [r.line, r.fields, r.costs])).toEqual([[2, [MASK, '2,00'], null]]);
  });

  it('leaves out rows of only delimiters, which the reader treats as blank lines', async () => {
    const path = join(dir, 'excel.csv');
    await writeFile(path, 'tunniste;kustannus\n;\nP1;10\n ; \nP2;20\n');
    const inspection = await inspectFile(path, OPTS, 5);
    expect(inspection.sample.map((r) => [r.line, r.costs])).toEqual([
      [3, [{ service: 'excel', cost: 10 }]],
      [5, [{ service: 'excel', cost: 20 }]],
    ]);
    expect(inspection.rows).toBe(2);
  });

  it('throws when the file cannot be read at all', async () => {
    await expect(inspectFile(join(dir, 'missing.csv'), OPTS, 5)).rejects.toMatchObject({ code: 'CC_DATA_NOT_FOUND' });
  });
});

describe('maskIdentityCode', () => {
  it.each([
    ['131052-308T', MASK],
    ['010101A123N', MASK],
    ['010150Y1234', MASK],
    ['693,54', '693,54'],
    ['A08250971', 'A08250971'],
    ['2023-01-05', '2023-01-05'],
    // Inside a note, and not inside a longer word (then it is no code).
    ['hetu 131052-308T', MASK],
    ['x131052-308T', 'x131052-308T'],
  ])('%s → %s', (value, shown) => {
    expect(maskIdentityCode(value)).toBe(shown);
  });

  it('masks every look-alike in a message, valid or not (a check character off by one too)', () => {
    expect(maskCodeShapes("'131052-308U' and '131052-308T' are not amounts")).toBe(`'${MASK}' and '${MASK}' are not amounts`);
  });
});
