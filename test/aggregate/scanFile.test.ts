// Cost files read by the byte scanner, on one thread or several, against csv-parse, the reference:
// readCostFile (csv-parse, every record as strings, rows through the sink) is the independent
// implementation every expectation here comes from. The same report, rejections, persons, groups
// and weights — on every fixture, on awkward exports, and on generated files in every dialect, as
// files and as streams (gzip) — whatever the thread count and wherever the file is split.

import fc from 'fast-check';
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { open } from 'node:fs/promises';
import { describe, expect, it, vi } from 'vitest';
import { PersonAttributes } from '../../src/aggregate/attributes.js';
import { sinkFor } from '../../src/aggregate/collect.js';
import { CostRows } from '../../src/aggregate/costRows.js';
import { PersonTable } from '../../src/aggregate/persons.js';
import { Rejections } from '../../src/aggregate/rejections.js';
import { readersFor } from '../../src/aggregate/readingThreads.js';
import { recordStart, scanCostFile } from '../../src/aggregate/scanFile.js';
import type { CostLayout } from '../../src/read/costHead.js';
import { readCostFile } from '../../src/read/costFile.js';
import { RecordScanner } from '../../src/read/scanner.js';
import type { ReadOptions } from '../../src/read/types.js';
import { CostcurveError } from '../../src/errors.js';
import { entries } from './serviceEntries.js';


const fixture = (path: string): string => fileURLToPath(new URL(`../../fixtures/${path}`, import.meta.url));
const defaults: ReadOptions = { header: true, noId: false, columns: {} };

/**
 * How to read: csv-parse, or the scanner on `threads` threads. On 2, the other thread reads for this
 * one's table from the end of this one's first read (`bufferBytes`: 256 bytes, after the head); with
 * `split` (and on more threads), the file is split near `near` (byte offsets), a table per thread.
 */
type Reader = { csvParse: true } | { threads: number; near?: number[]; split?: boolean; bufferBytes?: number };
const CSV_PARSE: Reader = { csvParse: true };
const SCANNER: Reader = { threads: 1 };

/** The pieces a read fills, through collect's sink as collect wires them. */
function target(strict = false) {
  const table = new PersonTable();
  const attributes = new PersonAttributes();
  const rejections = new Rejections(strict);
  return { table, attributes, rejections, strict, sink: sinkFor(table, attributes, rejections, false) };
}

async function read(reader: Reader, path: string, opts: ReadOptions, into = target()) {
  const sink = opts.noId ? sinkFor(into.table, into.attributes, into.rejections, true) : into.sink;
  if ('csvParse' in reader) return readCostFile(path, opts, sink);
  const threads = { threads: reader.threads, rejections: into.rejections, strict: into.strict, minBytes: 0, near: reader.near, split: reader.split, bufferBytes: reader.bufferBytes ?? 256 };
  return scanCostFile(path, opts, { table: into.table, attributes: into.attributes, sink }, threads);
}

/** What reading a file gives, in a form that does not depend on the order persons were met. */
async function outcome(reader: Reader, path: string, opts: ReadOptions) {
  const into = target();
  try {
    const report = await read(reader, path, opts, into);
    return { report, rejections: { counts: into.rejections.sortedCounts(), examples: into.rejections.examples }, ...persons(into.table, into.attributes) };
  } catch (error) {
    const e = error as { code?: string; message: string; location?: unknown };
    return { error: { code: e.code, message: e.message, location: e.location } };
  }
}

/** Persons by id (persons without one by their totals), every (id, service, amount), groups and weights. */
function persons(table: PersonTable, attributes: PersonAttributes) {
  const ids = [...table.idList()];
  const idOf = new Map<number, string>(ids.map((id) => [table.person(id), id]));
  const totals = table.totals;
  const byId = ids
    .map((id) => [id, totals[table.person(id)], attributes.groupOf(table.person(id)), attributes.weightOf(table.person(id))] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const anonymous = [...totals.keys()]
    .filter((i) => !idOf.has(i))
    .map((i) => `${totals[i]}|${attributes.groupOf(i)}|${attributes.weightOf(i)}`)
    .sort();
  const s = entries(table.serviceAmounts());
  const amounts = [...Array(s.length).keys()]
    .filter((k) => s.amount[k] !== 0)
    .map((k) => `${idOf.get(s.person[k]) ?? '∅'}|${s.names[s.service[k]]}|${s.amount[k]}`)
    .sort();
  const conflicts = { groups: attributes.groupConflicts(table.length), weights: attributes.weightConflicts(table.length) };
  return { persons: byId, anonymous, amounts, scale: table.scale, services: [...s.names].sort(), conflicts };
}

async function expectSame(path: string, opts: ReadOptions = defaults, reader: Reader = SCANNER): Promise<void> {
  const got = await outcome(reader, path, opts);
  const reference = await outcome(CSV_PARSE, path, opts);
  expect(got).toEqual(reference);
}

const scratch = mkdtempSync(join(tmpdir(), 'costcurve-scan-'));
let files = 0;
function file(content: string | Buffer, ext = '.csv'): string {
  const path = join(scratch, `f${files++}${ext}`);
  writeFileSync(path, content);
  return path;
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
    const into = target();
    let strings = 0;
    const sink = { row: (...args: Parameters<typeof into.sink.row>) => (strings++, into.sink.row(...args)), reject: into.sink.reject };
    const path = file('asiakas_id;palvelu;kustannus_eur\n' + Array.from({ length: 3000 }, (_, i) => `A${i % 700};P${i % 5};${i},${i % 100}\n`).join(''));
    const report = await scanCostFile(path, defaults, { ...into, sink });
    expect(report.rows).toBe(3000);
    // The first 1000 records are read as strings while the decimal mark is guessed; the rest are not.
    expect(strings).toBe(1000);
  });
});

