// Property: records written in any dialect — delimiter, line ending, quoting, BOM, encoding,
// decimal mark, blank lines — and cut into chunks at arbitrary byte offsets read back to the same
// CostRows on the same lines. The expected rows are the generated values themselves (an
// independent source), not output of the reader.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCostBytes } from '../../src/read/costFile.js';
import type { Amount, DecimalMark, Encoding, ReadOptions } from '../../src/read/types.js';
import { chunked, collectingSink } from './sink.js';

interface Written {
  id: string;
  service: string;
  amount: Amount;
  group: boolean; // write thousands separators
  blankBefore: boolean;
}

interface Style {
  delimiter: string;
  lineEnding: string;
  quoteAll: boolean;
  bom: boolean;
  encoding: Encoding;
  decimal: DecimalMark;
  finalNewline: boolean;
}

/** An amount as an export writes it: `scale` decimals, optional thousands groups. */
function formatAmount({ units, scale }: Amount, decimal: DecimalMark, group: boolean): string {
  const digits = String(Math.abs(units)).padStart(scale + 1, '0');
  let integer = digits.slice(0, digits.length - scale);
  if (group) integer = integer.replace(/\B(?=(\d{3})+$)/g, decimal === ',' ? '\u00a0' : ',');
  const text = scale > 0 ? `${integer}${decimal}${digits.slice(digits.length - scale)}` : integer;
  return units < 0 ? `-${text}` : text;
}

function quote(field: string, style: Style): string {
  const needs = style.quoteAll || /["\r\n]/.test(field) || field.includes(style.delimiter);
  return needs ? `"${field.replace(/"/g, '""')}"` : field;
}

/** Line breaks as the reader counts them: LF, CRLF and a lone CR once each. */
function lineBreaks(text: string): number {
  return (text.match(/\r\n|\r|\n/g) ?? []).length;
}

function encode(text: string, encoding: Encoding, bom: boolean): Uint8Array {
  if (encoding === 'utf-8') return Buffer.from((bom ? '\ufeff' : '') + text, 'utf8');
  // Windows-1252 for the characters the generators use: ASCII, ä ö å (same code as Latin-1), € = 80.
  return Uint8Array.from([...text].map((c) => (c === '€' ? 0x80 : c.charCodeAt(0))));
}

/** Writes the file and the rows a reader must find in it, with their lines. */
function write(records: Written[], style: Style) {
  const header = ['asiakas_id', 'palvelu', 'kustannus'].map((f) => quote(f, style)).join(style.delimiter);
  let text = header;
  let line = 2 + lineBreaks(header); // the first record starts after the header's line break
  const expected: [string, number, number, string, number][] = [];
  for (const r of records) {
    text += style.lineEnding;
    if (r.blankBefore) {
      text += style.lineEnding;
      line++;
    }
    const fields = [r.id, r.service, formatAmount(r.amount, style.decimal, r.group)];
    const recordText = fields.map((f) => quote(f, style)).join(style.delimiter);
    expected.push([r.id.trim(), r.amount.units, r.amount.scale, r.service.trim() || 'roundtrip', line]);
    text += recordText;
    line += lineBreaks(recordText) + 1;
  }
  if (style.finalNewline) text += style.lineEnding;
  return { bytes: encode(text, style.encoding, style.bom), expected };
}

async function readBack(bytes: Uint8Array, cuts: number[], opts: ReadOptions) {
  const sink = collectingSink();
  await readCostBytes(chunked(bytes, cuts), 'roundtrip.csv', opts, sink);
  expect(sink.rejects).toEqual([]);
  return sink.rows.map((r) => [r.id, r.amount.units, r.amount.scale, r.service, r.line]);
}

const amount = fc.record({
  units: fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }),
  scale: fc.integer({ min: 0, max: 4 }),
});

function recordOf(chars: fc.Arbitrary<string>, scale = amount) {
  const text = fc.string({ unit: chars, maxLength: 12 });
  return fc.record({
    id: text.filter((s) => s.trim() !== ''),
    service: text,
    amount: scale,
    group: fc.boolean(),
    blankBefore: fc.boolean(),
  });
}

const style = fc
  .record({
    delimiter: fc.constantFrom(',', ';', '\t', '|'),
    lineEnding: fc.constantFrom('\n', '\r\n', '\r'),
    quoteAll: fc.boolean(),
    bom: fc.boolean(),
    encoding: fc.constantFrom<Encoding>('utf-8', 'windows-1252'),
    decimal: fc.constantFrom<DecimalMark>(',', '.'),
    finalNewline: fc.boolean(),
  })
  .map((s) => ({ ...s, bom: s.bom && s.encoding === 'utf-8' }));

const cuts = fc.array(fc.nat({ max: 4000 }), { maxLength: 12 });

describe('records read back the same in any dialect and chunking', () => {
  it('with the dialect given by flags, any field content (delimiters, quotes, CR/LF, ä, €)', async () => {
    const chars = fc.constantFrom('a', 'B', '7', ' ', 'ä', 'ö', '€', '"', ',', ';', '\t', '|', '\n', '\r');
    await fc.assert(
      fc.asyncProperty(style, fc.array(recordOf(chars), { minLength: 1, maxLength: 25, size: 'max' }), cuts, async (s, records, at) => {
        const { bytes, expected } = write(records, s);
        const opts: ReadOptions = {
          header: true,
          noId: false,
          columns: {},
          delimiter: s.delimiter,
          encoding: s.encoding,
          decimal: s.decimal,
        };
        expect(await readBack(bytes, at.map((c) => c % bytes.length), opts)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('with the dialect sniffed (delimiter, encoding, BOM, decimal mark)', async () => {
    // Text a sniffer can be sure about: other candidate delimiters do not occur outside quotes,
    // and the first amount has 1 or 2 decimals so that the decimal mark shows. No thousands
    // groups: `1,234` alone is genuinely ambiguous.
    const chars = (delimiter: string) => fc.constantFrom('a', 'B', '7', ' ', 'ä', 'ö', '"', '\n', delimiter);
    const property = fc.asyncProperty(
      style.chain((s) =>
        fc.tuple(
          fc.constant(s),
          recordOf(chars(s.delimiter), amount.map((a) => ({ ...a, scale: 1 + (Math.abs(a.units) % 2) }))),
          fc.array(recordOf(chars(s.delimiter)), { maxLength: 25, size: 'max' }),
        ),
      ),
      cuts,
      async ([s, first, more], at) => {
        const records = [first, ...more].map((r) => ({ ...r, group: false }));
        const { bytes, expected } = write(records, s);
        const opts: ReadOptions = { header: true, noId: false, columns: {} };
        expect(await readBack(bytes, at.map((c) => c % bytes.length), opts)).toEqual(expected);
      },
    );
    await fc.assert(property, { numRuns: 200 });
  });
});
