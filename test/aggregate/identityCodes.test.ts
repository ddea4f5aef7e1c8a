// Finnish personal identity codes: valid ones are found, look-alikes are not, and no message shows one.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyWord } from '../../src/aggregate/idTable.js';
import { countIdentityCodes, isIdentityCode, mayBeginIdentityCode, maskIdentityCodes, refuseIdentityCodes } from '../../src/aggregate/identityCodes.js';
import { CostcurveError } from '../../src/errors.js';

// An independent implementation from the published rules (DVV, "Henkilötunnus"): the remainder is
// taken digit by digit (Horner's rule), and days per month come from the JavaScript calendar.
const ALPHABET = '0123456789ABCDEFHJKLMNPRSTUVWXY';
const SIGNS: [string, number][] = [
  ['+', 1800],
  ['-', 1900], ['U', 1900], ['V', 1900], ['W', 1900], ['X', 1900], ['Y', 1900],
  ['A', 2000], ['B', 2000], ['C', 2000], ['D', 2000], ['E', 2000], ['F', 2000],
];

function checkCharacter(nineDigits: string): string {
  let r = 0;
  for (const d of nineDigits) r = (r * 10 + Number(d)) % 31;
  return ALPHABET[r];
}

function code(day: number, month: number, yy: number, sign: string, individual: number): string {
  const digits = [day, month, yy].map((n) => String(n).padStart(2, '0')).join('');
  const nnn = String(individual).padStart(3, '0');
  return `${digits}${sign}${nnn}${checkCharacter(digits + nnn)}`;
}

/** Days in a month as the calendar says (month 1–12). */
function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

describe('isIdentityCode: valid codes', () => {
  it("accepts the Digital and Population Data Services Agency's published example 131052-308T", () => {
    expect(isIdentityCode('131052-308T')).toBe(true);
  });

  it.each(SIGNS)('accepts the century sign %s (%i s)', (sign) => {
    // 12 March of year 34 of the century, individual number 123
    expect(isIdentityCode(code(12, 3, 34, sign, 123))).toBe(true);
  });

  it('accepts the temporary individual numbers 900–999 and the normal 002–899, not 000 and 001', () => {
    for (let n = 0; n <= 999; n++) expect(isIdentityCode(code(1, 1, 1, 'A', n)), String(n)).toBe(n >= 2);
  });

  it.each([
    ['290200A', true], // 2000 is a leap year (divisible by 400)
    ['290200-', false], // 1900 is not (divisible by 100)
    ['290200+', false], // nor is 1800
    ['290204-', true], // 1904 is
    ['290201A', false], // 2001 is not
    ['310400-', false], // April has 30 days
    ['300400-', true],
    ['311299Y', true],
    ['000101-', false], // day 0
    ['011300-', false], // month 13
    ['010001-', false], // month 0
  ])('checks the date: %s… → %s', (start, valid) => {
    const digits = start.slice(0, 6);
    const nnn = '123';
    expect(isIdentityCode(`${start}${nnn}${checkCharacter(digits + nnn)}`)).toBe(valid);
  });

  it('accepts every valid code of every century sign (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SIGNS),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 2, max: 999 }),
        ([sign, century], yy, month, day, individual) => {
          fc.pre(day <= daysIn(century + yy, month));
          expect(isIdentityCode(code(day, month, yy, sign, individual))).toBe(true);
        },
      ),
    );
  });
});

