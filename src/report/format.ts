// Numbers as people read them: percentages, euros and counts, in English or Finnish conventions.

export type Lang = 'en' | 'fi';

/** Formats figures for one language. A null (suppressed) figure prints as `<N` (N = --min-cell), NaN as `–`. */
export interface NumberFormat {
  lang: Lang;
  /** 0.812 → "81.2 %" (en) / "81,2 %" (fi). */
  percent(x: number | null, digits?: number): string;
  /** 1234.5 → "1,235" (en) / "1 235" (fi). */
  money(x: number | null, digits?: number): string;
  /** Persons: integers as such, fractional persons with one decimal. */
  count(x: number | null): string;
  /** A plain decimal, e.g. a Gini: 0.4620911 → "0.462". */
  decimal(x: number | null, digits?: number): string;
  /** The cut itself, e.g. 0.005 → "0.5 %" (no trailing zeros). */
  cut(p: number): string;
}

export function numberFormat(lang: Lang, minCell: number): NumberFormat {
  const locale = lang === 'fi' ? 'fi-FI' : 'en-US';
  const cache = new Map<string, Intl.NumberFormat>();
  const fmt = (min: number, max: number): Intl.NumberFormat => {
    const key = `${min}:${max}`;
    let f = cache.get(key);
    if (!f) {
      f = new Intl.NumberFormat(locale, { minimumFractionDigits: min, maximumFractionDigits: max });
      cache.set(key, f);
    }
    return f;
  };
  // Finnish Intl output uses U+2212 for minus and U+00A0 as the group separator; both read well in a terminal.
  const suppressed = `<${minCell}`;
  // null is a suppressed figure; NaN one that is not defined (a share of a zero total).
  const or = (x: number | null, f: (x: number) => string): string => (x === null ? suppressed : Number.isNaN(x) ? '–' : f(x));
  return {
    lang,
    percent: (x, digits = 1) => or(x, (v) => `${fmt(digits, digits).format(v * 100)} %`),
    money: (x, digits = 0) => or(x, (v) => fmt(digits, digits).format(v)),
    count: (x) => or(x, (v) => (Number.isInteger(v) ? fmt(0, 0).format(v) : fmt(1, 1).format(v))),
    decimal: (x, digits = 3) => or(x, (v) => fmt(digits, digits).format(v)),
    cut: (p) => `${fmt(0, 4).format(p * 100)} %`,
  };
}