describe('awkward exports, scanner and csv-parse alike', () => {
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
    // Excel's first line naming the delimiter; the bad row on line 4 keeps its physical line number.
    ["Excel's sep=; line", 'sep=;\nid;palvelu;kustannus\na;K;10,5\nb;K;x\nc;L;2\n'],
    ["Excel's sep=, line after a BOM, with CRLF", '\ufeffsep=,\r\nid,kustannus\r\na,"10,5"\r\nb,2\r\n'],
    ['CR line endings', 'id;kustannus\ra;1\rb;2\r'],
    ['whole euros then a decimal point deep in the file', ['id;kustannus', ...Array.from({ length: 1500 }, (_, i) => `p${i};${i}`), 'q;12.5', ''].join('\n')],
  ])('%s', async (_, text) => {
    await expectSame(file(text));
  });

  it('groups and weights from the cost rows, conflicting ones included', async () => {
    // a: groups A then B (a conflict), weights 2 and 2; b: weight 1,5 then 3 (a conflict); c: no group
    const path = file('id;ryhma;paino;kustannus\na;A;2;10\nb;A;1,5;5\na;B;2;1\nb;A;3;2\nc;;1;4\n');
    await expectSame(path, { ...defaults, columns: { group: 'ryhma', weight: 'paino' } });
  });

  it('Windows-1252 ids beyond ASCII and a € sign', async () => {
    // "Äijä;Päivystys;€ 12,50" in Windows-1252: Ä C4, ä E4, € 80
    const bytes = Buffer.from([...Buffer.from('id;palvelu;kustannus\n'), 0xc4, 0x69, 0x6a, 0xe4, 0x3b, 0x50, 0xe4, 0x69, 0x76, 0xe4, 0x3b, 0x80, 0x20, 0x31, 0x32, 0x2c, 0x35, 0x30, 0x0a, 0x41, 0x3b, 0x4b, 0x3b, 0x31, 0x0a]);
    await expectSame(file(bytes));
  });

  it('a UTF-8 id and the same id in a Windows-1252 file are one person', async () => {
    const into = target();
    await scanCostFile(file('id;kustannus\nÄijä;1\n'), defaults, into);
    await scanCostFile(file(Buffer.from([...Buffer.from('id;kustannus\n'), 0xc4, 0x69, 0x6a, 0xe4, 0x3b, 0x32, 0x0a])), defaults, into);
    expect(into.table.length).toBe(1);
    expect(into.table.totals[into.table.person('Äijä')]).toBe(300); // 1 + 2 euros in cents
  });

  it("skips Excel's sep=; line: the delimiter it names, the header after it, physical line numbers", async () => {
    const path = file('sep=;\nid;palvelu;kustannus\na;K;10,5\nb;K;x\nc;L;2\n');
    for (const reader of [SCANNER, CSV_PARSE]) {
      const got = await outcome(reader, path, defaults);
      // a 10,50 € and c 2 € in cents; b's 'x' on line 4 is a bad cost.
      expect(got).toMatchObject({ persons: [['a', 1050, null, NaN], ['c', 200, null, NaN]], rejections: { counts: { badCost: 1 } } });
      expect((got as { rejections: { examples: { line: number }[] } }).rejections.examples[0]).toMatchObject({ line: 4 });
    }
  });

  it('skips the header repeated in the same order as a bad row, however it is spelled (case, spaces, the BOM of a joined file)', async () => {
    const path = file('id;palvelu;kustannus\na;K;10\nID ;Palvelu;KUSTANNUS\n\ufeffid;palvelu;kustannus\nb;K;5\n');
    for (const reader of [SCANNER, CSV_PARSE]) {
      const got = await outcome(reader, path, defaults);
      expect(got).toMatchObject({ persons: [['a', 1000, null, NaN], ['b', 500, null, NaN]], rejections: { counts: { badCost: 2 } } });
    }
  });

  it('stops at the header repeated with its columns in another order (two exports joined), as the reference does', async () => {
    // Line 4 names the same columns as line 1, palvelu first: the rows after it would be read with
    // the service as the id.
    const path = file('id;palvelu;kustannus\na;K;10\nb;K;5\npalvelu;ID;kustannus\nK;c;20\n');
    const [scanned, reference] = await Promise.all([SCANNER, CSV_PARSE].map((reader) => read(reader, path, defaults, target()).catch((e) => e)));
    expect(scanned).toMatchObject({ code: 'CC_DATA_HEADER_AGAIN', location: { line: 4 } });
    expect(scanned.message).toMatch(/repeats the header with its columns in another order \(palvelu, ID, kustannus\)/);
    expect(scanned.message).toBe(reference.message);
    // With a spreadsheet's trailing delimiter too.
    const trailing = file('id;palvelu;kustannus\na;K;10\npalvelu;id;kustannus;\nK;c;20\n');
    for (const reader of [SCANNER, CSV_PARSE]) await expect(read(reader, trailing, defaults, target())).rejects.toMatchObject({ code: 'CC_DATA_HEADER_AGAIN', location: { line: 3 } });
  });

  it('looks for the decimal mark past an amount that cannot tell it (1.000) to one that can', async () => {
    // 1 200 whole numbers, then 1.000, then 12.50 … : the dot is the decimal mark, nothing is rejected.
    const rows = [...Array.from({ length: 1200 }, (_, i) => `p${i};${i + 1}`), 'q;1.000', ...Array.from({ length: 500 }, (_, i) => `r${i};12.50`)];
    const path = file(['id;kustannus', ...rows, ''].join('\n'));
    for (const reader of [SCANNER, CSV_PARSE]) {
      const report = await read(reader, path, defaults, target());
      expect(report).toMatchObject({ decimal: '.', rejected: 0, decimalAmbiguous: false });
    }
  });

  it('--strict stops at the same first bad row', async () => {
    const path = file('id;kustannus\na;1\nb;x\nc;\n');
    const [scanned, reference] = await Promise.all([SCANNER, CSV_PARSE].map((reader) => read(reader, path, defaults, target(true)).catch((e) => e)));
    expect(scanned).toMatchObject({ code: 'CC_DATA_STRICT', location: { line: 3 } });
    expect(scanned.message).toBe(reference.message);
  });
});

