// Cost files read by the byte scanner against csv-parse, the reference: readCostFile (csv-parse,
// every record as strings, rows through the sink) is the independent implementation every
// expectation here comes from. The same report, rejections and persons — on every fixture, on
// awkward exports, and on generated files in every dialect, both as files and as streams (gzip).

import fc from 'fast-check';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PersonAttributes } from '../../src/aggregate/attributes.js';
import { PersonTable } from '../../src/aggregate/persons.js';
import { Rejections } from '../../src/aggregate/rejections.js';
import { scanCostFile } from '../../src/aggregate/scanFile.js';
import { sinkFor } from '../../src/aggregate/collect.js';
import { readCostFile } from '../../src/read/costFile.js';
import type { ReadOptions } from '../../src/read/types.js';

const fixture = (path: string): string => fileURLToPath(new URL(`../../fixtures/${path}`, import.meta.url));
const defaults: ReadOptions = { header: true, noId: false, columns: {} };

/** What reading a file gives, in a form that does not depend on the order persons were met. */
async function outcome(reader: 'scanner' | 'csv-parse', path: string, opts: ReadOptions) {
  const table = new PersonTable();
  const rejections = new Rejections(false);
  const sink = sinkFor(table, new PersonAttributes(), rejections, opts.noId);
  try {
    const report = reader === 'scanner' ? await scanCostFile(path, opts, table, sink) : await readCostFile(path, opts, sink);
    return { report, rejections: { counts: rejections.sortedCounts(), examples: rejections.examples }, ...persons(table) };
  } catch (error) {
    const e = error as { code?: string; message: string; location?: unknown };
    return { error: { code: e.code, message: e.message, location: e.location } };
  }
}

/** Persons by id (persons without one by their totals), and every (id, service, amount). */
function persons(table: PersonTable) {
  const ids = [...table.idList()];
  const idOf = new Map<number, string>(ids.map((id) => [table.person(id), id]));
  const totals = table.totals;
  const byId = ids.map((id) => [id, totals[table.person(id)]] as const).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const anonymous = [...totals].filter((_, i) => !idOf.has(i)).sort((a, b) => a - b);
  const s = table.serviceAmounts();
  const amounts = [...Array(s.length).keys()]
    .filter((k) => s.amount[k] !== 0)
    .map((k) => `${idOf.get(s.person[k]) ?? '∅'}|${s.names[s.service[k]]}|${s.amount[k]}`)
    .sort();
  return { persons: byId, anonymous, amounts, scale: table.scale, services: [...s.names].sort() };
}

async function expectSame(path: string, opts: ReadOptions = defaults): Promise<void> {
  const scanned = await outcome('scanner', path, opts);
  const reference = await outcome('csv-parse', path, opts);
  expect(scanned).toEqual(reference);
}

