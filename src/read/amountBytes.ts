// Amounts and weights read straight from a field's bytes, exactly as parseAmount/parseWeight read
// the field's text: the common forms (`-1234,50`, `1 234,50`, `1.234.567,5`) are read from the
// bytes; anything rarer (currency, exponent, spaces around, more than 15 digits or 6 decimals) is decoded and
// handed to parseAmount/parseWeight, so both accept and refuse exactly the same fields.

import { MAX_SCALE, parseAmount, parseWeight } from './number.js';
import type { DecimalMark, Encoding } from './types.js';

const MINUS = 0x2d;
const PLUS = 0x2b;
const ZERO = 0x30;
const SPACE = 0x20;

/** Digits a float64 holds exactly as an integer, with room to spare: 10^15 < 2^53. */
const MAX_DIGITS = 15;

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * Number reading for one file: its decimal mark and encoding. `units` and `weight` return NaN for
 * a field that is not a number; `scale` holds the last amount's decimals.
 *
 * @example
 * const numbers = new ByteNumbers(',', 'utf-8', (b, s, e) => b.toString('utf8', s, e));
 * numbers.units(new TextEncoder().encode('1 234,50'), 0, 8); // 123450, numbers.scale === 2
 */
export class ByteNumbers {
  /** Decimals of the last amount `units` read. */
  scale = 0;
  private readonly decimal: number;
  /** The other mark, which may group thousands. */
  private readonly other: number;

  constructor(
    readonly decimalMark: DecimalMark,
    readonly encoding: Encoding,
    private readonly text: (bytes: Uint8Array, start: number, end: number) => string,
  ) {
    this.decimal = decimalMark.charCodeAt(0);
    this.other = decimalMark === ',' ? 0x2e : 0x2c;
  }

  /**
   * The amount in `bytes[start .. end)` as integer units at `this.scale` decimals (parseAmount's
   * units and scale), or NaN when parseAmount would refuse it.
   */
  units(bytes: Uint8Array, start: number, end: number): number {
    const fast = this.fast(bytes, start, end);
    if (fast === fast) return fast;
    const amount = parseAmount(this.text(bytes, start, end), this.decimalMark);
    if (amount === null) return NaN;
    this.scale = amount.scale;
    return amount.units;
  }

  /** The weight in `bytes[start .. end)` as parseWeight reads it, or NaN when it would refuse it. */
  weight(bytes: Uint8Array, start: number, end: number): number {
    const fast = this.fast(bytes, start, end);
    // parseWeight refuses negative weights, except zero; Number(digits) / 10^decimals is the
    // correctly rounded value of the decimal number, as parseWeight's Number(text) is.
    if (fast === fast && fast >= 0) return fast / POW10[this.scale];
    return parseWeight(this.text(bytes, start, end), this.decimalMark) ?? NaN;
  }

  /**
   * The common forms only, read from the bytes: an optional sign, then digits with an optional
   * decimal part, or 1–3 digits (not starting with 0) followed by groups of three behind one kind
   * of separator (space, NBSP, narrow NBSP, the other mark), with an optional decimal part. At most
   * 15 digits and MAX_SCALE (6) decimals. NaN for anything else: it is then for parseAmount to decide.
   */
  fast(b: Uint8Array, start: number, end: number): number {
    // Digits with an optional decimal part, here; thousands groups (and what is no number) in
    // `grouped`, so that this stays small enough to be inlined into the row loops.
    let i = start;
    if (i === end) return NaN;
    let c = b[i];
    const negative = c === MINUS;
    if (negative || c === PLUS) i++;
    const lead = i;
    let v = 0;
    while (i < end && (c = b[i] - ZERO) >= 0 && c <= 9) {
      v = v * 10 + c;
      i++;
    }
    const integer = i - lead;
    if (i < end) {
      if (b[i] !== this.decimal) return this.grouped(b, i, end, lead, v, negative);
      return this.decimalPart(b, i, end, v, negative, integer);
    }
    if (integer === 0 || integer > MAX_DIGITS) return NaN;
    this.scale = 0;
    return negative && v !== 0 ? -v : v;
  }

  /**
   * The amount whose decimal mark is `b[i]`, read to `end`: at least one digit and at most
   * MAX_SCALE; `v` is the value of the `digits` digits before the mark. Up to 15 digits in all, v
   * is exact (and parseAmount's units a safe integer).
   */
  private decimalPart(b: Uint8Array, i: number, end: number, v: number, negative: boolean, digits: number): number {
    const from = ++i;
    let c = 0;
    while (i < end && (c = b[i] - ZERO) >= 0 && c <= 9) {
      v = v * 10 + c;
      i++;
    }
    const decimals = i - from;
    if (i !== end || decimals === 0 || decimals > MAX_SCALE || digits + decimals > MAX_DIGITS) return NaN;
    this.scale = decimals;
    return negative && v !== 0 ? -v : v;
  }

  /**
   * `fast` from the first byte after the integer digits (`b[i]`, not the decimal mark), which
   * must start thousands groups: `lead` is where the digits start, `v` their value.
   */
  private grouped(b: Uint8Array, i: number, end: number, lead: number, v: number, negative: boolean): number {
    const integer = i - lead;
    if (integer === 0 || integer > 3 || b[lead] === ZERO) return NaN;
    const sep = this.separator(b, i, end);
    if (sep === 0) return NaN;
    const first = b[i];
    let groups = 0;
    let c = 0;
    while (i < end && b[i] === first && this.separator(b, i, end) === sep) {
      i += sep;
      if (i + 3 > end) return NaN;
      for (let k = 0; k < 3; k++, i++) {
        c = b[i] - ZERO;
        if (c < 0 || c > 9) return NaN;
        v = v * 10 + c;
      }
      groups++;
    }
    if (i < end) {
      if (b[i] !== this.decimal) return NaN;
      return this.decimalPart(b, i, end, v, negative, integer + 3 * groups);
    }
    if (integer + 3 * groups > MAX_DIGITS) return NaN;
    this.scale = 0;
    return negative && v !== 0 ? -v : v;
  }

  /** The length of the thousands separator at `i`, 0 when there is none. */
  private separator(b: Uint8Array, i: number, end: number): number {
    const c = b[i];
    if (c === SPACE || c === this.other) return 1;
    if (this.encoding === 'windows-1252') return c === 0xa0 ? 1 : 0;
    // U+00A0 is C2 A0; U+202F is E2 80 AF.
    if (c === 0xc2 && i + 1 < end && b[i + 1] === 0xa0) return 2;
    if (c === 0xe2 && i + 2 < end && b[i + 1] === 0x80 && b[i + 2] === 0xaf) return 3;
    return 0;
  }
}
