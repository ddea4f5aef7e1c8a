// The byte scanner against the reference: csv-parse (readCsvRecords) is the independent
// implementation every expectation here comes from. Same records (fields and lines), same errors,
// on the fixtures, on csv-spectrum's corner cases, and on generated CSV cut into chunks anywhere.

import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readCsvRecords } from '../../src/read/csvReader.js';
import { sniffDialect } from '../../src/read/dialect.js';
import { openInput, peekBytes } from '../../src/read/source.js';
import { readScannedRecords } from '../../src/read/scannedRecords.js';
import type { RecordReader, SniffedDialect } from '../../src/read/types.js';
import { chunked } from './sink.js';

type Outcome = { records: [string[], number][] } | { error: { code: string; line?: number; column?: number | string } };

async function outcome(reader: RecordReader, chunks: AsyncIterable<Buffer>, dialect: SniffedDialect): Promise<Outcome> {
  const records: [string[], number][] = [];
  try {
    for await (const batch of reader(chunks, dialect, 'x.csv')) {
      expect(batch.length).toBeGreaterThan(0);
      for (const r of batch) records.push([r.fields, r.line]);
    }
    return { records };
  } catch (error) {
    const e = error as { code: string; location: { line?: number; column?: number | string } };
    return { error: { code: e.code, line: e.location?.line, column: e.location?.column } };
  }
}

/** Both readers on the same bytes; the scanner's bytes cut at `cuts`, csv-parse's whole. */
async function both(bytes: Buffer, dialect: SniffedDialect, cuts: number[] = []): Promise<[Outcome, Outcome]> {
  return [await outcome(readScannedRecords, chunked(bytes, cuts), dialect), await outcome(readCsvRecords, chunked(bytes), dialect)];
}

const semicolon: SniffedDialect = { delimiter: ';', encoding: 'utf-8', bom: false, lineEnding: 'LF' };
const comma: SniffedDialect = { ...semicolon, delimiter: ',' };

// csv-spectrum (github.com/max-mapper/csv-spectrum) test files, inline, plus the cases where
// csv-parse's relaxed quoting decides (stray quotes, text after a closing quote).
const CASES: [string, string][] = [
  ['comma_in_quotes', 'first,last,address,city,zip\nJohn,Doe,120 any st.,"Anytown, WW",08123\n'],
  ['empty', 'a,b,c\n1,"",""\n2,3,4\n'],
  ['empty_crlf', 'a,b,c\r\n1,"",""\r\n2,3,4\r\n'],
  ['escaped_quotes', 'a,b\n1,"ha ""ha"" ha"\n3,4\n'],
  ['json', 'key,val\n1,"{""type"": ""Point"", ""coordinates"": [102.0, 0.5]}"\n'],
  ['location_coordinates', 'Contact Phone Number,Cities,Latitude,Longitude\n(555) 555-5555,"Los Angeles, CA",34.0522,-118.2437\n'],
  ['newlines', 'a,b,c\n1,2,3\n"Once upon \na time",5,6\n7,8,9\n'],
  ['newlines_crlf', 'a,b,c\r\n1,2,3\r\n"Once upon \r\na time",5,6\r\n7,8,9\r\n'],
  ['quotes_and_newlines', 'a,b\n1,"ha \n""ha"" \nha"\n3,4\n'],
  ['simple', 'a,b,c\n1,2,3\n'],
  ['simple_crlf', 'a,b,c\r\n1,2,3\r\n'],
  ['utf8', 'a,b,c\n1,2,3\n4,5,ʤ\n'],
  ['no final newline', 'a,b\n1,2'],
  ['CR only', 'a,b\r1,"x\ry"\r2,3\r'],
  ['blank lines everywhere', '\n\r\n\ra,b\n\n\n1,2\r\n\r\n3,4\n\n'],
  ['a line of spaces', 'a,b\n  \n1,2\n'],
  ['a stray quote inside a field', 'a,12" screen\n'],
  ['text after a closing quote', 'a,"x"y,z\n'],
  ['text after a closing quote, with "" before it', 'a,"x""y"z\n'],
  ['a quote closing then another', '"a"b"c",d\n'],
  ['an empty quoted field then text', '""x,1\n'],
  ['a quoted field at the very end', 'a,"b"'],
  ['an empty field at the very end', 'a,b,'],
  ['a lone quoted empty record', '""\n'],
  ['a delimiter-only line', ',\n'],
  ['a CR inside quotes before the closing quote', 'a,"x\r"\n1,2\n'],
  ['a CRLF split by the closing quote', 'a,"x\r"\n'],
  ['LF CR sequences', 'a,b\n\r1,2\n\r'],
  ['fields with spaces around quotes', 'a, "b" ,c\n'],
  ['a quote after a delimiter at the end', 'a,"'],
  ['unclosed in the second field', 'id,cost\n1,2\n2,"3\n3,4\n'],
  ['unclosed after blank lines', 'id,cost\n\n\n"1,2\n'],
  ['unclosed after a CRLF inside an earlier quoted field', 'a,b\r\n"x\r\ny",1\r\n2,"open\r\n'],
  ['unclosed after a doubled quote', 'a,"b""\n'],
];

