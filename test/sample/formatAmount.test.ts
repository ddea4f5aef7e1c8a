import { describe, expect, it } from 'vitest';
import { formatAmount, type AmountStyle } from '../../src/sample/formatAmount.js';
import { encodeWindows1252 } from '../../src/sample/windows1252.js';

const FINNISH_REPORT: AmountStyle = { decimal: ',', thousands: ' ', fixedDecimals: true };
const FINNISH_PLAIN: AmountStyle = { decimal: ',', thousands: '', fixedDecimals: true };
const PROGRAM: AmountStyle = { decimal: '.', thousands: '', fixedDecimals: false };

describe('formatAmount', () => {
  it.each([
    [123450, FINNISH_REPORT, '1 234,50'],
    [-123450, FINNISH_REPORT, '-1 234,50'],
    [99999, FINNISH_REPORT, '999,99'],
    [100000000, FINNISH_REPORT, '1 000 000,00'],
    [5, FINNISH_REPORT, '0,05'],
    [123450, FINNISH_PLAIN, '1234,50'],
    [12000, PROGRAM, '120'],
    [4550, PROGRAM, '45.5'],
    [4505, PROGRAM, '45.05'],
    [-1, PROGRAM, '-0.01'],
    [0, PROGRAM, '0'],
  ])('formats %d cents as %s', (cents, style, text) => {
    expect(formatAmount(cents, style)).toBe(text);
  });
});

describe('encodeWindows1252', () => {
  // Byte values from the Windows-1252 code page chart: ä E4, ö F6, Ä C4, Ö D6, å E5.
  it('writes Finnish letters as single bytes', () => {
    expect([...encodeWindows1252('Päivä Öö Åå')]).toEqual([
      0x50, 0xe4, 0x69, 0x76, 0xe4, 0x20, 0xd6, 0xf6, 0x20, 0xc5, 0xe5,
    ]);
  });

  it.each(['€', '\u0085', '–', 'ł'])('refuses %j rather than writing a wrong byte', (text) => {
    expect(() => encodeWindows1252(text)).toThrow(/outside the range/);
  });
});
