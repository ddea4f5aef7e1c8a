// --expect: checks on the figures for CI jobs ("top10 >= 60%"). Parsed once with the options (a
// malformed expression is a usage error), evaluated on the finished report.

import { usageError } from './errors.js';
import { parsePercent } from './options/parse.js';

export type Comparison = '<' | '<=' | '>' | '>=' | '==' | '!=';

/** One parsed expectation: `figure op value`. */
export interface Expectation {
  /** The expression as the user wrote it (trimmed). */
  expr: string;
  /** The figure's canonical name: `top10`, `gini`, `zeroShare`, `persons`, `total`, `rejected`. */
  figure: string;
  /** For `topN`: the cut as a fraction (top10 → 0.1). */
  top?: number;
  op: Comparison;
  value: number;
}

/** An expectation checked against a report. `value` is null when the figure is suppressed. */
export interface ExpectationResult {
  expr: string;
  figure: string;
  value: number | null;
  pass: boolean;
}

/** The figures an expectation can name, and whether each is a fraction (so `80%` makes sense). */
const FIGURES: Record<string, { name: string; fraction: boolean }> = {
  gini: { name: 'gini', fraction: true },
  zeroshare: { name: 'zeroShare', fraction: true },
  persons: { name: 'persons', fraction: false },
  total: { name: 'total', fraction: false },
  rejected: { name: 'rejected', fraction: true },
};

const SYNTAX = /^([a-z]+)(\d+(?:[.,]\d+)?)?\s*(<=|>=|==|!=|<|>)\s*(-?\d+(?:[.,]\d+)?(?:e[-+]?\d+)?)\s*(%?)$/i;

const HOW = "write FIGURE OP NUMBER, e.g. 'top10 >= 60%' or 'gini < 0.7' (figures: top<cut> for a --top cut, gini, zeroShare, persons, total, rejected; OP: < <= > >= == !=)";

/**
 * Parses one `--expect` expression. `cuts` are the top cuts the report will have (the --top list
 * and the focus): `topN` must name one of them, so its value is a figure the report shows.
 *
 * @example
 * parseExpectation('top10 >= 60%', [0.01, 0.1]) // { expr: 'top10 >= 60%', figure: 'top10', top: 0.1, op: '>=', value: 0.6 }
 */
export function parseExpectation(text: string, cuts: readonly number[]): Expectation {
  const expr = text.trim();
  const m = SYNTAX.exec(expr);
  if (!m) throw usageError(`--expect '${text}' is not an expectation; ${HOW}`);
  const [, word, cutText, op, numberText, percent] = m;
  const lower = word.toLowerCase();
  let figure: string;
  let fraction: boolean;
  let top: number | undefined;
  if (lower === 'top' && cutText !== undefined) {
    top = parsePercent(`--expect '${text}': top`, cutText);
    if (!cuts.includes(top)) {
      throw usageError(
        `--expect '${text}': ${cutText} % is not one of the top cuts (${[...new Set(cuts)].sort((a, b) => a - b).map((c) => +(c * 100).toPrecision(12)).join(', ')}); add it to --top`,
      );
    }
    figure = `top${cutText.replace(',', '.')}`;
    fraction = true;
  } else if (cutText === undefined && FIGURES[lower]) {
    ({ name: figure, fraction } = FIGURES[lower]);
  } else {
    throw usageError(`--expect '${text}': unknown figure '${word}${cutText ?? ''}'; ${HOW}`);
  }
  let value = Number(numberText.replace(',', '.'));
  if (percent === '%') {
    if (!fraction) throw usageError(`--expect '${text}': ${figure} is not a share, so it cannot be compared with a percentage`);
    value = Number((value / 100).toPrecision(12));
  }
  return { expr, figure, ...(top !== undefined ? { top } : {}), op: op as Comparison, value };
}

/** The figures an expectation reads, as the report has them. */
export interface ExpectedFigures {
  shares: { top: number; share: number | null }[];
  gini: number | null;
  zeroShare: number | null;
  persons: number;
  total: number | null;
  rows: number;
  rejectedRows: number;
}

/** Checks every expectation. A suppressed figure fails: it cannot be shown to hold. */
export function evaluateExpectations(expectations: readonly Expectation[], figures: ExpectedFigures): ExpectationResult[] {
  return expectations.map((e) => {
    const value = actual(e, figures);
    return { expr: e.expr, figure: e.figure, value, pass: value !== null && compare(value, e.op, e.value) };
  });
}

function actual(e: Expectation, f: ExpectedFigures): number | null {
  if (e.top !== undefined) return f.shares.find((s) => s.top === e.top)?.share ?? null;
  switch (e.figure) {
    case 'gini':
      return f.gini;
    case 'zeroShare':
      return f.zeroShare;
    case 'persons':
      return f.persons;
    case 'total':
      return f.total;
    case 'rejected':
      return f.rows > 0 ? f.rejectedRows / f.rows : 0;
  }
  throw new Error(`unknown figure ${e.figure}`);
}

function compare(a: number, op: Comparison, b: number): boolean {
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '==':
      return a === b;
    case '!=':
      return a !== b;
  }
}

/** One stderr line for a failed expectation, with the actual value. */
export function describeFailure({ expr, figure, value }: ExpectationResult): string {
  if (value === null) return `expectation failed: ${expr} (${figure} is suppressed: it describes fewer persons than --min-cell)`;
  // Shares also as percentages; the Gini, a count and a sum as they are.
  const share = figure.startsWith('top') || figure === 'zeroShare' || figure === 'rejected';
  return `expectation failed: ${expr} (${figure} is ${value}${share ? `, ${+(value * 100).toFixed(2)} %` : ''})`;
}
