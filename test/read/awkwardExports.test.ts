// Exports as they come from spreadsheets and systems: Excel's empty rows, trailing delimiters, a
// decimal mark that first shows up deep in the file, and bad cells that must not be echoed.

import { describe, expect, it } from 'vitest';
import { readCostBytes } from '../../src/read/costFile.js';
import { describeCell } from '../../src/read/describe.js';
import type { ReadOptions } from '../../src/read/types.js';
import { chunked, collectingSink } from './sink.js';

const opts: ReadOptions = { header: true, noId: false, columns: {} };

async function read(text: string) {
  const sink = collectingSink();
  const report = await readCostBytes(chunked(Buffer.from(text)), 'x.csv', opts, sink);
  return { report, sink };
}

describe('awkward but valid exports', () => {
  it("treats Excel's ';;' rows as blank lines, not bad rows", async () => {
    const { report, sink } = await read('id;palvelu;kustannus\na;K;10\n;;\n;;\nb;K;5\n ; ;\n');
    expect(report).toMatchObject({ rows: 2, rejected: 0 });
    expect(sink.rows.map((r) => [r.id, r.line])).toEqual([['a', 2], ['b', 5]]);
  });

  it('accepts a trailing delimiter on data rows that the header lacks', async () => {
    const { report, sink } = await read('id;kustannus\na;10;\nb;5;\n');
    expect(report).toMatchObject({ rows: 2, rejected: 0 });
    expect(sink.rows.map((r) => r.amount.units)).toEqual([10, 5]);
  });

  it('still rejects a row with a non-empty extra field', async () => {
    const { sink } = await read('id;kustannus\na;10;x\nb;5\n');
    expect(sink.rejects.map((r) => [r.reason, r.line])).toEqual([['fieldCount', 2]]);
  });

  it('guesses the decimal mark from the first amount that has one, however deep in the file', async () => {
    // 3000 whole euros (the same with either mark), then 12.5 — a ';' file, whose default guess is ','
    const lines = Array.from({ length: 3000 }, (_, i) => `p${i};${i}`);
    const { report, sink } = await read(['id;kustannus', ...lines, 'q;12.5', ''].join('\n'));
    expect(report.decimal).toBe('.');
    expect(sink.rejects).toEqual([]);
    expect(sink.rows.at(-1)!.amount).toEqual({ units: 125, scale: 1 });
  });
});

describe('bad cells are described, never repeated', () => {
  it.each([
    ['n/a', "'n/a'"],
    ['#N/A', "'#N/A'"],
    ['-', "'-'"],
    ['12,3,4', "'99,9,9' (shape: digits as 9, letters as a)"],
    ['A7777777', "'a9999999' (shape: digits as 9, letters as a)"],
    ['x'.repeat(5) + 'y'.repeat(30), `'${'a'.repeat(24)}…' (shape: digits as 9, letters as a)`],
    ['a\nb', "'a␣a' (shape: digits as 9, letters as a)"],
  ])('%j → %s', (cell, described) => {
    expect(describeCell(cell)).toBe(described);
  });

  it('an id in the cost column (id and cost swapped) does not reach the rejection detail', async () => {
    const { sink } = await read('id;kustannus\na;10\n12,50;A7777777\n');
    expect(sink.rejects).toHaveLength(1);
    expect(sink.rejects[0].detail).not.toContain('A7777777');
    expect(sink.rejects[0].detail).toContain("'a9999999'");
  });
});
