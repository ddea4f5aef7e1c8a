// Numbers as exports write them: money read exactly as integer units and a scale (never through
// parseFloat), survey weights as plain floats, and the guess of the decimal mark.

import type { Amount, DecimalMark } from './types.js';

/** Amounts keep at most this many decimals; more are rounded half to even. */
/** The finest money unit kept: 10⁻⁶ €. Finer amounts are rounded half to even (a float artefact such as
 * 12.3400000001 must not force a unit so fine that large totals leave the range of exact integers). */
export const MAX_SCALE = 6;

/** Exponents beyond ±100 are refused: no money amount needs them. */
const MAX_EXPONENT = 100;

/** A number split into its parts, before conversion. */
interface NumberParts {
  negative: boolean;
  integer: string;
  fraction: string;
  exponent: number;
}

// The grammar, with d the decimal mark and g the other mark:
//   [sign] [€|EUR] [sign] body [€|EUR]        (one sign, one currency at most; spaces around €/EUR)
//   body = int [d digits] [exponent] | d digits [exponent] | grouped [d digits]
//   grouped = 1-3 digits (SEP 3 digits)+, SEP one of: space, NBSP, narrow NBSP, g — the same throughout
// An exponent (`1.5e3`, as R and spreadsheets write large numbers) is allowed without grouping only.
const SIGN = '([+\\-\\u2212])?';
const CURRENCY = '(€|eur)';
function numberPattern(decimal: DecimalMark): RegExp {
  const d = decimal === ',' ? ',' : '\\.';
  const g = decimal === ',' ? '\\.' : ',';
  const plain = `(\\d+)(?:${d}(\\d+))?(?:e([+\\-]?\\d+))?`;
  const bare = `${d}(\\d+)(?:e([+\\-]?\\d+))?`;
  const grouped = `(\\d{1,3}(?:([ \\u00a0\\u202f]|${g})\\d{3})(?:\\10\\d{3})*)(?:${d}(\\d+))?`;
  return new RegExp(
    `^${SIGN}(?:${CURRENCY}\\s*)?${SIGN}(?:${plain}|${bare}|${grouped})(?:\\s*${CURRENCY})?$`,
    'i',
  );
}
const PATTERNS: Record<DecimalMark, RegExp> = { ',': numberPattern(','), '.': numberPattern('.') };

function parseParts(text: string, decimal: DecimalMark, currency: boolean): NumberParts | null {
  const m = PATTERNS[decimal].exec(text.trim());
  if (m === null) return null;
  const [, sign1, prefix, sign2, int, frac, exp, bareFrac, bareExp, grouped, , groupedFrac, suffix] = m;
  if (sign1 !== undefined && sign2 !== undefined) return null;
  if (prefix !== undefined && suffix !== undefined) return null;
  if (!currency && (prefix !== undefined || suffix !== undefined)) return null;
  const sign = sign1 ?? sign2;
  let integer: string;
  let fraction: string;
  let exponentText: string | undefined;
  if (int !== undefined) {
    [integer, fraction, exponentText] = [int, frac ?? '', exp];
  } else if (bareFrac !== undefined) {
    [integer, fraction, exponentText] = ['', bareFrac, bareExp];
  } else {
    // `0.123` with decimal ',' is more likely a wrongly guessed decimal mark than 123.
    if (grouped.startsWith('0')) return null;
    [integer, fraction] = [grouped.replace(/\D/g, ''), groupedFrac ?? ''];
  }
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  if (Math.abs(exponent) > MAX_EXPONENT) return null;
  return { negative: sign === '-' || sign === '\u2212', integer, fraction, exponent };
}

