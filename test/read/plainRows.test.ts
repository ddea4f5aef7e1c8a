// The WebAssembly kernel (plainRows.wat) against CostRows' own loop in JavaScript, the
// implementation it replaces: on any bytes, the same rows read, with the same ids, services,
// amounts and lines, and the same records left to the scanner. (Both are held to the csv-parse
// reader, through scanCostFile, in test/aggregate/scanFile.test.ts.)

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PersonAttributes } from '../../src/aggregate/attributes.js';
import { sinkFor } from '../../src/aggregate/collect.js';
import { CostRows, plainRowsKernel } from '../../src/aggregate/costRows.js';
import { PersonTable, type IdRows } from '../../src/aggregate/persons.js';
import { Rejections } from '../../src/aggregate/rejections.js';
import { CostHead } from '../../src/read/costHead.js';
import { sniffDialect } from '../../src/read/dialect.js';
import { feed, streamFill } from '../../src/read/scanInput.js';
import { RecordScanner } from '../../src/read/scanner.js';

/**
 * Every row CostRows puts in its batch (as text: line, id words and length, service, amount and
 * scale), and those it hands to the sink, when `text` is read with the kernel or without. The
 * file's first 1000 records are read as strings while the decimal mark is guessed (CostHead), so
 * `text` is put after a header and 1000 plain rows in the dialect of `header`.
 */
async function rowsOf(header: string[], delimiter: string, eol: string, text: string, kernel: boolean): Promise<string[] & { byKernel: number }> {
  const mark = delimiter === ',' ? '.' : ',';
  const first = Array.from({ length: 1000 }, (_, i) => [`H${i % 9}`, ...header.slice(1, -1).map(() => 'h'), `${i}${mark}5`].join(delimiter));
  const bytes = new TextEncoder().encode([header.join(delimiter), ...first].join(eol) + eol + text);
  const dialect = sniffDialect(bytes.subarray(0, 65536), {}, 'x.csv', true);
  const table = new PersonTable();
  const rows: string[] = [];
  table.addRowsOfIds = (batch: IdRows, n: number) => {
    for (let r = 0; r < n; r++) {
      rows.push(`${batch.line[r]} ${batch.w0[r]}/${batch.w1[r]}/${batch.length[r]} ${table.serviceNames[batch.service[r]]} ${batch.units[r]}e-${batch.scale[r]}`);
    }
  };
  const slow: string[] = [];
  const attributes = new PersonAttributes();
  const sink = sinkFor(table, attributes, new Rejections(false), false);
  sink.row = (r, where) => void slow.push(`slow ${where.line} ${r.id} ${r.service} ${r.amount.units}e-${r.amount.scale}`);
  const k = kernel ? plainRowsKernel() : null;
  let byKernel = 0;
  if (k !== null) {
    const rowsByKernel = k.rows.bind(k);
    k.rows = (...args) => {
      const n = rowsByKernel(...args);
      byKernel += n;
      return n;
    };
  }
  let reader: CostRows | null = null;
  const head = new CostHead({ file: 'x.csv', label: 'x', dialect }, { header: true, noId: false, columns: {} }, (layout, records) => {
    reader = new CostRows(layout, table, sink, attributes, k);
    for (const record of records) reader.readRecord(record);
    return reader;
  });
  const scanner = new RecordScanner(dialect.delimiter.charCodeAt(0), head);
  // Small reads, so that records straddle the buffer's refills.
  const chunks = Array.from({ length: Math.ceil(bytes.length / 97) }, (_, i) => bytes.subarray(i * 97, (i + 1) * 97));
  const source = streamFill((async function* () { yield* chunks; })());
  const steps = feed(source.fill, scanner, { encoding: dialect.encoding, skip: dialect.bom ? 3 : 0, bufferBytes: 512, ...(k ? { buffer: k.work } : {}) });
  try {
    for (let step = await steps.next(); !step.done; step = await steps.next());
    head.finish(scanner);
    (reader as CostRows | null)?.flush();
  } catch (error) {
    // A problem in the bytes (an unclosed quote): the rows before it, and the problem.
    return Object.assign([...rows, ...slow, `error ${JSON.stringify(error)}`], { byKernel });
  }
  return Object.assign([...rows, ...slow], { byKernel });
}

const FOUR = ['id', 'palvelu', 'pvm', 'kustannus'];
const THREE = ['id', 'palvelu', 'kustannus'];

describe('plainRows.wat: plain records read by the WebAssembly kernel', () => {
  it.each([
    ['LF', FOUR, ';', '\n', 'A1;LAAK;1.2.2024;12,50\nA2;HOIT;;7\nA1;LAAK;x;-3,1\nA1;LAAK;x;4\n'],
    ['CRLF', FOUR, ';', '\r\n', 'A1;LAAK;1.2.2024;12,50\r\nA2;HOIT;;7\r\n'],
    ['a lone CR, a quote, a 9-byte id, a non-ASCII id', FOUR, ';', '\n', 'A1;L;d;1\rA2;L;d;2\nA3;"L";d;3\nABCDEFGHI;L;d;4\nÄ;L;d;5\nA4;L;d;6\n'],
    ['amounts at the edges of the form', THREE, ';', '\n', 'a;s;+5\na;s;-0\na;s;007\na;s;123456789012345\na;s;1234567890123456\na;s;1,123456\na;s;1,1234567\na;s;12,\na;s;,5\na;s;1 234,50\na;s;-\na;s;1.5\n'],
    ['too few and too many fields, a blank line, an empty id', THREE, ';', '\n', 'a;s\na;s;1;x\n\n;s;2\nb;s;3\n'],
    ['a comma delimiter and a decimal point', THREE, ',', '\n', 'a,s,12.50\nb,s,"12.50"\nc,s,7\n'],
    ['service values of more than 8 bytes, tabs', THREE, '\t', '\n', 'a\tErikoissairaanhoito\t1,5\nb\tErikoissairaanhoitoX\t2,5\na\tErikoissairaanhoito\t3\n'],
  ])('reads what the JavaScript loop reads: %s', async (_, header, delimiter, eol, text) => {
    const rows = await rowsOf(header, delimiter, eol, text, true);
    expect(rows.byKernel).toBeGreaterThan(0);
    expect([...rows]).toEqual([...(await rowsOf(header, delimiter, eol, text, false))]);
  });

  it('reads what the JavaScript loop reads on generated exports (any bytes in any field, every dialect)', async () => {
    const cell = fc.oneof(
      fc.constantFrom('A1', 'A2', 'ABCDEFGH', 'x', '', '12,5', '-7', '0,000001', '1 234', '"q"', '\r', 'é', '12.5', '99999999999999999'),
      fc.string({ maxLength: 10, unit: fc.constantFrom('a', 'Z', '0', '9', ',', '.', '-', ' ', '"', '\r', '\n', ';', '\t', 'ä', '~') }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 60, size: 'max' }),
        fc.constantFrom(';', ',', '\t'),
        fc.constantFrom('\n', '\r\n'),
        async (records, delimiter, eol) => {
          const text = records.map((fields) => fields.join(delimiter)).join(eol) + eol;
          expect([...(await rowsOf(FOUR, delimiter, eol, text, true))]).toEqual([...(await rowsOf(FOUR, delimiter, eol, text, false))]);
        },
      ),
      { numRuns: 150 },
    );
  });
});