/** An export of `rows` rows in the given style; returns its bytes. */
function generated(rows: [string, string, string, boolean][], st: { delimiter: string; eol: string; encoding: string; bom: boolean; quoteAll: boolean }): Buffer {
  const quote = (f: string) => (st.quoteAll || f.includes(st.delimiter) || /["\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f);
  const header = ['asiakas_id', 'palvelu', 'kustannus'].map(quote).join(st.delimiter);
  const body = rows.map(([id, service, cost, blank]) => (blank ? st.eol : '') + [id, service, cost].map(quote).join(st.delimiter));
  const text = [header, ...body].join(st.eol) + st.eol;
  return st.encoding === 'utf-8' ? Buffer.from((st.bom ? '\ufeff' : '') + text) : Buffer.from(text.replace(/[^\x00-\xff]/g, '?'), 'latin1');
}

const cell = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^[A-Za-z0-9]{1,12}$/) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', 'ä', 'A 1', ' x ', '"q"', 'a;b', 'l\nm', 'r\r\ns') },
);
const amount = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.integer({ min: -99999, max: 999999 }), fc.integer({ min: 0, max: 3 })).map(([u, s]) => (s === 0 ? String(u) : `${Math.trunc(u / 10 ** s)},${String(Math.abs(u) % 10 ** s).padStart(s, '0')}`)) },
  { weight: 1, arbitrary: fc.constantFrom('', 'x', '1 234,5', '1.234,5', '12.5', '€3', '-0', ' 7 ') },
);
const row = fc.tuple(cell, fc.constantFrom('A', 'B', 'Päivystys', '', 'x\ny'), amount, fc.boolean());
const style = fc.record({
  delimiter: fc.constantFrom(';', ',', '\t', '|'),
  eol: fc.constantFrom('\n', '\r\n', '\r'),
  encoding: fc.constantFrom('utf-8', 'windows-1252'),
  bom: fc.boolean(),
  quoteAll: fc.boolean(),
});
const optionsOf = (st: { delimiter: string; encoding: string }): ReadOptions => ({
  ...defaults,
  delimiter: st.delimiter,
  ...(st.encoding === 'windows-1252' ? { encoding: 'windows-1252' } : {}),
});

describe('generated exports in every dialect', () => {
  it('give the same report, rejections and persons, as files and as gzip streams', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 60, size: 'max' }), style, fc.boolean(), async (rows, st, gzip) => {
        const bytes = generated(rows, st);
        const path = file(gzip ? gzipSync(bytes) : bytes, gzip ? '.csv.gz' : '.csv');
        await expectSame(path, optionsOf(st));
      }),
      { numRuns: 150 },
    );
  });
});

