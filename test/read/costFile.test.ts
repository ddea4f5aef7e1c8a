// Reading cost files end to end, on the fixtures in fixtures/read/. Every expected row is read off
// the fixture by hand (fixtures/read/README.md describes each file); lines count from 1 and
// include the header and blank lines.

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCostFile } from '../../src/read/costFile.js';
import type { ReadOptions } from '../../src/read/types.js';
import { collectingSink } from './sink.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../../fixtures/read/${name}`, import.meta.url));
const defaults: ReadOptions = { header: true, noId: false, columns: {} };

async function read(name: string, opts: Partial<ReadOptions> = {}) {
  const sink = collectingSink();
  const report = await readCostFile(name.includes('/') ? name : fixture(name), { ...defaults, ...opts }, sink);
  const rows = sink.rows.map((r) => [r.id, r.amount.units, r.amount.scale, r.service, r.line]);
  return { report, rows, rejects: sink.rejects, sink };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'costcurve-costfile-'));
});

describe('readCostFile reads each dialect', () => {
  it('";", decimal comma, BOM, CRLF, NBSP groups, an empty service (kotihoito-fi.csv)', async () => {
    const { report, rows, rejects } = await read('kotihoito-fi.csv');
    expect(rows).toEqual([
      ['A1', 123450, 2, 'Kotihoito', 2], // 1 234,50
      ['A2', 8720, 2, 'Kotihoito', 3], // 87,20
      ['A1', -1250, 2, 'kotihoito-fi', 4], // -12,50, empty service → the file's label
      ['A3', 100000, 2, 'Kotiutustiimi', 5], // 1 000,00 with an NBSP
    ]);
    expect(rejects).toEqual([]);
    expect(report).toMatchObject({
      rows: 4,
      rejected: 0,
      encoding: 'utf-8',
      bom: true,
      delimiter: ';',
      decimal: ',',
      lineEnding: 'CRLF',
    });
    expect(report.columns).toMatchObject({ id: 0, cost: [3], service: 1 });
    expect(report.columns.header[0]).toBe('asiakas_id'); // the BOM is not part of the first name
  });

  it('Windows-1252 with Finnish header names and a € sign (vuodeosasto-1252.csv)', async () => {
    const { report, rows } = await read('vuodeosasto-1252.csv');
    expect(rows).toEqual([
      ['X1', 1500, 2, 'Päivystys', 2], // € 15,00
      ['X2', 250075, 2, 'Vuodeosasto', 3], // 2 500,75
      ['X1', 75, 1, 'Päivystys', 4], // 7,5
    ]);
    expect(report).toMatchObject({ encoding: 'windows-1252', bom: false, delimiter: ';', decimal: ',', lineEnding: 'LF' });
    expect(report.columns.header).toEqual(['henkilö_id', 'palveluryhmä', 'euroa']);
  });

  it('tab-separated, decimal point, comma groups (tab.tsv)', async () => {
    const { report, rows } = await read('tab.tsv');
    expect(rows).toEqual([
      ['p1', 12050, 2, 'dental', 2],
      ['p2', 99, 0, 'dental', 3],
      ['p1', 120000, 2, 'lab', 4], // 1,200.00: ',' groups, '.' is the decimal mark
    ]);
    expect(report).toMatchObject({ delimiter: '\t', decimal: '.' });
  });

  it('pipe-separated, no final newline (pipe.csv)', async () => {
    const { report, rows } = await read('pipe.csv');
    expect(rows).toEqual([
      ['7', 1025, 2, 'home care', 2],
      ['8', 75, 2, 'home care', 3],
    ]);
    // No marks but '.', not groups of three → '.'.
    expect(report).toMatchObject({ delimiter: '|', decimal: '.' });
  });

  it('quoted delimiters, newlines, CRLF in quotes, "" and blank lines (quoted.csv)', async () => {
    const { report, rows } = await read('quoted.csv');
    expect(rows).toEqual([
      ['1', 1250, 2, 'Home care, evening', 2],
      ['2', 123450, 2, 'Lab', 4], // "1,234.50"; line 3 is blank; the note spans lines 4-5
      ['3', 7, 0, 'The "best" clinic', 6],
      ['4', 25, 2, 'Lab', 9], // lines 7-8 blank; the note spans lines 9-11
      ['5', 1, 0, 'Lab', 12], // an empty last field
    ]);
    expect(report).toMatchObject({ rows: 5, rejected: 0, delimiter: ',', decimal: '.', lineEnding: 'CRLF' });
  });

  it('gzip, no service column: the file name is the service (erikoissairaanhoito.csv.gz)', async () => {
    const { report, rows } = await read('erikoissairaanhoito.csv.gz');
    expect(rows).toEqual([
      ['E1', 10000, 2, 'erikoissairaanhoito', 2],
      ['E2', 200000, 2, 'erikoissairaanhoito', 3],
      ['E1', 505, 1, 'erikoissairaanhoito', 4],
    ]);
    expect(report.columns).toMatchObject({ id: 0, cost: [1], service: null });
  });

  it('wide format: one service per --cost column, empty cells are zero (wide.csv)', async () => {
    const { report, rows, rejects } = await read('wide.csv', {
      columns: { cost: ['kotihoito', 'vuodeosasto', 'lääkkeet'] },
    });
    expect(rows).toEqual([
      ['w1', 1000, 2, 'kotihoito', 2],
      ['w1', 150, 2, 'lääkkeet', 2], // the empty vuodeosasto cell yields no row
      // w2 (line 3) has only empty cells: a zero-cost person, so one row of 0 in the first
      // column's service and no rejection (issue 3: such a record is not dropped)
      ['w2', 0, 0, 'kotihoito', 3],
    ]);
    // w3 (line 4): 'x' in lääkkeet rejects the whole record, so its 0 and 200,00 yield nothing.
    expect(rejects).toEqual([{ reason: 'badCost', line: 4, detail: expect.stringContaining("'x' in column 'lääkkeet'") }]);
    expect(report).toMatchObject({ rows: 3, rejected: 1 });
  });

  it('no header: columns by number (no-header.csv)', async () => {
    const { rows, report } = await read('no-header.csv', {
      header: false,
      columns: { id: '1', service: '2', cost: ['3'] },
    });
    expect(rows).toEqual([
      ['n1', 100, 2, 'A', 1],
      ['n2', 200, 2, 'B', 2],
    ]);
    expect(report.rows).toBe(2);
  });

  it('--no-id: every record is its own, numbered person', async () => {
    const sink = collectingSink();
    await readCostFile(fixture('wide.csv'), { ...defaults, noId: true, columns: { cost: ['kotihoito', 'vuodeosasto'] } }, sink);
    // Records 1 and 3 have costs; record 3 yields two rows that share its number; record 2 has
    // only empty cells, so it is a zero-cost person: one row of 0 in the first column's service.
    expect(sink.rows.map((r) => [r.id, r.record, r.service, r.amount.units])).toEqual([
      [null, 1, 'kotihoito', 1000],
      [null, 2, 'kotihoito', 0],
      [null, 3, 'kotihoito', 0],
      [null, 3, 'vuodeosasto', 20000],
    ]);
  });

  it('--decimal overrides the guess', async () => {
    // tab.tsv guessed '.'; forced ',' turns "120.50" into a bad cost (a group of two digits)
    const { rejects } = await read('tab.tsv', { decimal: ',' });
    expect(rejects.map((r) => [r.reason, r.line])).toEqual([
      ['badCost', 2],
      ['badCost', 4],
    ]);
  });
});