describe('the scanner reads what csv-parse reads', () => {
  it.each(CASES)('%s', async (_, text) => {
    const [scanned, reference] = await both(Buffer.from(text), comma);
    expect(scanned).toEqual(reference);
  });

  it.each(CASES)('%s, cut into one-byte chunks', async (_, text) => {
    const bytes = Buffer.from(text);
    const [scanned, reference] = await both(bytes, comma, Array.from({ length: bytes.length }, (_, i) => i));
    expect(scanned).toEqual(reference);
  });

  it.each(CASES)('%s, cut once at every byte offset', async (_, text) => {
    const bytes = Buffer.from(text);
    const [, reference] = await both(bytes, comma);
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(await outcome(readScannedRecords, chunked(bytes, [cut]), comma)).toEqual(reference);
    }
  });

  it('skips the byte order mark, also when it arrives a byte at a time', async () => {
    const bytes = Buffer.from('\ufeffid;x\r\n1;2\r\n');
    const dialect = { ...semicolon, bom: true };
    const [scanned, reference] = await both(bytes, dialect, [1, 2, 3, 4]);
    expect(scanned).toEqual(reference);
    expect(scanned).toEqual({ records: [[['id', 'x'], 1], [['1', '2'], 2]] });
  });

  it('decodes Windows-1252 fields', async () => {
    const bytes = Buffer.from([0x61, 0x3b, 0xe4, 0x80, 0x0a]); // a;ä€\n
    const [scanned, reference] = await both(bytes, { ...semicolon, encoding: 'windows-1252' });
    expect(scanned).toEqual(reference);
    expect(scanned).toEqual({ records: [[['a', 'ä€'], 1]] });
  });

  it('falls back to csv-parse for a delimiter outside ASCII', async () => {
    const bytes = Buffer.from('a§b\n1§2\n');
    const [scanned, reference] = await both(bytes, { ...semicolon, delimiter: '§' });
    expect(scanned).toEqual(reference);
    expect(scanned).toEqual({ records: [[['a', 'b'], 1], [['1', '2'], 2]] });
  });
});