describe('isIdentityCode: look-alikes do not count', () => {
  it('rejects every wrong check character (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SIGNS), fc.integer({ min: 2, max: 999 }), fc.constantFrom(...ALPHABET), ([sign], n, other) => {
        const valid = code(15, 6, 77, sign, n);
        fc.pre(other !== valid[10]);
        expect(isIdentityCode(valid.slice(0, 10) + other)).toBe(false);
      }),
    );
  });

  it.each(['G', 'Z', 'g', '*', '/', ' ', '0', '.'])("rejects the century sign '%s' (the check character would fit)", (sign) => {
    expect(isIdentityCode(code(13, 10, 52, sign, 308))).toBe(false);
  });

  it.each(['a', 'b', 'u', 'y'])("accepts the century sign in lower case, '%s': the same person as in capitals", (sign) => {
    expect(isIdentityCode(code(13, 10, 52, sign, 308))).toBe(true);
  });

  it('accepts a lower-case check character: 131052-308t is 131052-308T', () => {
    expect(isIdentityCode('131052-308t')).toBe(true);
  });

  it.each([
    ['a letter the alphabet leaves out (G, I, O, Q, Z)', '131052-308G'],
    ['a space around it', ' 131052-308T'],
    ['inside a longer id', 'X131052-308T'],
    ['one digit short', '31052-308T'],
    ['a pseudonym', 'A06866443'],
    ['a number', '40001101'],
    ['empty', ''],
  ])('rejects %s', (_, text) => {
    expect(isIdentityCode(text)).toBe(false);
  });

  it('counts matches', () => {
    expect(countIdentityCodes(['131052-308T', 'x', code(1, 1, 1, 'B', 950), '131052-308U'])).toBe(2);
  });
});

describe('mayBeginIdentityCode: the first 8 bytes of an id, as words', () => {
  const head = (text: string): boolean => {
    const bytes = Buffer.from(text, 'utf8');
    return mayBeginIdentityCode(keyWord(bytes, 0, Math.min(8, bytes.length)), keyWord(bytes, 4, Math.min(8, bytes.length)));
  };

  it('passes every valid code, in capitals and in lower case (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SIGNS), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 2, max: 999 }), ([sign], yy, month, day, individual) => {
        const text = code(day, month, yy, sign, individual);
        expect(head(text)).toBe(true);
        expect(head(text.toLowerCase())).toBe(true);
      }),
    );
  });

  it('passes every id of 11 bytes that is a code: random look-alikes and any text (property)', () => {
    // Look-alikes: digits, any byte where the sign goes, digits, a check character; and any text.
    const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
    const lookAlike = fc.tuple(digits(6), fc.integer({ min: 0x20, max: 0x7e }).map((b) => String.fromCharCode(b)), digits(3), fc.constantFrom(...ALPHABET, ...ALPHABET.toLowerCase())).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(lookAlike, fc.string({ minLength: 11, maxLength: 11 }), fc.string({ minLength: 11, maxLength: 11, unit: 'binary' })), (text) => {
        if (isIdentityCode(text)) expect(head(text)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['131052-308T', true], // the published example
    ['131052+308t', true],
    ['131052X3', true], // any 8 bytes that begin as a code does
    ['X000000063z', false],
    ['A8013468', false],
    ['13105Z-308T', false], // a letter among the date's digits
    ['131052Z308T', false], // Z is no century sign
    ['131052-A08T', false],
  ])('tells %s → %s', (text, passes) => {
    expect(head(text)).toBe(passes);
  });
});

describe('maskIdentityCodes and refuseIdentityCodes', () => {
  it('masks valid codes inside a text and leaves look-alikes', () => {
    expect(maskIdentityCodes("'131052-308T' and '131052-308U' are not amounts")).toBe(
      "'[identity code]' and '131052-308U' are not amounts",
    );
  });

  it('passes when no id or label is a code', () => {
    expect(() => refuseIdentityCodes({ ids: ['a', '131052-308U'], labels: ['0-17'], where: {} })).not.toThrow();
  });

  it('stops with a data error that counts the matches and shows none of them', () => {
    const ids = ['131052-308T', code(29, 2, 0, 'A', 901), 'p1', 'p2', 'p3'];
    let error: unknown;
    try {
      refuseIdentityCodes({ ids, labels: [code(1, 1, 1, 'C', 2)], where: { file: 'costs.csv' } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CostcurveError);
    const e = error as CostcurveError;
    expect(e.code).toBe('CC_DATA_IDENTIFIERS');
    expect(e.exitCode).toBe(3);
    expect(e.message).toMatch(/^3 valid Finnish personal identity codes \(henkilötunnus\) found, in 2 of 5 ids and 1 group or service label: /);
    expect(e.message).toMatch(/pseudonymised.*--allow-identifiers/);
    for (const id of ids.slice(0, 2)) expect(e.format()).not.toContain(id);
  });
});