describe('rows added a batch at a time (costRows.ts)', () => {
  // The first 1000 records are read as strings; batches start after them. Long exports with odd
  // rows (bad, long or spaced ids, empty costs) between batched ones: the reference numbers persons
  // as it meets them, row by row, so equal id lists mean the batches kept the rows' order.
  const longRow = fc.tuple(
    fc.oneof({ weight: 12, arbitrary: fc.integer({ min: 0, max: 400 }).map((i) => `A${i}`) }, { weight: 1, arbitrary: fc.constantFrom(' A7', '', 'Ä1') }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 999 }).map((i) => `LONG-ID-${i}`) }),
    fc.constantFrom('A', 'B', 'C', ''),
    fc.oneof({ weight: 12, arbitrary: fc.integer({ min: -9999, max: 99999 }).map((u) => `${Math.trunc(u / 100)},${String(Math.abs(u) % 100).padStart(2, '0')}`) }, { weight: 1, arbitrary: fc.constantFrom('', 'x', '1 234,5', '7') }),
  );
  it('read a group and a weight column as the reference does, bad weights, spaced groups and conflicts included', async () => {
    // Rows with a group (alue) and a weight (paino): good rows are read a batch at a time with them
    // (CostRows.rowsHere); a bad weight, a quote or an odd id leaves the row to the scanner's path.
    const group = fc.oneof({ weight: 8, arbitrary: fc.constantFrom('Itä', 'Länsi', '0-17', 'A') }, { weight: 1, arbitrary: fc.constantFrom('', ' A ', '"q"', 'x y') });
    const weight = fc.oneof({ weight: 8, arbitrary: fc.constantFrom('1', '2', '1,5', '0', '0,25') }, { weight: 1, arbitrary: fc.constantFrom('', 'x', '-1', ' 2 ', '1 000', '2.5') });
    const withAttributes = fc.tuple(longRow, group, weight).map(([r, g, w]) => [...r, g, w]);
    await fc.assert(
      fc.asyncProperty(fc.array(withAttributes, { minLength: 1001, maxLength: 1600 }), async (rows) => {
        const path = file('asiakas_id;palvelu;kustannus;alue;paino\n' + rows.map((r) => r.join(';')).join('\n') + '\n');
        await expectSame(path, { ...defaults, columns: { group: 'alue', weight: 'paino' } });
        // The group column the service's: the same field read for both.
        await expectSame(path, { ...defaults, columns: { group: 'palvelu' } });
      }),
      { numRuns: 10 },
    );
  });

  it('number persons and add sums as the reference does, row by row', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(longRow, { minLength: 1001, maxLength: 1900 }), async (rows) => {
        const path = file('asiakas_id;palvelu;kustannus\n' + rows.map((r) => r.join(';')).join('\n') + '\n');
        await expectSame(path);
        const [scanned, reference] = [target(), target()];
        await read(SCANNER, path, defaults, scanned);
        await read(CSV_PARSE, path, defaults, reference);
        expect([...scanned.table.idList()]).toEqual([...reference.table.idList()]);
      }),
      { numRuns: 12 },
    );
  });

  it('read plain records straight from the bytes as the reference reads them, in every dialect', async () => {
    // CostRows.rows reads plain records itself and leaves every other one to the scanner: amounts
    // at the edges of its form (signs, 15 and 16 digits, 6 and 7 decimals, groups, the other mark),
    // ids at 8 and 9 bytes, quotes, spaces, CR, too few or many fields, all after 1000 plain rows.
    const edgeAmount = fc.constantFrom('+5', '-0', '0', '007', '123456789012345', '1234567890123456', '1,123456', '1,1234567', '1.5', '1,5', ',5', '5,', '-', '1 234', '12e3', '"7"', '7 ');
    const edgeId = fc.constantFrom('ABCDEFGH', 'ABCDEFGHI', 'a', '~!', ' x', 'Ä', '"q"', 'P1');
    const edgeRow = fc.tuple(edgeId, fc.constantFrom('A', 'B', ''), fc.oneof(edgeAmount, amount), fc.constantFrom('', '', '', ';x', '\r'));
    await fc.assert(
      fc.asyncProperty(fc.array(edgeRow, { minLength: 1, maxLength: 80, size: 'max' }), fc.constantFrom(';', ',', '\t', '|'), fc.constantFrom(',', '.'), fc.constantFrom('\n', '\r\n'), async (rows, delimiter, decimal, eol) => {
        // A decimal mark that is also the delimiter (Excel's comma files, amounts quoted): an
        // unquoted `12,50` is then two fields.
        const plainAmount = (i: number) => (decimal === delimiter ? `"${i}${decimal}25"` : `${i}${decimal}25`);
        const plain = Array.from({ length: 1000 }, (_, i) => [`P${i % 50}`, 'A', plainAmount(i)].join(delimiter));
        const odd = rows.map(([id, service, cost, extra]) => [id, service, cost.replace(',', decimal)].join(delimiter) + extra.replace(';', delimiter));
        const path = file(['asiakas_id', 'palvelu', 'kustannus'].join(delimiter) + eol + [...plain, ...odd].join(eol) + eol);
        const opts = { ...defaults, delimiter };
        await expectSame(path, opts);
        // Persons in the same order (unless the file stops with an error, which expectSame compared).
        const [scanned, reference] = [target(), target()];
        const read1 = await read(SCANNER, path, opts, scanned).then(() => true, () => false);
        const read2 = await read(CSV_PARSE, path, opts, reference).then(() => true, () => false);
        if (read1 && read2) expect([...scanned.table.idList()]).toEqual([...reference.table.idList()]);
      }),
      { numRuns: 40 },
    );
  });

  it('read ids longer than 8 bytes a batch at a time as the reference does: alike in their first bytes, in runs, of 9 to 300 bytes, on 1 and 2 threads', async () => {
    // Pseudonymised ids: one export's share a long prefix and differ at their end; some differ in
    // length only (PSEUDO-1, PSEUDO-10), some are the same but for a byte beyond the eighth; 254
    // bytes (the longest batched) and 255–300 (looked up one at a time); short ids between them;
    // runs of one id (sorted exports) and ids in no order.
    const ids = [
      ...Array.from({ length: 400 }, (_, i) => `PSEUDO-FI-${String((i * 7919) % 1000).padStart(6, '0')}`),
      ...Array.from({ length: 40 }, (_, i) => `PSEUDO-${i}`),
      'X'.repeat(254),
      'X'.repeat(253) + 'Y',
      'X'.repeat(255),
      'X'.repeat(300),
      'ABCDEFGHI',
      'ABCDEFGHJ',
      'ABCDEFGH',
      'Q1',
    ];
    const lines: string[] = [];
    for (let i = 0; lines.length < 4000; i++) {
      const id = ids[(i * 31) % ids.length];
      for (let k = 0; k <= i % 3; k++) lines.push(`${id};S${(i + k) % 4};${i % 97},${k}5`);
    }
    const path = file('id;palvelu;kustannus\n' + lines.join('\n') + '\n');
    for (const reader of [SCANNER, { threads: 2 }, { threads: 2, near: [60_000], split: true }]) {
      await expectSame(path, defaults, reader);
      const [scanned, reference] = [target(), target()];
      await read(reader, path, defaults, scanned);
      await read(CSV_PARSE, path, defaults, reference);
      expect([...scanned.table.idList()]).toEqual([...reference.table.idList()]);
    }
  });

  it('read an export sorted by person (runs of one id, neighbours alike in their first bytes) as the reference does', async () => {
    // P0000001, P0000002, …: the same first four bytes, so a run must be told by the whole id.
    const lines: string[] = [];
    for (let i = 0; lines.length < 3000; i++) for (let k = 0; k <= i % 4; k++) lines.push(`P${String(i).padStart(7, '0')};S${k % 3};${i % 97},${k}5`);
    const path = file('id;palvelu;kustannus\n' + lines.join('\n') + '\n');
    await expectSame(path);
    const [scanned, reference] = [target(), target()];
    await read(SCANNER, path, defaults, scanned);
    await read(CSV_PARSE, path, defaults, reference);
    expect([...scanned.table.idList()]).toEqual([...reference.table.idList()]);
  });

  it('tell hundreds of service values apart as the reference does (a small cache of recent ones in front)', async () => {
    // 600 values, more than the 64 the cache holds: alike in their first 4 or 8 bytes, over 8
    // bytes, with spaces around (the same service as without), empty (the file's label), beyond ASCII.
    const values = Array.from({ length: 600 }, (_, i) => [`S${i}`, `PALV${i}`, `PALVELU${i % 10}`, `PALVELUT-${i}`, ` S${i % 7} `, '', `Ä${i % 5}`][i % 7]);
    const lines = Array.from({ length: 4000 }, (_, r) => `P${(r * 7) % 301};${values[(r * 13) % values.length]};${r % 89},${r % 10}0`);
    const path = file('id;palvelu;kustannus\n' + lines.join('\n') + '\n');
    await expectSame(path);
  });

  it('an error in the bytes after rows still in the batch: the error of the earlier row is the one told', async () => {
    // Line 1102 leaves the exact range (10^17 − 100 cents); line 1112 opens a quote that never
    // closes. The reference meets 1102 first, and so must the batch, on one thread or two.
    const lines = Array.from({ length: 1100 }, (_, i) => `p${i % 50};s1;${i},5`);
    for (let k = 0; k < 10; k++) lines.push('p1;s1;999999999999999');
    lines.push('p2;"s1;5');
    const path = file('id;palvelu;kustannus\n' + lines.join('\n') + '\n');
    const reference = await read(CSV_PARSE, path, defaults).catch((e) => e);
    expect(reference).toMatchObject({ code: 'CC_DATA_AMOUNT_RANGE', location: { line: 1102 } });
    const size = statSync(path).size;
    for (const reader of [SCANNER, { threads: 2 }, { threads: 2, bufferBytes: size - 2000 }, { threads: 2, near: [size - 2000], split: true }]) {
      const scanned = await read(reader, path, defaults).catch((e) => e);
      expect(scanned.location).toEqual(reference.location);
    }
  });

  it('a service refused (too many) in the same read as rows whose sum leaves the exact range before it: the sum is told, as the reference tells it', async () => {
    // Ten rows of 10^15 cents pass 2^53 at the tenth (line 1011, after the header and the head's
    // 1000); the service NEW, three rows on, is one too many for the table. The kernel reads all
    // of them at once, and finds NEW's name after.
    const lines = Array.from({ length: 1000 }, (_, i) => `p${i % 50};S1;${i},5`);
    for (let k = 0; k < 12; k++) lines.push('p1;S1;9999999999999,99');
    lines.push('p2;NEW;1', 'p3;S1;2');
    const path = file('id;palvelu;kustannus\n' + lines.join('\n') + '\n');
    const refusing = () => {
      const into = target();
      const serviceOf = into.table.serviceOf.bind(into.table);
      into.table.serviceOf = (name: string) => {
        if (name === 'NEW') throw new CostcurveError('CC_DATA_SERVICES', 'too many services');
        return serviceOf(name);
      };
      return into;
    };
    // (On one thread, read 64 KiB at a time, not 256 bytes: the rows must come in one read. On
    // two, the other thread reads them, and this one refuses NEW as its name comes through the ring.)
    const readers: Reader[] = [{ threads: 1, bufferBytes: 65536 }, { threads: 2 }, CSV_PARSE];
    const [scanned, piped, reference] = await Promise.all(readers.map((reader) => read(reader, path, defaults, refusing()).catch((e) => e)));
    expect(reference).toMatchObject({ code: 'CC_DATA_AMOUNT_RANGE', location: { line: 1011 } });
    expect(scanned).toMatchObject({ code: 'CC_DATA_AMOUNT_RANGE', location: reference.location });
    expect(piped).toMatchObject({ code: 'CC_DATA_AMOUNT_RANGE', location: reference.location });
  });

  it('stop at the row whose sum leaves the exact range, with its line', async () => {
    // 999 999 999 999 999 euros is 10^17 − 100 cents, beyond 2^53 ≈ 9.007 · 10^15: line 1702.
    const lines = Array.from({ length: 1700 }, (_, i) => `A${i % 300};P;${i},50`);
    lines.push('A5;P;999999999999999', 'A6;P;1,00');
    const path = file('id;palvelu;kustannus\n' + lines.join('\n') + '\n');
    const [scanned, reference] = await Promise.all([SCANNER, CSV_PARSE].map((reader) => read(reader, path, defaults).catch((e) => e)));
    expect(scanned).toMatchObject({ code: 'CC_DATA_AMOUNT_RANGE', location: { line: 1702 } });
    expect(scanned.location).toEqual(reference.location);
  });
});

