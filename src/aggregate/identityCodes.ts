// Finnish personal identity codes (henkilötunnus) among ids and labels: the data must be
// pseudonymised before it is analysed, so valid codes stop the run unless --allow-identifiers.

import { CostcurveError, type Location } from '../errors.js';

/** The check character is this string's character at DDMMYYNNN mod 31. */
const CHECK_CHARACTERS = '0123456789ABCDEFHJKLMNPRSTUVWXY';

/** The century each sign stands for (the signs U–Y and B–F are in use since 2023). */
const CENTURY: Record<string, number> = {
  '+': 1800,
  '-': 1900, U: 1900, V: 1900, W: 1900, X: 1900, Y: 1900,
  A: 2000, B: 2000, C: 2000, D: 2000, E: 2000, F: 2000,
};

/** A code's length in bytes (ASCII): no id of another length is one. */
export const IDENTITY_CODE_BYTES = 11;

const SHAPE = /^(\d\d)(\d\d)(\d\d)([-+A-FU-Y])(\d\d\d)([0-9A-FHJ-NPR-Y])$/;

/** Anything shaped like a code inside a longer text, for `maskIdentityCodes`. */
const EMBEDDED = /\d{6}[-+A-FU-Y]\d{3}[0-9A-FHJ-NPR-Y]/gi;

/**
 * Is `text` a valid Finnish personal identity code? DDMMYY, a century sign (`+` 1800s; `-`, `U`–`Y`
 * 1900s; `A`–`F` 2000s), an individual number 002–899 (900–999: temporary codes, also valid), and
 * the check character `0123456789ABCDEFHJKLMNPRSTUVWXY`[DDMMYYNNN mod 31]. The date must exist in
 * its century (29 February only in leap years: 1900 is none, 2000 is one). The whole text must be
 * the code, in capitals as the standard writes it or in lower case (`131052-308t` is the same
 * person); no date is compared with today, so the answer never depends on when it is asked. Cost: O(1).
 *
 * @example isIdentityCode('131052-308T') // true (the Digital and Population Data Services Agency's example)
 * @example isIdentityCode('131052-308U') // false: the check character of 131052308 is T
 * @example isIdentityCode('290201A0028') // false: 2001 is no leap year
 */
export function isIdentityCode(text: string): boolean {
  if (text.length !== 11) return false;
  const m = SHAPE.exec(text.toUpperCase());
  if (m === null) return false;
  const [, dd, mm, yy, sign, nnn, check] = m;
  const individual = Number(nnn);
  if (individual < 2) return false;
  const year = CENTURY[sign] + Number(yy);
  const month = Number(mm);
  const day = Number(dd);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return false;
  return CHECK_CHARACTERS[Number(dd + mm + yy + nnn) % 31] === check;
}

/**
 * Whether an id whose first 8 bytes are the little-endian words `w0` and `w1` (as IdTable keeps
 * them) may be an identity code: six digits, a century sign (either case), a digit. Every code
 * passes; most pseudonyms fail at their first byte. At 20 M persons with ids of 11 bytes, making
 * every id a string to test it took 20 s of a 42 s run.
 *
 * @example mayBeginIdentityCode(0x30353331, 0x3033382d) // true: '131052-3' (then '08T')
 */
export function mayBeginIdentityCode(w0: number, w1: number): boolean {
  for (let k = 0; k < 8; k++) {
    const byte = ((k < 4 ? w0 : w1) >>> ((k & 3) * 8)) & 0xff;
    if (k === 6 ? !SIGN_BYTES[byte] : byte < 0x30 || byte > 0x39) return false;
  }
  return true;
}

/** The century signs' bytes, either case: `+`, `-`, A–F, U–Y. */
const SIGN_BYTES = Array.from({ length: 256 }, (_, byte) => {
  const upper = String.fromCharCode(byte).toUpperCase();
  return byte < 0x80 && upper.length === 1 && upper in CENTURY;
});

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** How many of `values` are valid identity codes. Cost: O(n). */
export function countIdentityCodes(values: Iterable<string>): number {
  let n = 0;
  for (const value of values) if (isIdentityCode(value)) n++;
  return n;
}

/**
 * Replaces every valid identity code inside `text` by `[identity code]`: for messages and bad-row
 * examples that quote a cell, so that a misplaced column never prints one.
 *
 * @example maskIdentityCodes("'131052-308T' is not an amount") // "'[identity code]' is not an amount"
 */
export function maskIdentityCodes(text: string): string {
  return text.replace(EMBEDDED, (code) => (isIdentityCode(code) ? '[identity code]' : code));
}

/** What the guard looks at: the ids, and the labels that reach the output (groups, services). */
export interface IdentifierCheck {
  /** The ids, or only those that may be codes (11 bytes long: `IDENTITY_CODE_BYTES`) with `idCount`. */
  ids: Iterable<string>;
  /** How many ids there are, when `ids` holds only the candidates. */
  idCount?: number;
  labels: Iterable<string>;
  where: Location;
}

/**
 * Stops with a data error (exit 3) when any id or label is a valid identity code. One code is
 * already a real person's identity, and a pseudonym is almost never one by chance (the date must
 * exist and 1 in 31 check characters fits), so a single match is enough. The message counts the
 * matches and never shows one.
 */
export function refuseIdentityCodes({ ids, idCount, labels, where }: IdentifierCheck): void {
  let counted = 0;
  let inIds = 0;
  for (const id of ids) {
    counted++;
    if (isIdentityCode(id)) inIds++;
  }
  idCount ??= counted;
  const inLabels = countIdentityCodes(labels);
  if (inIds === 0 && inLabels === 0) return;
  const total = inIds + inLabels;
  const found = [
    inIds > 0 ? `${inIds} of ${idCount} ids` : '',
    inLabels > 0 ? `${inLabels} group or service ${inLabels === 1 ? 'label' : 'labels'}` : '',
  ]
    .filter((s) => s !== '')
    .join(' and ');
  throw new CostcurveError(
    'CC_DATA_IDENTIFIERS',
    `${total} valid Finnish personal identity ${total === 1 ? 'code' : 'codes'} (henkilötunnus) found, in ${found}: ` +
      'the data must be pseudonymised before it is analysed — replace every identity code by a pseudonym ' +
      '(e.g. a keyed hash or a running number whose key is kept apart from the data); ' +
      'if these are not identity codes, --allow-identifiers skips this check',
    where,
  );
}
