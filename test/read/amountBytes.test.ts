// Amounts and weights read from bytes must be exactly what parseAmount/parseWeight read from the
// same field's text: the same table of accepted and refused fields (amountCases.ts, worked out by
// hand), and generated fields compared with parseAmount/parseWeight as the independent reference.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteNumbers } from '../../src/read/amountBytes.js';
import { parseAmount, parseWeight } from '../../src/read/number.js';
import { fieldText } from '../../src/read/scannedRecords.js';
import type { Amount, DecimalMark, Encoding } from '../../src/read/types.js';
import { WINDOWS_1252 } from '../../src/read/windows1252.js';
import { ACCEPTED, HALF_EVEN, REJECTED, WEIGHTS } from './amountCases.js';

/** The text as a file in `encoding` holds it, or null when the code page has no byte for a character. */
function encode(text: string, encoding: Encoding): Buffer | null {
  if (encoding === 'utf-8') return Buffer.from(text, 'utf8');
  const bytes = [...text].map((c) => WINDOWS_1252.indexOf(c));
  return bytes.includes(-1) ? null : Buffer.from(bytes);
}

/** The field read from bytes, padded on both sides so offsets matter. */
function amountOf(text: string, decimal: DecimalMark, encoding: Encoding): Amount | null | undefined {
  const field = encode(text, encoding);
  if (field === null) return undefined;
  const bytes = Buffer.concat([Buffer.from('x;'), field, Buffer.from(';y')]);
  const numbers = new ByteNumbers(decimal, encoding, fieldText(encoding));
  const units = numbers.units(bytes, 2, 2 + field.length);
  return Number.isNaN(units) ? null : { units, scale: numbers.scale };
}

function weightOf(text: string, decimal: DecimalMark, encoding: Encoding): number | null | undefined {
  const field = encode(text, encoding);
  if (field === null) return undefined;
  const weight = new ByteNumbers(decimal, encoding, fieldText(encoding)).weight(field, 0, field.length);
  return Number.isNaN(weight) ? null : weight;
}

const ENCODINGS: Encoding[] = ['utf-8', 'windows-1252'];

describe('amounts from bytes: the same table as parseAmount', () => {
  it.each(ENCODINGS.flatMap((e) => ACCEPTED.map(([text, d, units, scale]) => [e, text, d, units, scale] as const)))(
    '%s: %j with decimal %j → units %d, scale %d',
    (encoding, text, decimal, units, scale) => {
      const amount = amountOf(text, decimal, encoding);
      // U+202F and U+2212 have no Windows-1252 byte: such a field cannot occur in such a file.
      if (amount !== undefined) expect(amount).toEqual({ units, scale });
    },
  );

  it.each(HALF_EVEN)('%j → units %d at scale 6 (half-even)', (text, units) => {
    expect(amountOf(text, '.', 'utf-8')).toEqual({ units, scale: 6 });
  });

  it.each(ENCODINGS.flatMap((e) => REJECTED.map(([text, d, why]) => [e, text, d, why] as const)))(
    '%s: %j with decimal %j → refused (%s)',
    (encoding, text, decimal) => {
      expect(amountOf(text, decimal, encoding)).toBeNull();
    },
  );

  it('gives units 0, not -0, for a negative zero', () => {
    expect(Object.is(amountOf('-0,00', ',', 'utf-8')?.units, 0)).toBe(true);
  });
});

describe('weights from bytes: the same table as parseWeight', () => {
  it.each(WEIGHTS)('%j with decimal %j → %s', (text, decimal, expected) => {
    expect(weightOf(text, decimal, 'utf-8')).toBe(expected);
  });
});

describe('the common forms are read from the bytes themselves', () => {
  // Not a timing: `fast` answers (not NaN) for what exports mostly write, so those fields never
  // become strings. Values by hand, as in amountCases.ts.
  it.each<[string, DecimalMark, Encoding, number, number]>([
    ['123,45', ',', 'utf-8', 12345, 2],
    ['-12,5', ',', 'utf-8', -125, 1],
    ['1 234,50', ',', 'utf-8', 123450, 2],
    ['1\u00a0234,50', ',', 'utf-8', 123450, 2],
    ['1\u00a0234,50', ',', 'windows-1252', 123450, 2],
    ['1\u202f234\u202f567', ',', 'utf-8', 1234567, 0],
    ['1.234.567,5', ',', 'utf-8', 12345675, 1],
    ['1,234.50', '.', 'utf-8', 123450, 2],
    ['42', '.', 'utf-8', 42, 0],
    ['.25', '.', 'utf-8', 25, 2],
    ['999999999999999', '.', 'utf-8', 999999999999999, 0], // 15 digits
  ])('%j (decimal %j, %s) → %d at scale %d', (text, decimal, encoding, units, scale) => {
    const bytes = encode(text, encoding)!;
    const numbers = new ByteNumbers(decimal, encoding, () => {
      throw new Error('decoded a field the bytes should have answered');
    });
    expect(numbers.fast(bytes, 0, bytes.length)).toBe(units);
    expect(numbers.scale).toBe(scale);
  });
});

describe('generated fields: bytes and text agree', () => {
  const piece = fc.constantFrom('0', '1', '2', '5', '9', '12', '123', '007', ',', '.', ' ', '\u00a0', '\u202f', '-', '+', '\u2212', 'e', 'E', '€', 'eur', 'x', '  ');
  const field = fc.array(piece, { maxLength: 12, size: 'max' }).map((parts) => parts.join(''));
  const digits = fc.stringMatching(/^[0-9]{1,20}$/);
  // Numbers shaped like amounts, to reach deep into the grammar; and arbitrary strings of its characters.
  const shaped = fc
    .tuple(fc.constantFrom('', '-', '+'), digits, fc.constantFrom('', ' ', '.', ',', '\u00a0'), fc.array(fc.stringMatching(/^[0-9]{2,4}$/), { maxLength: 4 }), fc.constantFrom('', ',', '.'), fc.stringMatching(/^[0-9]{0,12}$/))
    .map(([sign, lead, sep, groups, mark, decimals]) => sign + lead.slice(0, 3) + groups.map((g) => sep + g).join('') + mark + decimals);

  it('amounts: the same units and scale, or both refuse', () => {
    fc.assert(
      fc.property(fc.oneof(field, shaped), fc.constantFrom<DecimalMark>(',', '.'), fc.constantFrom(...ENCODINGS), (text, decimal, encoding) => {
        const amount = amountOf(text, decimal, encoding);
        if (amount !== undefined) expect(amount).toEqual(parseAmount(text, decimal));
      }),
      { numRuns: 20000 },
    );
  });

  it('weights: the same number, or both refuse', () => {
    fc.assert(
      fc.property(fc.oneof(field, shaped), fc.constantFrom<DecimalMark>(',', '.'), (text, decimal) => {
        expect(weightOf(text, decimal, 'utf-8')).toBe(parseWeight(text, decimal));
      }),
      { numRuns: 20000 },
    );
  });

  it('where the bytes answer alone, they give what parseAmount gives', () => {
    fc.assert(
      fc.property(shaped, fc.constantFrom<DecimalMark>(',', '.'), (text, decimal) => {
        const bytes = Buffer.from(text);
        const numbers = new ByteNumbers(decimal, 'utf-8', fieldText('utf-8'));
        const fast = numbers.fast(bytes, 0, bytes.length);
        if (!Number.isNaN(fast)) expect({ units: fast, scale: numbers.scale }).toEqual(parseAmount(text, decimal));
      }),
      { numRuns: 20000 },
    );
  });
});