describe('the scanner refuses the bytes csv-parse’s decoder refuses, on the same line', () => {
  it.each<[string, number[], string, number]>([
    // line counted by hand: the bad byte's physical line
    ['a NUL byte', [...Buffer.from('a;b\n1;2\n3;'), 0x00, 0x0a], 'CC_DATA_BINARY', 3],
    // a lone CR and a CRLF in a file of LF line ends: each ends one line
    ['a NUL byte after a lone CR and a CRLF', [...Buffer.from('a;b\r1;2\r\n3;'), 0x00, 0x0a], 'CC_DATA_BINARY', 3],
    ['an invalid UTF-8 byte after lone CRs', [...Buffer.from('a;b\r1;2\r'), 0xe4, 0x0a], 'CC_DATA_ENCODING', 3],
    ['an invalid UTF-8 byte', [...Buffer.from('a;b\r\n1;2\r\n'), 0xe4, 0x3b, 0x31, 0x0d, 0x0a], 'CC_DATA_ENCODING', 3],
    ['an overlong form', [...Buffer.from('a;b\n1;'), 0xc0, 0xaf, 0x0a], 'CC_DATA_ENCODING', 2],
    ['an encoded surrogate', [...Buffer.from('a;b\n\n1;'), 0xed, 0xa0, 0x80, 0x0a], 'CC_DATA_ENCODING', 3],
    ['a character cut off by the end of the file', [...Buffer.from('a;b\n1;'), 0xc3], 'CC_DATA_ENCODING', 2],
  ])('%s', async (_, byteList, code, line) => {
    const bytes = Buffer.from(byteList);
    for (const cuts of [[], Array.from({ length: bytes.length }, (_, i) => i)]) {
      const [scanned, reference] = await both(bytes, semicolon, cuts);
      expect(scanned).toEqual(reference);
      expect(scanned).toMatchObject({ error: { code, line } });
    }
  });

  it('names the byte and its line, and hands on the records before it', async () => {
    const bytes = Buffer.concat([Buffer.from('a;b\n' + '1;2\n'.repeat(3)), Buffer.from([0xff, 0x0a])]);
    const records: number[] = [];
    const error = await (async () => {
      try {
        for await (const batch of readScannedRecords(chunked(bytes), semicolon, 'x.csv')) records.push(...batch.map((r) => r.line));
      } catch (e) {
        return e as Error;
      }
    })();
    expect(records).toEqual([1, 2, 3, 4]);
    expect(error?.message).toBe('invalid UTF-8 on line 5 (byte 0xff) — if the file is Windows-1252 (Excel "CSV (semicolon)"), use --encoding windows-1252');
  });
});

describe('the scanner reads every fixture exactly as csv-parse does', () => {
  const root = fileURLToPath(new URL('../../fixtures/', import.meta.url));
  const files = [
    ...readdirSync(`${root}read`).filter((f) => !f.endsWith('.md')).map((f) => `${root}read/${f}`),
    `${root}sample/register.csv`,
    ...readdirSync(`${root}sample/costs`).map((f) => `${root}sample/costs/${f}`),
  ];
  it.each(files.map((f) => [f.slice(root.length), f]))('%s', async (_, path) => {
    const { head, rest } = await peekBytes(await openInput(path), 64 * 1024);
    await rest[Symbol.asyncIterator]().return?.();
    const dialect = sniffDialect(head, {}, path, true);
    const scanned = await outcome(readScannedRecords, await openInput(path), dialect);
    const reference = await outcome(readCsvRecords, await openInput(path), dialect);
    expect(scanned).toEqual(reference);
  });
});

describe('generated CSV, cut into chunks anywhere', () => {
  // Text from the characters that matter to a CSV reader, and a few that do not.
  const piece = fc.constantFrom('a', 'b', '1', ' ', ';', ',', '\t', '"', '""', '\r', '\n', '\r\n', 'ä', '€', '"x"', ';"', '"\n');
  const text = fc.array(piece, { maxLength: 40, size: 'max' }).map((parts) => parts.join(''));
  const dialect = fc.record({
    delimiter: fc.constantFrom(';', ',', '\t', '|'),
    encoding: fc.constantFrom('utf-8' as const, 'windows-1252' as const),
    bom: fc.boolean(),
    lineEnding: fc.constant('LF' as const),
  });

  it('gives the same records or the same error', async () => {
    await fc.assert(
      fc.asyncProperty(text, dialect, fc.array(fc.nat(), { maxLength: 6 }), async (body, d, cuts) => {
        const bytes = Buffer.from((d.bom ? '\ufeff' : '') + body);
        const [scanned, reference] = await both(bytes, d, cuts.map((c) => c % (bytes.length + 1)));
        expect(scanned).toEqual(reference);
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the same records whatever the chunking, for every single cut', async () => {
    await fc.assert(
      fc.asyncProperty(text, async (body) => {
        const bytes = Buffer.from(body);
        const whole = await outcome(readScannedRecords, chunked(bytes), semicolon);
        for (let cut = 1; cut < bytes.length; cut++) {
          expect(await outcome(readScannedRecords, chunked(bytes, [cut]), semicolon)).toEqual(whole);
        }
      }),
      // 150 runs, not 300: texts of up to 40 pieces (a cut at every byte of each) at full size.
      { numRuns: 150 },
    );
  });
});