describe('the scanner reads every fixture as csv-parse does', () => {
  const costs: [string, Partial<ReadOptions>][] = [
    ...readdirSync(fixture('sample/costs')).map((f) => [`sample/costs/${f}`, {}] as [string, Partial<ReadOptions>]),
    ['read/kotihoito-fi.csv', {}],
    ['read/vuodeosasto-1252.csv', {}],
    ['read/tab.tsv', {}],
    ['read/tab.tsv', { decimal: ',' }],
    ['read/pipe.csv', {}],
    ['read/quoted.csv', {}],
    ['read/erikoissairaanhoito.csv.gz', {}],
    ['read/wide.csv', { columns: { cost: ['kotihoito', 'vuodeosasto', 'lääkkeet'] } }],
    ['read/wide.csv', { noId: true, columns: { cost: ['kotihoito', 'vuodeosasto'] } }],
    ['read/rejects.csv', { columns: { weight: 'weight' } }],
    ['read/rejects.csv', { columns: { weight: 'weight', group: 'service' } }],
    ['read/no-header.csv', { header: false, columns: { id: '1', service: '2', cost: ['3'] } }],
    ['read/unclosed.csv', {}],
    ['read/empty.csv', {}],
    ['read/header-only.csv', {}],
    ['read/data-as-header.csv', {}],
    ['read/kotihoito-fi.csv', { columns: { cost: ['hinta_netto'] } }],
    ['sample/register.csv', {}],
  ];
  it.each(costs)('%s %j', async (path, opts) => {
    await expectSame(fixture(path), { ...defaults, ...opts });
  });

  it('reads well-formed rows without building them as strings', async () => {
    // The sink sees only the rows the byte path hands to the string path: none in a plain file.
    const table = new PersonTable();
    const rejections = new Rejections(false);
    const sink = sinkFor(table, new PersonAttributes(), rejections, false);
    let strings = 0;
    const counting = { row: (...args: Parameters<typeof sink.row>) => (strings++, sink.row(...args)), reject: sink.reject };
    const dir = mkdtempSync(join(tmpdir(), 'costcurve-scan-'));
    const path = join(dir, 'plain.csv');
    writeFileSync(path, 'asiakas_id;palvelu;kustannus_eur\n' + Array.from({ length: 3000 }, (_, i) => `A${i % 700};P${i % 5};${i},${i % 100}\n`).join(''));
    const report = await scanCostFile(path, defaults, table, counting);
    expect(report.rows).toBe(3000);
    // The first 1000 records are read as strings while the decimal mark is guessed; the rest are not.
    expect(strings).toBe(1000);
  });
});

describe('awkward exports, scanner and csv-parse alike', () => {
  const dir = mkdtempSync(join(tmpdir(), 'costcurve-awkward-'));
  let n = 0;
  const file = (text: string | Buffer, ext = '.csv'): string => {
    const path = join(dir, `f${n++}${ext}`);
    writeFileSync(path, text);
    return path;
  };
  it.each<[string, string]>([
    ["Excel's ;; rows", 'id;palvelu;kustannus\na;K;10\n;;\n;;\nb;K;5\n ; ;\n'],
    ['trailing delimiters', 'id;kustannus\na;10;\nb;5;\n'],
    ['a non-empty extra field', 'id;kustannus\na;10;x\nb;5\n'],
    ['spaces around ids and services', 'id;palvelu;kustannus\n a ;K ;10\na;K;5\n\u00a0a;K;1\n'],
    ['quoted ids and amounts', 'id;palvelu;kustannus\n"a";"K;L";"1 234,50"\n"a""b";K;2\n'],
    ['amounts in every form', 'id;kustannus\na;1 234,50\na;-12,5\na;€12\na;1e3\na;+5\na;,5\na;1.234.567,8\na;0,1234567\na;12,\nb;abc\nc;\nd; \n'],
    ['scales growing from row to row', 'id;kustannus\na;1\nb;2,5\na;0,125\nc;3,000001\n'],
    ['an empty service falls back to the file name', 'id;palvelu;kustannus\na;;1\na; ;2\n'],
    ['a repeated header line', 'id;kustannus\na;1\nid;kustannus\nb;2\n'],
    ['CR line endings', 'id;kustannus\ra;1\rb;2\r'],
    ['whole euros then a decimal point deep in the file', ['id;kustannus', ...Array.from({ length: 1500 }, (_, i) => `p${i};${i}`), 'q;12.5', ''].join('\n')],
  ])('%s', async (_, text) => {
    await expectSame(file(text));
  });

  it('Windows-1252 ids beyond ASCII and a € sign', async () => {
    // "Äijä;Päivystys;€ 12,50" in Windows-1252: Ä C4, ä E4, € 80
    const bytes = Buffer.from([...Buffer.from('id;palvelu;kustannus\n'), 0xc4, 0x69, 0x6a, 0xe4, 0x3b, 0x50, 0xe4, 0x69, 0x76, 0xe4, 0x3b, 0x80, 0x20, 0x31, 0x32, 0x2c, 0x35, 0x30, 0x0a, 0x41, 0x3b, 0x4b, 0x3b, 0x31, 0x0a]);
    await expectSame(file(bytes));
  });

  it('a UTF-8 id and the same id in a Windows-1252 file are one person', async () => {
    const table = new PersonTable();
    const sink = sinkFor(table, new PersonAttributes(), new Rejections(false), false);
    await scanCostFile(file('id;kustannus\nÄijä;1\n'), defaults, table, sink);
    await scanCostFile(file(Buffer.from([...Buffer.from('id;kustannus\n'), 0xc4, 0x69, 0x6a, 0xe4, 0x3b, 0x32, 0x0a])), defaults, table, sink);
    expect(table.length).toBe(1);
    expect(table.totals[table.person('Äijä')]).toBe(300); // 1 + 2 euros in cents
  });

  it('--strict stops at the same first bad row', async () => {
    const path = file('id;kustannus\na;1\nb;x\nc;\n');
    const run = async (reader: 'scanner' | 'csv-parse') => {
      const table = new PersonTable();
      const sink = sinkFor(table, new PersonAttributes(), new Rejections(true), false);
      return (reader === 'scanner' ? scanCostFile(path, defaults, table, sink) : readCostFile(path, defaults, sink)).catch((e) => e);
    };
    const [scanned, reference] = [await run('scanner'), await run('csv-parse')];
    expect(scanned).toMatchObject({ code: 'CC_DATA_STRICT', location: { line: 3 } });
    expect(scanned.message).toBe(reference.message);
  });
});

