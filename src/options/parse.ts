// Option values, from the command line or the library API, checked once: a bad value is a usage
// error that quotes it.

import { usageError } from '../errors.js';

/** "1,5,10" or "0.5,1%" → fractions [0.01, 0.05, 0.1]; each must be a percentage in (0, 100]. */
export function parsePercentList(flag: string, text: string): number[] {
  const parts = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (parts.length === 0) throw usageError(`${flag} '${text}' is empty; give percentages such as 1,5,10`);
  const values = parts.map((part) => parsePercent(flag, part));
  return [...new Set(values)].sort((a, b) => a - b);
}

/** "10" or "10%" → 0.1 (a percentage in (0, 100]). */
export function parsePercent(flag: string, text: string): number {
  const m = /^\s*(\d+(?:[.,]\d+)?)\s*%?\s*$/.exec(text);
  const value = m ? Number(m[1].replace(',', '.')) : NaN;
  if (!(value > 0 && value <= 100)) {
    throw usageError(`${flag} '${text}' is not a percentage between 0 and 100 (e.g. ${flag} 10 or ${flag} 0.5)`);
  }
  // Divide, then round off float noise: 0.5 / 100 → 0.005 exactly as typed.
  return Number((value / 100).toPrecision(12));
}

/** "0.01" (a fraction) or "1%" → 0.01; must lie in [0, 1]. */
export function parseFraction(flag: string, text: string): number {
  const m = /^\s*(\d+(?:[.,]\d+)?)\s*(%?)\s*$/.exec(text);
  let value = m ? Number(m[1].replace(',', '.')) : NaN;
  if (m && m[2] === '%') value = Number((value / 100).toPrecision(12));
  if (!(value >= 0 && value <= 1)) {
    throw usageError(`${flag} '${text}' is not a fraction between 0 and 1 or a percentage (e.g. ${flag} 0.01 or ${flag} 1%)`);
  }
  return value;
}

/** A whole number ≥ min. */
export function parseWhole(flag: string, text: string, min = 0): number {
  const value = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!(Number.isSafeInteger(value) && value >= min)) {
    throw usageError(`${flag} '${text}' is not a whole number${min > 0 ? ` of at least ${min}` : ''}`);
  }
  return value;
}

/** One of the allowed words. */
export function parseChoice<T extends string>(flag: string, text: string, choices: readonly T[]): T {
  const value = text.trim().toLowerCase();
  if (!(choices as readonly string[]).includes(value)) {
    throw usageError(`${flag} '${text}' is not one of: ${choices.join(', ')}`);
  }
  return value as T;
}
