// CSV for spreadsheets: one header and four columns on every row, full precision, and a Finnish
// dialect (';', decimal comma, BOM) that reads back through csv-parse to the very same numbers.

import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/analyse.js';
import { csvDialect, csvRows, plainNumber, renderCsv } from '../../src/report/csv.js';
import { reportOf, TEN, TEN_AREAS } from './reports.js';

describe('plainNumber', () => {
  it.each([
    [0.82, '.', '0.82'],
    [0.82, ',', '0,82'],
    [10000, ',', '10000'],
    // Exponent forms written out: 1.5e-7 = 0.00000015, 2.5e21 = 2 500 000 000 000 000 000 000.
    [1.5e-7, '.', '0.00000015'],
    [-1.5e-7, ',', '-0,00000015'],
    [2.5e21, '.', '2500000000000000000000'],
    [1.2345e22, '.', '12345000000000000000000'],
    // The shortest text that reads back to the same double: 0.1 + 0.2 is 0.30000000000000004.
    [0.1 + 0.2, '.', '0.30000000000000004'],
  ] as const)('%s with %s → %s', (x, mark, text) => {
    expect(plainNumber(x, mark)).toBe(text);
  });

  it('reads back to the same double', () => {
    for (const x of [Math.PI, 1 / 3, 123456.789, 5e-324, 1e-7, 9.87654321e-10]) expect(Number(plainNumber(x, '.'))).toBe(x);
  });
});

describe('renderCsv', () => {
  let report: Report;
  beforeAll(async () => {
    report = await reportOf(TEN);
  });

  it.each(['en', 'fi'] as const)('has one header and four fields on every row (%s)', (lang) => {
    const dialect = csvDialect(lang);
    const records: string[][] = parse(renderCsv(report, dialect), { delimiter: dialect.delimiter, bom: true });
    expect(records[0]).toEqual(['section', 'key', 'metric', 'value']);
    expect(records.length).toBe(csvRows(report).length + 1);
    for (const record of records) expect(record).toHaveLength(4);
  });

  it('writes CRLF line ends, a BOM and semicolons only for Finnish Excel', () => {
    const en = renderCsv(report, csvDialect('en'));
    const fi = renderCsv(report, csvDialect('fi'));
    expect(en.startsWith('section,key,metric,value\r\n')).toBe(true);
    expect(fi.startsWith('\ufeffsection;key;metric;value\r\n')).toBe(true);
    expect(en.split('\r\n').at(-1)).toBe('');
  });

  it.each(['en', 'fi'] as const)('round-trips every figure at full precision (%s)', (lang) => {
    const dialect = csvDialect(lang);
    const records: string[][] = parse(renderCsv(report, dialect), { delimiter: dialect.delimiter, bom: true, from_line: 2 });
    const number = (text: string) => Number(dialect.decimal === ',' ? text.replace(',', '.') : text);
    const value = (section: string, key: string, metric: string) => records.find((r) => r[0] === section && r[1] === key && r[2] === metric)?.[3];
    const key = (x: number) => plainNumber(x, dialect.decimal);
    // By hand (reports.ts): top 10 % = 0.82, top 0.5 % = 0.041, total 10 000, mean 1 000, median 200.
    expect(number(value('shares', key(0.1), 'share')!)).toBe(0.82);
    expect(number(value('shares', key(0.005), 'share')!)).toBe(report.shares[0].share);
    expect(report.shares[0].share).toBeCloseTo(0.041, 15);
    expect(number(value('summary', '', 'total')!)).toBe(10000);
    expect(number(value('summary', '', 'mean')!)).toBe(1000);
    expect(number(value('summary', '', 'median')!)).toBe(200);
    // Every curve point, as the JSON has it.
    for (const [p, c] of report.curve) expect(number(value('curve', key(p), 'share')!)).toBe(c);
    // A service name with the delimiter of the other dialect and a pipe survives as text.
    // Its total by hand: 200 € of r1 and 9 × 200 € = 2 000 €.
    expect(value('services', 'Kotihoito | ilta', 'total')).toBe('2000');
  });

  it('writes decimal commas in Finnish and points in English, never a thousands separator', () => {
    const fi = renderCsv(report, csvDialect('fi'));
    expect(fi).toContain('shares;0,1;share;0,82\r\n');
    expect(fi).toContain('summary;;total;10000\r\n');
    expect(renderCsv(report, csvDialect('en'))).toContain('shares,0.1,share,0.82\r\n');
  });

  it('leaves a suppressed figure empty and says so', async () => {
    // Ten persons, --min-cell 5: the top 10 % is one person, so its share is suppressed.
    const suppressed = await reportOf(TEN, { minCell: 5 });
    const records: string[][] = parse(renderCsv(suppressed, csvDialect('en')), { from_line: 2 });
    expect(records).toContainEqual(['shares', '0.1', 'share', '']);
    expect(records).toContainEqual(['shares', '0.1', 'suppressed', '1']);
    expect(records).toContainEqual(['shares', '0.5', 'suppressed', '0']);
  });

  it('gives every group its figures under its name', async () => {
    const grouped = await reportOf(TEN_AREAS, {}, 'kunta.csv', { group: 'alue' });
    const records: string[][] = parse(renderCsv(grouped, csvDialect('fi')), { delimiter: ';', bom: true, from_line: 2 });
    const value = (key: string, metric: string) => records.find((r) => r[0] === 'groups' && r[1] === key && r[2] === metric)?.[3];
    // By hand (reports.ts): Itä 9 000 € over 5 persons, all of the top 10 %; Länsi 1 000 €. Metric
    // names are names in every language (share@0.1); the values have decimal commas.
    expect([value('Itä', 'persons'), value('Itä', 'total'), value('Itä', 'ofTop'), value('Länsi', 'total'), value('Länsi', 'ofTop')]).toEqual(['5', '9000', '1', '1000', '0']);
    expect(Number(value('Itä', 'share@0.1')!.replace(',', '.'))).toBeCloseTo(4100 / 9000, 15);
  });

  it('quotes delimiters and quotes, and defuses text a spreadsheet would run as a formula', async () => {
    const tricky = await reportOf(['id;palvelu;kustannus', 'a;=HYPERLINK("x");10', 'b;"Koti; ""ilta""";20', 'c;-;5'].join('\n'));
    const text = renderCsv(tricky, csvDialect('fi'));
    const records: string[][] = parse(text, { delimiter: ';', bom: true, from_line: 2 });
    const services = new Set(records.filter((r) => r[0] === 'services').map((r) => r[1]));
    expect(services).toEqual(new Set(["'=HYPERLINK(\"x\")", 'Koti; "ilta"', "'-"]));
  });
});