/**
 * Reads a money amount exactly: value = units / 10^scale, `units` a safe integer.
 *
 * Accepted (trimmed; `d` is the decimal mark, the other mark may group thousands):
 * - plain digits with an optional decimal part: `1234,50`, `,5` (0.5), `007`;
 * - thousands in groups of three separated by a space, NBSP (U+00A0), narrow NBSP (U+202F) or the
 *   other mark, one kind per number: `1 234,50`, `1.234.567,5` (d `,`), `1,234.50` (d `.`);
 * - a sign `+`, `-` or U+2212 `−`; `€` or `EUR` (any case) before or after, spaces allowed between:
 *   `-12,5 €`, `€-12,5`, `EUR 1 234`;
 * - an exponent without grouping, as R writes large numbers: `1e+05`, `2,5E3` (d `,`).
 *
 * Rejected (null): anything else, e.g. `12,3,4`, `12 34,5` (a group of two), `1.234,5` with d `.`,
 * `0.123` with d `,` (a grouped number starting with 0), `(12)`, `12-`, `abc`, empty text, and
 * amounts whose units would exceed 2^53 − 1.
 *
 * The scale is the number of decimals written (`12,50` → scale 2), shifted by the exponent and
 * never negative; more than 6 decimals are rounded half to even to 6. `-0` gives units 0.
 *
 * @example parseAmount('1 234,50', ',') // { units: 123450, scale: 2 }
 * @example parseAmount('-1,234.5 €', '.') // { units: -12345, scale: 1 }
 * @example parseAmount('1e+05', '.') // { units: 100000, scale: 0 }
 */
export function parseAmount(text: string, decimal: DecimalMark): Amount | null {
  const parts = parseParts(text, decimal, true);
  if (parts === null) return null;
  let digits = parts.integer + parts.fraction;
  let scale = parts.fraction.length - parts.exponent;
  if (scale < 0) {
    digits += '0'.repeat(-scale);
    scale = 0;
  }
  if (scale > MAX_SCALE) {
    digits = roundHalfEven(digits, scale - MAX_SCALE);
    scale = MAX_SCALE;
  }
  digits = digits.replace(/^0+/, '');
  if (digits.length > 16) return null;
  const magnitude = digits === '' ? 0 : Number(digits);
  if (!Number.isSafeInteger(magnitude)) return null;
  return { units: parts.negative && magnitude !== 0 ? -magnitude : magnitude, scale };
}

/** Drops the last `drop` digits of a digit string, rounding half to even. */
function roundHalfEven(digits: string, drop: number): string {
  const padded = digits.padStart(drop + 1, '0');
  const kept = padded.slice(0, padded.length - drop);
  const dropped = padded.slice(padded.length - drop);
  const half = '5'.padEnd(drop, '0');
  const odd = Number(kept[kept.length - 1]) % 2 === 1;
  if (dropped > half || (dropped === half && odd)) return increment(kept);
  return kept;
}

function increment(digits: string): string {
  const chars = digits.split('');
  for (let i = chars.length - 1; i >= 0; i--) {
    if (chars[i] !== '9') {
      chars[i] = String(Number(chars[i]) + 1);
      return chars.join('');
    }
    chars[i] = '0';
  }
  return '1' + chars.join('');
}

/**
 * Reads a survey weight: a non-negative finite number, written like an amount but without a
 * currency. Weights need not be exact, so this is a plain float with full precision.
 *
 * @example parseWeight('6967.623864', '.') // 6967.623864
 * @example parseWeight('1 234,5', ',') // 1234.5
 * @example parseWeight('-1', '.') // null
 */
export function parseWeight(text: string, decimal: DecimalMark): number | null {
  const parts = parseParts(text, decimal, false);
  if (parts === null) return null;
  const value = Number(`${parts.integer || '0'}.${parts.fraction || '0'}e${parts.exponent}`);
  if (!Number.isFinite(value)) return null;
  if (parts.negative && value !== 0) return null;
  return value;
}

/**
 * Guesses the decimal mark from sample values of one column (empty and non-numeric ones are
 * ignored). Each value that tells the mark votes for it, and the majority wins, so that one odd
 * value does not outvote thousands of plain ones:
 * - a value with both marks: the last one is the decimal (`1.234,50` → `,`);
 * - a value with one mark not followed by exactly 3 digits, or with what no thousands group has
 *   before it (a lone 0, more than 3 digits, space groups): that mark (`123,45`, `0.500` → `.`);
 * - a value with one mark twice or more: the other mark (`1,234,567` → `.`).
 * When the votes are even (none at all, say), the values with one mark and 3 digits after it
 * decide, which can be either: `.` when only commas are so and the delimiter is `,` (quoted
 * `"1,234"`), `,` when only dots are so and the delimiter is `;` (`1.234` in a Finnish export),
 * else the mark of more values; and with no marks at all, `,` when the delimiter is `;`, else `.`.
 *
 * @example detectDecimal(['12,50', '1 234,00'], ';') // ','
 * @example detectDecimal(['1,234', '5,678'], ',') // '.'
 * @example detectDecimal(['12', '7'], ';') // ','
 */