describe('generated exports in every dialect', () => {
  const dir = mkdtempSync(join(tmpdir(), 'costcurve-generated-'));
  let n = 0;
  const cell = fc.oneof(
    { weight: 6, arbitrary: fc.stringMatching(/^[A-Za-z0-9]{1,12}$/) },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', 'ä', 'A 1', ' x ', '"q"', 'a;b', 'l\nm') },
  );
  const amount = fc.oneof(
    { weight: 6, arbitrary: fc.tuple(fc.integer({ min: -99999, max: 999999 }), fc.integer({ min: 0, max: 3 })).map(([u, s]) => (s === 0 ? String(u) : `${Math.trunc(u / 10 ** s)},${String(Math.abs(u) % 10 ** s).padStart(s, '0')}`)) },
    { weight: 1, arbitrary: fc.constantFrom('', 'x', '1 234,5', '1.234,5', '12.5', '€3', '-0', ' 7 ') },
  );
  const row = fc.tuple(cell, fc.constantFrom('A', 'B', 'Päivystys', ''), amount, fc.boolean());
  const style = fc.record({
    delimiter: fc.constantFrom(';', ',', '\t', '|'),
    eol: fc.constantFrom('\n', '\r\n', '\r'),
    encoding: fc.constantFrom('utf-8', 'windows-1252'),
    bom: fc.boolean(),
    gzip: fc.boolean(),
    quoteAll: fc.boolean(),
  });

  it('give the same report, rejections and persons', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 60 }), style, async (rows, st) => {
        const quote = (f: string) => (st.quoteAll || f.includes(st.delimiter) || /["\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f);
        const lines = ['asiakas_id', 'palvelu', 'kustannus'].map(quote).join(st.delimiter);
        const body = rows.map(([id, service, cost, blank]) => (blank ? st.eol : '') + [id, service, cost].map(quote).join(st.delimiter));
        const text = [lines, ...body].join(st.eol) + st.eol;
        let bytes = st.encoding === 'utf-8' ? Buffer.from((st.bom ? '\ufeff' : '') + text) : Buffer.from(text.replace(/[^\x00-\xff]/g, '?'), 'latin1');
        if (st.gzip) bytes = gzipSync(bytes);
        const path = join(dir, `g${n++}.csv${st.gzip ? '.gz' : ''}`);
        writeFileSync(path, bytes);
        await expectSame(path, { ...defaults, delimiter: st.delimiter, ...(st.encoding === 'windows-1252' ? { encoding: 'windows-1252' } : {}) });
      }),
      { numRuns: 200 },
    );
  });
});