describe('readCostFile rejects bad records with their line (rejects.csv)', () => {
  it('names each reason', async () => {
    const { rows, rejects, report } = await read('rejects.csv', { columns: { weight: 'weight' } });
    expect(rejects.map((r) => [r.reason, r.line])).toEqual([
      ['fieldCount', 3], // r2 has 3 fields, the header 4
      ['missingId', 4], // the id is a single space
      ['emptyCost', 5], // the cost is a single space
      ['badCost', 6], // 12.3.4
      ['badWeight', 7], // -2
      ['badWeight', 8], // abc
    ]);
    expect(rejects[0].detail).toBe('expected 4 fields, found 3');
    expect(rows.map((r) => [r[0], r[1], r[4]])).toEqual([
      ['r1', 1000, 2],
      ['r7', 350, 9],
    ]);
    expect(report).toMatchObject({ rows: 8, rejected: 6, decimal: ',' });
  });

  it('carries weights and groups', async () => {
    const { sink } = await read('rejects.csv', { columns: { weight: 'weight', group: 'service' } });
    // weights: '1' and '0,5' (decimal comma guessed from the weight column itself)
    expect(sink.rows.map((r) => [r.weight, r.group])).toEqual([
      [1, 'A'],
      [0.5, 'A'],
    ]);
  });

  it('stops at the first rejection when the sink throws (--strict)', async () => {
    const sink = collectingSink();
    sink.reject = (reason, where) => {
      throw new Error(`${reason} at ${where.line}`);
    };
    await expect(readCostFile(fixture('rejects.csv'), defaults, sink)).rejects.toThrow('fieldCount at 3');
  });
});

describe('readCostFile data errors', () => {
  it.each<[string, string, number, RegExp]>([
    ['unclosed.csv', 'CC_DATA_UNCLOSED_QUOTE', 3, /record starting on line 3 is never closed/],
    ['empty.csv', 'CC_DATA_EMPTY', 1, /is empty: it has no records, not even a header/],
    ['header-only.csv', 'CC_DATA_HEADER_ONLY', 1, /has a header \(line 1\) but no data rows/],
    ['data-as-header.csv', 'CC_DATA_NO_HEADER', 1, /first line looks like data.*use --no-header with --id N and --cost N/],
  ])('%s → %s at line %d', async (name, code, line, message) => {
    await expect(read(name)).rejects.toMatchObject({
      code,
      exitCode: 3,
      location: { file: fixture(name), line },
      message: expect.stringMatching(message),
    });
  });

  it('refuses a binary file', async () => {
    const path = join(dir, 'binary.csv');
    await writeFile(path, Buffer.from([0x69, 0x64, 0x3b, 0x00, 0x01, 0x02, 0xff, 0x0a]));
    await expect(read(path)).rejects.toMatchObject({
      code: 'CC_DATA_BINARY',
      location: { file: path, line: 1 },
    });
  });

  it('reports invalid UTF-8 beyond the sniffed 64 KiB with its line', async () => {
    const path = join(dir, 'late-latin1.csv');
    const filler = 'a1;1,00\n'.repeat(10000); // 80 000 bytes: lines 2-10001
    await writeFile(path, Buffer.concat([Buffer.from('id;cost\n' + filler), Buffer.from([0xe4, 0x3b, 0x31, 0x0a])]));
    await expect(read(path)).rejects.toMatchObject({
      code: 'CC_DATA_ENCODING',
      location: { line: 10002 },
      message: expect.stringContaining('--encoding windows-1252'),
    });
  });

  it('names the flag when a column is missing (usage error)', async () => {
    await expect(read('kotihoito-fi.csv', { columns: { cost: ['hinta_netto'] } })).rejects.toMatchObject({
      code: 'CC_USAGE',
      exitCode: 2,
      message:
        "column 'hinta_netto' not found; header is: asiakas_id;palvelu;pvm;kustannus_eur — use --cost kustannus_eur",
    });
  });
});
