// The reference record reader: RFC 4180 fields, the physical line each record starts on, blank
// lines, and malformed quoting as data errors with their line.

import { describe, expect, it } from 'vitest';
import { readCsvRecords } from '../../src/read/csvReader.js';
import type { RawRecord, SniffedDialect } from '../../src/read/types.js';
import { chunked } from './sink.js';

const dialect: SniffedDialect = { delimiter: ';', encoding: 'utf-8', bom: false, lineEnding: 'LF' };

async function records(text: string, cuts: number[] = [], options: Partial<SniffedDialect> = {}): Promise<RawRecord[]> {
  const out: RawRecord[] = [];
  for await (const batch of readCsvRecords(chunked(Buffer.from(text), cuts), { ...dialect, ...options }, 'x.csv')) {
    expect(batch.length).toBeGreaterThan(0);
    out.push(...batch);
  }
  return out;
}

describe('readCsvRecords', () => {
  it.each<[string, string, [string[], number][]]>([
    // Lines are counted by hand from the text: each \n, \r\n or lone \r ends a line.
    ['simple, no final newline', 'a;b\n1;2', [[['a', 'b'], 1], [['1', '2'], 2]]],
    ['CRLF', 'a;b\r\n1;2\r\n', [[['a', 'b'], 1], [['1', '2'], 2]]],
    ['CR only', 'a;b\r1;2\r', [[['a', 'b'], 1], [['1', '2'], 2]]],
    ['blank lines are skipped, not records, but counted as lines', 'a;b\n\n\n1;2\r\n\r\n3;4\n', [[['a', 'b'], 1], [['1', '2'], 4], [['3', '4'], 6]]],
    ['a quoted delimiter', 'a;"x;y"\n', [[['a', 'x;y'], 1]]],
    ['a doubled quote', 'a;"say ""hi"""\n', [[['a', 'say "hi"'], 1]]],
    // The record on line 2 spans lines 2-3 (an LF inside quotes), so the next one starts on 4.
    ['an LF inside quotes', 'h;h\n1;"x\ny"\n2;z\n', [[['h', 'h'], 1], [['1', 'x\ny'], 2], [['2', 'z'], 4]]],
    // A CRLF inside quotes is one line break (csv-parse's own count says two).
    ['a CRLF inside quotes', 'h;h\r\n1;"x\r\ny"\r\n2;z\r\n', [[['h', 'h'], 1], [['1', 'x\r\ny'], 2], [['2', 'z'], 4]]],
    ['a CR inside quotes', 'h;h\r1;"x\ry"\r2;z\r', [[['h', 'h'], 1], [['1', 'x\ry'], 2], [['2', 'z'], 4]]],
    ['empty fields', ';;\n', [[['', '', ''], 1]]],
    ['a line of spaces is a record', 'a;b\n  \n', [[['a', 'b'], 1], [['  '], 2]]],
    ['uneven field counts are handed on', 'a;b\n1\n1;2;3\n', [[['a', 'b'], 1], [['1'], 2], [['1', '2', '3'], 3]]],
    ['a stray quote inside a field is kept', 'a;12" screen\n', [[['a', '12" screen'], 1]]],
    ['text after a closing quote is kept', 'a;"x"y\n', [[['a', '"x"y'], 1]]],
    ['spaces are kept', ' a ; b \n', [[[' a ', ' b '], 1]]],
  ])('%s', async (_, text, expected) => {
    const got = await records(text);
    expect(got.map((r) => [r.fields, r.line])).toEqual(expected);
  });

  it('gives the same records whatever the chunking (one byte per chunk)', async () => {
    const text = 'h;h\r\n\r\n1;"x\r\ny"\r\n2;"ä;ö"\r\n';
    const bytes = Buffer.byteLength(text);
    const everyByte = Array.from({ length: bytes }, (_, i) => i);
    expect(await records(text, everyByte)).toEqual(await records(text));
  });

  it.each<[string, number, number]>([
    // the quote opens on line 3 in field 2; the record never ends
    ['id;cost\n1;2\n2;"3\n3;4\n', 3, 2],
    // blank lines before the bad record count
    ['id;cost\n\n\n"1;2\n', 4, 1],
    // a CRLF inside an earlier, closed quoted field is one line
    ['a;b\r\n"x\r\ny";1\r\n2;"open\r\n', 4, 2],
  ])('reports an unclosed quote on the line its record starts: %j', async (text, line, column) => {
    await expect(records(text)).rejects.toMatchObject({
      code: 'CC_DATA_UNCLOSED_QUOTE',
      exitCode: 3,
      location: { file: 'x.csv', line, column },
      message: expect.stringContaining(`starting on line ${line} is never closed`),
    });
  });

  it('decodes Windows-1252', async () => {
    const bytes = Buffer.from([0x61, 0x3b, 0xe4, 0x0a]); // a;ä\n
    const out: RawRecord[] = [];
    for await (const batch of readCsvRecords(chunked(bytes), { ...dialect, encoding: 'windows-1252' }, 'x.csv')) out.push(...batch);
    expect(out).toEqual([{ fields: ['a', 'ä'], line: 1 }]);
  });
});