export function detectDecimal(samples: string[], delimiter: string): DecimalMark {
  return guessDecimal(samples, delimiter).mark;
}

/**
 * `detectDecimal`'s mark, and whether it was chosen from values that cannot tell alone: no value
 * told the mark (or as many told one as the other), and some have one mark with exactly 3 digits
 * after it (`1.234`), read as a decimal or as a thousands group by the delimiter's convention.
 *
 * @example guessDecimal(['1.234', '5.678'], ';') // { mark: ',', ambiguous: true }
 * @example guessDecimal(['1.234', '5.6'], ';') // { mark: '.', ambiguous: false }: 5.6 tells
 */
export function guessDecimal(samples: string[], delimiter: string): { mark: DecimalMark; ambiguous: boolean } {
  const { votes, groups } = decimalEvidence(samples);
  return { mark: markOf(votes, groups, delimiter), ambiguous: votes[','] === votes['.'] && groups[','] + groups['.'] > 0 };
}

/** The majority of the votes; on a tie, what the values that cannot tell and the delimiter say. */
function markOf(votes: Record<DecimalMark, number>, groups: Record<DecimalMark, number>, delimiter: string): DecimalMark {
  if (votes[','] !== votes['.']) return votes[','] > votes['.'] ? ',' : '.';
  const commas = groups[','];
  const dots = groups['.'];
  if (commas > 0 && dots === 0) return delimiter === ',' ? '.' : ',';
  if (dots > 0 && commas === 0) return delimiter === ';' ? ',' : '.';
  if (commas !== dots) return commas > dots ? ',' : '.';
  return delimiter === ';' ? ',' : '.';
}

/** `detectDecimal`'s votes, and its values with one mark and 3 digits after it. */
function decimalEvidence(samples: string[]): { votes: Record<DecimalMark, number>; groups: Record<DecimalMark, number> } {
  const votes: Record<DecimalMark, number> = { ',': 0, '.': 0 };
  // Values with one mark once and 3 digits after it: a decimal or a thousands group.
  const groups: Record<DecimalMark, number> = { ',': 0, '.': 0 };
  for (const sample of samples) {
    const text = sample.trim();
    if (!/^[-+\u2212\u20ac]?\s*[-+\u2212]?[\d\s\u00a0\u202f.,]*\d[\d\s\u00a0\u202f.,]*(?:\s*(?:\u20ac|eur))?$/i.test(text)) continue;
    const comma = text.lastIndexOf(',');
    const dot = text.lastIndexOf('.');
    if (comma !== -1 && dot !== -1) {
      votes[comma > dot ? ',' : '.']++;
      continue;
    }
    const mark: DecimalMark | null = comma !== -1 ? ',' : dot !== -1 ? '.' : null;
    if (mark === null) continue;
    const pieces = text.replace(/[^\d.,]/g, '').split(mark);
    // Before a thousands mark stand 1–3 digits, not a lone 0 (0.500), not more (1234.567), and no
    // other grouping (1 234.567): those tell the mark is the decimal one.
    const before = text.slice(0, text.indexOf(mark));
    const cannotGroup = pieces[0].length > 3 || pieces[0] === '0' || /\d[\s\u00a0\u202f]+\d/.test(before);
    if (pieces.length > 2) votes[mark === ',' ? '.' : ',']++;
    else if (pieces[1].length !== 3 || cannotGroup) votes[mark]++;
    else groups[mark]++;
  }
  return { votes, groups };
}

/** Whether some value tells the decimal mark (votes, in `detectDecimal`): `12,50` does, `1.000` does not. */
export function tellsDecimal(samples: string[]): boolean {
  const { votes } = decimalEvidence(samples);
  return votes[','] + votes['.'] > 0;
}
