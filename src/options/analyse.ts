// The analyse options: flags (the command line's, or the library's in camelCase) → the narrow
// AnalyseOptions the pipeline takes. One function for both, so `costcurve --top 1,5` and
// `analyse(inputs, { top: '1,5' })` cannot drift apart.

import type { AnalyseOptions } from '../analyse.js';
import type { NegativesPolicy } from '../aggregate/negatives.js';
import { usageError } from '../errors.js';
import { parseExpectation } from '../expect.js';
import { parseChoice, parseFraction, parsePercent, parsePercentList, parseWhole } from './parse.js';
import { READ_OPTION_NAMES, readOptions, type ReadFlags } from './read.js';

/** Defaults, as the command line shows them in --help. */
export const ANALYSE_DEFAULTS = {
  top: '1,5,10,20,50',
  focus: '10',
  negatives: 'clip',
  minCell: '5',
  maxRejected: '0.01',
} as const;

/**
 * The options of `analyse`, named as the command-line flags in camelCase (`--min-cell 0` →
 * `minCell: 0`). Numbers may be given as numbers or as the strings the command line takes;
 * percentages stay percentages (`top: [1, 5, 10]` is `--top 1,5,10`).
 */
export interface AnalyseFlags extends ReadFlags {
  roster?: string;
  population?: number | string;
  top?: number | string | number[];
  focus?: number | string;
  negatives?: NegativesPolicy;
  minCell?: number | string;
  strict?: boolean;
  maxRejected?: number | string;
  /** Analyse even when ids look like Finnish personal identity codes (see the README). */
  allowIdentifiers?: boolean;
  /** Checks on the figures, e.g. `'top10 >= 60%'`; the report's `expectations` says which hold. */
  expect?: string | string[];
}

/** Every name AnalyseFlags may have: the library refuses others, so a typo does not pass unnoticed. */
export const ANALYSE_OPTION_NAMES: readonly string[] = [
  ...READ_OPTION_NAMES,
  'roster',
  'population',
  'top',
  'focus',
  'negatives',
  'minCell',
  'strict',
  'maxRejected',
  'allowIdentifiers',
  'expect',
];

/** Flags → the narrow options the pipeline takes; a bad value is a usage error that quotes it. */
export function analyseOptions(flags: Readonly<Record<string, unknown>>): AnalyseOptions {
  if (flags.roster !== undefined && flags.population !== undefined) {
    throw usageError('give either --roster (who the residents are) or --population (how many there are), not both');
  }
  const value = (name: keyof typeof ANALYSE_DEFAULTS) => String(flags[name] ?? ANALYSE_DEFAULTS[name]);
  const top = parsePercentList('--top', value('top'));
  const focus = parsePercent('--focus', value('focus'));
  return {
    read: readOptions(flags),
    strict: flags.strict === true,
    maxRejected: parseFraction('--max-rejected', value('maxRejected')),
    roster: (flags.roster as string | undefined) ?? null,
    population: flags.population === undefined ? null : parseWhole('--population', String(flags.population), 1),
    allowIdentifiers: flags.allowIdentifiers === true,
    negatives: parseChoice('--negatives', value('negatives'), ['clip', 'keep', 'error'] as const),
    figures: {
      top,
      focus,
      minCell: parseWhole('--min-cell', value('minCell')),
      reach: [0.5, 0.8, 0.9],
      bottom: [0.5],
      curveStep: 0.01,
    },
    expect: ([] as unknown[]).concat(flags.expect ?? []).map((e) => parseExpectation(String(e), [...top, focus])),
  };
}
