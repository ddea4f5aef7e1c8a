// Sniffing how a file is written from its first bytes: encoding, BOM, delimiter, line ending, and
// refusing what is not text. Windows-1252 bytes are written out by hand (ä = E4, ö = F6, € = 80).

import { describe, expect, it } from 'vitest';
import { detectDelimiter, detectLineEnding, sniffDialect } from '../../src/read/dialect.js';
import { CostcurveError } from '../../src/errors.js';

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

describe('sniffDialect: encoding and BOM', () => {
  it.each<[string, Buffer, string, boolean]>([
    ['plain ASCII', Buffer.from('id;cost\n1;2\n'), 'utf-8', false],
    ['UTF-8 BOM', Buffer.from('\ufeffid;cost\n1;2\n'), 'utf-8', true],
    ['UTF-8 ä (C3 A4)', Buffer.from('id;palvelu\n1;Päivystys\n'), 'utf-8', false],
    // 'Päivystys' in Windows-1252: ä is the single byte E4, which is not valid UTF-8.
    ['Windows-1252 ä (E4)', Buffer.from([...ascii('id;palvelu\n1;P'), 0xe4, ...ascii('ivystys\n')]), 'windows-1252', false],
    // € is 80 in Windows-1252: a lone continuation byte in UTF-8.
    ['Windows-1252 € (80)', Buffer.from([...ascii('id;cost\n1;'), 0x80, ...ascii(' 5\n')]), 'windows-1252', false],
    // The head of a long file may end inside a character: C3 without its A4 is still UTF-8.
    ['UTF-8 cut mid-character', Buffer.from([...ascii('id;palvelu\n1;P'), 0xc3]), 'utf-8', false],
  ])('%s → %s, bom %s', (_, bytes, encoding, bom) => {
    const dialect = sniffDialect(bytes, {}, 'x.csv', true);
    expect(dialect.encoding).toBe(encoding);
    expect(dialect.bom).toBe(bom);
  });

  it('takes the encoding from the flag over the bytes', () => {
    const bytes = Buffer.from('id;palvelu\n1;Päivystys\n'); // valid UTF-8
    expect(sniffDialect(bytes, { encoding: 'windows-1252' }, 'x.csv', true).encoding).toBe('windows-1252');
  });

  it("takes the delimiter from Excel's sep= first line", () => {
    // Line 1 alone has one ';' and the rest three '|': counting would not decide; the line does.
    expect(sniffDialect(Buffer.from('sep=|\r\nid|palvelu|kustannus\r\na|K;L|1\r\n'), {}, 'x.csv', true)).toMatchObject({ delimiter: '|', lineEnding: 'CRLF' });
    expect(sniffDialect(Buffer.from('\ufeffsep=;\nid;kustannus\n'), {}, 'x.csv', true)).toMatchObject({ delimiter: ';', bom: true });
  });

  it('reads a file with a UTF-8 BOM as UTF-8 whatever the flag says (--encoding is for every file)', () => {
    // Given for another file of the run: 'Päivystys' in UTF-8 read as Windows-1252 would be 'PÃ¤ivystys'.
    const bytes = Buffer.from('\ufeffid;palvelu\n1;Päivystys\n');
    expect(sniffDialect(bytes, { encoding: 'windows-1252' }, 'x.csv', true)).toMatchObject({ encoding: 'utf-8', bom: true });
  });
});

describe('sniffDialect: binary content is a data error', () => {
  it.each<[string, number[], string, RegExp]>([
    ['a NUL byte', [...ascii('id;cost\n1;'), 0x00, ...ascii('2\n')], 'CC_DATA_BINARY', /NUL byte at byte 11/],
    ['an .xlsx (ZIP) file', [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00], 'CC_DATA_BINARY', /ZIP archive.*\.xlsx/],
    ['an .xls (OLE) file', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1], 'CC_DATA_BINARY', /\.xls workbook/],
    ['UTF-16 LE text', [0xff, 0xfe, 0x69, 0x00, 0x64, 0x00], 'CC_DATA_ENCODING', /UTF-16/],
    ['mostly control characters', Array.from({ length: 100 }, (_, i) => (i % 2 ? 0x01 : 0x41)), 'CC_DATA_BINARY', /control characters/],
  ])('%s', (_, bytes, code, message) => {
    let error: unknown;
    try {
      sniffDialect(Buffer.from(bytes), {}, 'x.csv', true);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CostcurveError);
    expect((error as CostcurveError).code).toBe(code);
    expect((error as CostcurveError).message).toMatch(message);
    expect((error as CostcurveError).location).toEqual({ file: 'x.csv', line: 1 });
    expect((error as CostcurveError).exitCode).toBe(3);
  });
});

describe('detectDelimiter', () => {
  it.each<[string, string, string]>([
    ['id;palvelu;euroa\n1;A;12,50\n2;B;1 234,00\n', ';', 'Finnish export: 2 semicolons per record, commas vary'],
    ['id,cost\n1,12.5\n2,7\n', ',', 'one comma per record'],
    ['id,cost\n1,"1,5"\n2,"2,5"\n', ',', 'commas inside quotes are not counted'],
    ['id;note\n1;"a;b;c"\n', ';', 'quoted delimiters are not counted'],
    ['id\tcost\n1\t1,5\n', '\t', 'tab'],
    ['id|cost|note\n1|2|a,b\n', '|', 'pipe, with a comma in a field'],
    ['id;note\n1;"two\nlines;x"\n2;y\n', ';', 'a quoted field spanning lines'],
    ['id,cost;x\n1,2;3\n', ';', 'both fit with one each: ";" comes first'],
    ['a;b,c,d\n1;2,3,4\n', ',', 'both fit: the one with more fields wins'],
    ['id;cost\n1;2\n3;4;5\n', ';', 'none fits every record: the header decides'],
    ['kustannus\n12,50\n7\n', ';', 'one column with decimal commas: a delimiter that occurs nowhere'],
    ['kustannus\n12\n7\n', ';', 'one column'],
    ['', ',', 'no text'],
  ])('%j → %j (%s)', (text, expected) => {
    expect(detectDelimiter(text, true)).toBe(expected);
  });

  it('leaves out a last record cut off by the sniffing window', () => {
    // Complete records have 1 ';'; the cut-off last one has none yet.
    expect(detectDelimiter('id;cost\n1;2\n3', false)).toBe(';');
    expect(detectDelimiter('id;cost\n1;2\n3', true)).toBe(';'); // the header still decides
  });

  it('is overridden by the flag', () => {
    expect(sniffDialect(Buffer.from('a;b\n1;2\n'), { delimiter: '|' }, 'x.csv', true).delimiter).toBe('|');
  });

  it.each(['', ';;', '"', '\n'])('refuses the flag %j as a usage error', (delimiter) => {
    expect(() => sniffDialect(Buffer.from('a;b\n'), { delimiter }, 'x.csv', true)).toThrow(
      expect.objectContaining({ code: 'CC_USAGE', exitCode: 2 }),
    );
  });
});

describe('detectLineEnding', () => {
  it.each<[string, string]>([
    ['a;b\n1;2\n', 'LF'],
    ['a;b\r\n1;2\r\n', 'CRLF'],
    ['a;b\r1;2\r', 'CR'],
    ['a;"x\r\ny"\n1;2\n', 'LF'], // the CRLF is inside quotes
    ['a;b', 'LF'], // no line break at all
    ['a;b\r', 'CRLF'], // a CR at the end of the window may be half a CRLF
  ])('%j → %s', (text, expected) => {
    expect(detectLineEnding(text)).toBe(expected);
  });
});
