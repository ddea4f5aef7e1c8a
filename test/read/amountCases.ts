// The amounts and weights the number readers are held to, shared by the text reader's tests
// (number.test.ts) and the byte reader's (amountBytes.test.ts): both must accept and refuse exactly
// these. Every expected value is worked out by hand from the text: units = the digits without
// separators, scale = the digits after the decimal mark (shifted by an exponent).

import type { DecimalMark } from '../../src/read/types.js';

const NBSP = '\u00a0';
const NNBSP = '\u202f';
const MINUS = '\u2212';

/** text, decimal mark, units, scale */
export const ACCEPTED: [string, DecimalMark, number, number][] = [
  ['1 234,50', ',', 123450, 2], // digits 1234|50
  [`1${NBSP}234,50`, ',', 123450, 2], // NBSP groups like a space
  [`1${NNBSP}234${NNBSP}567,5`, ',', 12345675, 1], // narrow NBSP (Excel fi-FI)
  ['-12,5', ',', -125, 1],
  ['+12,5', ',', 125, 1],
  [`${MINUS}12,5`, ',', -125, 1], // U+2212 minus
  ['1234.50', '.', 123450, 2],
  ['1.234,50', ',', 123450, 2], // '.' groups when ',' is the decimal mark
  ['1.234.567', ',', 1234567, 0],
  ['1,234.50', '.', 123450, 2], // ',' groups when '.' is the decimal mark
  ['1,234,567.891', '.', 1234567891, 3],
  ['1.234', '.', 1234, 3], // with '.' decimal, 1.234 is one and a bit
  ['1,234', ',', 1234, 3],
  ['  42  ', '.', 42, 0], // surrounding whitespace
  ['€12,50', ',', 1250, 2],
  ['12,50 €', ',', 1250, 2],
  ['12,50€', ',', 1250, 2],
  ['EUR 1 000', ',', 1000, 0],
  ['1000 eur', ',', 1000, 0],
  ['-€12,50', ',', -1250, 2], // sign before the currency…
  ['€-12,50', ',', -1250, 2], // …or after it
  [',5', ',', 5, 1], // no integer digits: 0.5
  ['-.25', '.', -25, 2],
  ['007', '.', 7, 0], // leading zeros: 007 = 7
  ['0', ',', 0, 0],
  ['0,00', ',', 0, 2],
  ['1e+05', '.', 100000, 0], // R's write.csv: 1e+05 = 100000, scale 5 - 5 = 0
  ['1.5e3', '.', 1500, 0], // 15 × 10^(3-1)
  ['2,5E-2', ',', 25, 3], // 25 / 10^(1+2) = 0.025
  ['12.5', '.', 125, 1],
  ['9007199254740991', '.', 9007199254740991, 0], // 2^53 - 1, the largest safe integer
  ['0.123456', '.', 123456, 6], // 6 decimals are kept as written
];

/** More than 6 decimals: rounded half to even at the 6th. text (decimal '.'), units at scale 6 */
export const HALF_EVEN: [string, number][] = [
  ['0.1234564', 123456], // dropped 4 < 5: down
  ['0.1234566', 123457], // dropped 6 > 5: up
  ['0.1234565', 123456], // exactly half, kept 6 is even: stays
  ['0.1234575', 123458], // exactly half, kept 7 is odd: up to …58
  ['0.12345650001', 123457], // more than half: up
  ['0.9999999', 1000000], // carries into the integer part: 1.000000
  ['12345678.123456789', 12345678123457], // 17 significant digits: rounded, not rejected
];

/** text, decimal mark, why it is not an amount */
export const REJECTED: [string, DecimalMark, string][] = [
  ['12,3,4', ',', 'two decimal marks'],
  ['12,3,4', '.', 'groups of one digit'],
  ['12 34,5', ',', 'a group of two digits'],
  ['1 2345,5', ',', 'a group of four digits'],
  ['1.234,5', '.', "',' after '.' when '.' is the decimal mark"],
  ['1 234.567,5', ',', 'space and dot groups mixed in one number'],
  ['0.123', ',', 'a grouped number starting with 0 (likely a wrong decimal guess)'],
  ['abc', ',', 'letters'],
  ['', ',', 'empty'],
  ['   ', ',', 'only spaces'],
  ['12,', ',', 'a decimal mark with no digits after'],
  ['-', ',', 'a sign alone'],
  ['--12', ',', 'two signs'],
  ['-€-12', ',', 'a sign on both sides of the currency'],
  ['€12 EUR', ',', 'two currencies'],
  ['$12', '.', 'a currency other than euro'],
  ['(12)', '.', 'accounting parentheses'],
  ['12-', '.', 'a trailing minus'],
  ['1 234e5', '.', 'an exponent on a grouped number'],
  ['1e999', '.', 'an exponent beyond ±100'],
  ['9007199254740992', '.', '2^53: units would not be a safe integer'],
  ['12,50 kr', ',', 'another currency after'],
  ['1_000', '.', 'underscore groups'],
  ['- 12', '.', 'a space between sign and digits'],
];

/** text, decimal mark, the weight (null: refused) */
export const WEIGHTS: [string, DecimalMark, number | null][] = [
  ['6967.623864', '.', 6967.623864], // a survey weight with 6 decimals, as a float
  ['1', '.', 1],
  ['0', '.', 0], // weight 0: out of scope, but a valid weight
  ['1 234,5', ',', 1234.5],
  ['0,5', ',', 0.5],
  ['1.5e2', '.', 150],
  ['0.12345678901234', '.', 0.12345678901234], // no rounding to 9 decimals for weights
  ['-1', '.', null], // negative
  ['-0', '.', 0], // minus zero is zero
  ['abc', '.', null],
  ['', '.', null],
  ['€5', '.', null], // no currency on a weight
];