describe('threads and split points never change what is read', () => {
  // A file is split once its head is read: the decimal mark is guessed from the first 1000 records.
  const HEAD = 1000;
  const head = (st: { delimiter: string; eol: string }, service = true) =>
    Array.from({ length: HEAD }, (_, i) => `h${i % 97}${st.delimiter}${service ? `A${st.delimiter}` : ''}${i % 13},5${st.eol}`).join('');

  it('split anywhere after the head, on 2–4 threads, generated exports read as on one', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 50, size: 'max' }),
        style,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 3 }),
        async (rows, st, cuts) => {
          const bytes = generated(rows, st);
          // The head's rows go after the generated file's header line.
          const headerEnd = bytes.indexOf(st.eol.at(-1)!.charCodeAt(0)) + 1;
          const prefix = Buffer.from(head(st), st.encoding === 'utf-8' ? 'utf8' : 'latin1');
          const path = file(Buffer.concat([bytes.subarray(0, headerEnd), prefix, bytes.subarray(headerEnd)]));
          const from = headerEnd + prefix.length;
          const near = cuts.map((c) => from + Math.floor(c * (statSync(path).size - from))).sort((a, b) => a - b);
          await expectSame(path, optionsOf(st), { threads: near.length + 1, near });
          if (near.length === 1) await expectSame(path, optionsOf(st), { threads: 2, near, split: true });
        },
      ),
      { numRuns: 40 },
    );
  });

  it('groups and weights from rows on both sides of split points, conflicts included, as on one thread', async () => {
    // Persons p0–p39 get a group and a weight on rows all through the file (some disagree: the
    // earliest line wins and the person counts as a conflict); the split points fall anywhere.
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 39 }), fc.constantFrom('A', 'B', ''), fc.constantFrom('1', '2,5', '')), { minLength: 1, maxLength: 300, size: 'max' }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 2 }),
        async (rows, cuts) => {
          const headRows = Array.from({ length: HEAD }, (_, i) => `h${i % 97};${i % 3 === 0 ? 'A' : 'B'};1;${i % 13},5`);
          const body = rows.map(([p, group, weight], r) => `p${p};${group};${weight};${r % 50},25`);
          const text = ['id;ryhma;paino;kustannus', ...headRows, ...body].join('\n') + '\n';
          const path = file(text);
          const from = Buffer.byteLength(['id;ryhma;paino;kustannus', ...headRows].join('\n') + '\n');
          const near = cuts.map((c) => from + Math.floor(c * (text.length - from))).sort((a, b) => a - b);
          await expectSame(path, { ...defaults, columns: { group: 'ryhma', weight: 'paino' } }, { threads: near.length + 1, near });
        },
      ),
      // 20 runs at full size (up to 300 rows each), not 30: the file already takes ~20 s.
      { numRuns: 20 },
    );
  });

  it('a split point at every byte, quoted line breaks included; on 2 threads, the other one reading for this one from any record', async () => {
    // Lines 1003–1004 and 1005–1006 are records with line breaks inside quotes: a split there is
    // not a record start, and the range after it must be read again from where its record ends.
    const st = { delimiter: ';', eol: '\r\n' };
    const tail = 'a;"Koti\r\nhoito";10\r\nb;K;2,5\r\n"c\nd";"x;y";3\r\n\r\ne;K;-1\r\na;K;x\r\nf;"L ""M""";4\r\n';
    const start = Buffer.byteLength('id;palvelu;kustannus\r\n' + head(st));
    const path = file('id;palvelu;kustannus\r\n' + head(st) + tail);
    const reference = await outcome(CSV_PARSE, path, defaults);
    expect(reference).toMatchObject({ report: { rows: HEAD + 6, rejected: 1 } });
    for (let at = start; at < start + Buffer.byteLength(tail); at++) {
      expect(await outcome({ threads: 2, near: [at], split: true }, path, defaults)).toEqual(reference);
      // This thread's first read ends near `at`: the other thread reads from the record start before.
      expect(await outcome({ threads: 2, bufferBytes: at + 1 }, path, defaults)).toEqual(reference);
    }
  });

  it('keeps the first 20 bad rows by line and the first error, whichever thread met them', async () => {
    const lines = ['id;kustannus', ...head({ delimiter: ';', eol: '\n' }, false).trimEnd().split('\n')];
    for (let i = 0; i < 400; i++) lines.push(i % 7 === 3 ? `p${i};bad` : `p${i % 50};${i}`);
    const path = file(lines.join('\n') + '\n');
    const size = statSync(path).size;
    await expectSame(path, defaults, { threads: 4, near: [size * 0.6, size * 0.75, size * 0.9] });
    const broken = file(lines.join('\n') + '\nz;"never closed\n' + 'q;1\n'.repeat(100));
    await expectSame(path, defaults, { threads: 2 });
    const errors = await Promise.all([CSV_PARSE, { threads: 3, near: [size * 0.7, size * 0.9] }, { threads: 2 }].map((r) => outcome(r, broken, defaults)));
    expect(errors[1]).toEqual(errors[0]);
    expect(errors[2]).toEqual(errors[0]);
    // The header, the head's 1000 lines and 400 more: the quote opens on line 1402.
    expect(errors[0]).toMatchObject({ error: { code: 'CC_DATA_UNCLOSED_QUOTE', location: { line: 1402 } } });
  });

  it('with --strict, stops at the first bad row of the file, not of the first thread to meet one', async () => {
    const lines = ['id;kustannus', ...head({ delimiter: ';', eol: '\n' }, false).trimEnd().split('\n')];
    for (let i = 0; i < 300; i++) lines.push(i === 250 || i === 40 ? `p${i};bad` : `p${i};${i}`);
    const path = file(lines.join('\n') + '\n');
    const size = statSync(path).size;
    const [threaded, piped, reference] = await Promise.all(
      [{ threads: 3, near: [size * 0.8, size * 0.95] } as Reader, { threads: 2 }, CSV_PARSE].map((reader) =>
        read(reader, path, defaults, target(true)).catch((e) => ({ code: e.code, message: e.message, location: e.location })),
      ),
    );
    expect(threaded).toEqual(reference);
    expect(piped).toEqual(reference);
    expect(reference).toMatchObject({ code: 'CC_DATA_STRICT', location: { line: 1042 } }); // header + 1000 + p40 on the 41st
  });

  it('a split point after a window of blank lines and of lines that are not records: found, reading each line a bounded number of times, and the file read as on one thread', async () => {
    // From byte `at`: 12 000 blank lines (LF, then CRLF), 12 000 lines 'x' (one field: no record
    // of 3), then records. The point is the first record's start, at + 6 000 + 2 · 6 000 + 2 · 12 000.
    const records = (n: number) => Array.from({ length: n }, (_, i) => `p${i % 300};K;${i % 89},5\n`).join('');
    const before = 'id;palvelu;kustannus\n' + records(1200);
    const at = Buffer.byteLength(before);
    const path = file(before + '\n'.repeat(6000) + '\r\n'.repeat(6000) + 'x\n'.repeat(12_000) + records(3000));
    const size = statSync(path).size;
    const layout = { dialect: { delimiter: ';', lineEnding: 'LF' }, fieldCount: 3 } as unknown as CostLayout;
    // Every scan from a line start, and the records it hands on, counted.
    let scans = 0;
    let handed = 0;
    const scan = RecordScanner.prototype.scan;
    const spy = vi.spyOn(RecordScanner.prototype, 'scan').mockImplementation(function (this: RecordScanner, ...args) {
      scans++;
      const handler = this.handler;
      this.handler = { record: (scanner, line) => (handed++, handler.record(scanner, line)) };
      return scan.apply(this, args);
    });
    const handle = await open(path);
    try {
      // The window (64 KiB) starts on the line break before the blank lines: the first line start is at.
      expect(await recordStart(handle, at - 1, size, layout)).toBe(at + 6000 + 12_000 + 24_000);
    } finally {
      spy.mockRestore();
      await handle.close();
    }
    // No scan from a blank line, and each scan stops at its 4th record: 12 000 'x' starts and one
    // more that is taken, 4 records each. (Scanned from each start to the window's end, the 'x'
    // starts alone hand on 12 000 · 12 001 / 2 ≈ 7 · 10^7 records, and the records after them more.)
    expect(scans).toBe(12_001);
    expect(handed).toBe(4 * 12_001);
    expect(await outcome({ threads: 2, near: [at + 100], split: true }, path, defaults)).toEqual(await outcome(CSV_PARSE, path, defaults));
  });

  it('lines longer than the window a split point is looked for in: the file is split later, and read as on one thread', async () => {
    // No line ends in the 64 KiB window at the first split guess, so no point is found at the head;
    // one is found some buffers on, while the thread started for it still waits for its range.
    const lines = ['id;kustannus;huom', ...Array.from({ length: 1200 }, (_, i) => `P${i % 500};${i % 97},50;x`)];
    for (let i = 0; i < 12; i++) lines.push(`Q${i};1,25;${'y'.repeat(100_000)}`);
    const path = file(lines.join('\n') + '\n');
    const one = await outcome(SCANNER, path, defaults);
    expect(one).toMatchObject({ report: { rows: 1212, rejected: 0 } });
    expect(await outcome({ threads: 2, split: true }, path, defaults)).toEqual(one);
    expect(await outcome({ threads: 2 }, path, defaults)).toEqual(one);
  });

  it('starts as many reading threads as a file can have ranges, not one per core', () => {
    const threads = { threads: 24, rejections: new Rejections(false), strict: false };
    const MiB = 2 ** 20;
    // The first buffer (1 MiB) holds the head; then a range per 4 MiB (half SPLIT_MIN_BYTES) left.
    expect(readersFor(9 * MiB - 1, threads)).toBe(0);
    expect(readersFor(9 * MiB, threads)).toBe(1);
    expect(readersFor(21 * MiB, threads)).toBe(4);
    expect(readersFor(10_000 * MiB, threads)).toBe(23);
    expect(readersFor(10_000 * MiB, { ...threads, threads: 1 })).toBe(0);
  });

  it('really reads with more threads', async () => {
    // Not a timing: split, a thread's rows reach the table through merge, so the sink sees none of
    // them; in a pipeline, they come through the ring (CostRows.takeBatch).
    const lines = ['id;kustannus', ...head({ delimiter: ';', eol: '\n' }, false).trimEnd().split('\n')];
    for (let i = 0; i < 3000; i++) lines.push(i % 500 === 7 ? `p${i};bad` : `p${i % 50};${i}`);
    const path = file(lines.join('\n') + '\n');
    const size = statSync(path).size;
    for (const split of [true, false]) {
      const into = target();
      let strings = 0;
      const sink = { row: (...args: Parameters<typeof into.sink.row>) => (strings++, into.sink.row(...args)), reject: into.sink.reject };
      let piped = 0;
      const takeBatch = CostRows.prototype.takeBatch;
      const spy = vi.spyOn(CostRows.prototype, 'takeBatch').mockImplementation(function (this: CostRows, rows, n) {
        piped += n;
        return takeBatch.call(this, rows, n);
      });
      try {
        const threads = { threads: 2, rejections: into.rejections, strict: false, minBytes: 0, near: [size / 2], split, bufferBytes: 256 };
        const report = await scanCostFile(path, defaults, { ...into, sink }, threads);
        expect(report).toMatchObject({ rows: 4000, rejected: 6 });
      } finally {
        spy.mockRestore();
      }
      expect(into.rejections.total).toBe(6); // i = 7, 507, … 2507: half of them read by the other thread when split
      expect(strings).toBeLessThan(4000 - 1000); // the head's 1000 went through the sink; not all the rest
      // In the pipeline the other thread read all but this thread's first read (256 bytes after the
      // head: some 30 rows): the 3000 rows less the bad ones and those.
      if (split) expect(piped).toBe(0);
      else expect(piped).toBeGreaterThan(3000 - 6 - 60);
    }
  });

  it('on 2 threads, the other thread reads for this one: a ring full many times over, records out of the ordinary, long ids and names, late services', async () => {
    // 40 000 rows after the head (the ring holds 64 batches of 256): bad rows and quoted ones (sent
    // on as records), ids of 9–254 bytes (batched with their bytes) and of 300 (sent on), a field
    // of 200 000 bytes (a record longer than a slot), a service name as long, services first met
    // late, blank lines and CRLF; then the same file with a sum beyond the exact range near its end.
    const lines = ['id;palvelu;kustannus', ...head({ delimiter: ';', eol: '\n' }).trimEnd().split('\n')];
    for (let i = 0; i < 40_000; i++) {
      const id = i % 97 === 5 ? `PSEUDO-FI-${String(i % 1000).padStart(8, '0')}` : i % 4999 === 7 ? 'Z'.repeat(300) : `p${(i * 7919) % 3001}`;
      const service = i % 10_007 === 9 ? `late${i}` : i === 20_011 ? 'S'.repeat(200_000) : `S${i % 5}`;
      if (i % 1301 === 3) lines.push(`${id};${service};bad`);
      else if (i % 1703 === 4) lines.push(`"${id}";"${service}";"${i % 89},5"`);
      else if (i === 30_001) lines.push(`${id};"${'x'.repeat(200_000)}";1`);
      else if (i % 2003 === 6) lines.push(`${id};${service};${i}\r\n`);
      else lines.push(`${id};${service};${i % 89},${i % 10}5`);
    }
    const text = lines.join('\n') + '\n';
    const path = file(text);
    await expectSame(path, defaults, { threads: 2 });
    const [piped, reference] = [target(), target()];
    await read({ threads: 2 }, path, defaults, piped);
    await read(CSV_PARSE, path, defaults, reference);
    // Persons numbered in the same order as the reference numbers them.
    expect([...piped.table.idList()]).toEqual([...reference.table.idList()]);
    // 10^15 cents a row: the sum leaves the exact range (2^53 ≈ 9.007 · 10^15) at the tenth.
    const beyond = file(text + 'p1;S1;9999999999999,99\n'.repeat(100) + 'p2;S1;"open\n');
    const outcomes = await Promise.all([CSV_PARSE, { threads: 2 }].map((reader) => outcome(reader, beyond, defaults)));
    expect(outcomes[0]).toMatchObject({ error: { code: 'CC_DATA_AMOUNT_RANGE' } });
    expect(outcomes[1]).toEqual(outcomes[0]);
  });
});
