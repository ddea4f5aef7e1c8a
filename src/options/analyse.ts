// The analyse options: flags (the command line's, or the library's in camelCase) → the narrow
// AnalyseOptions the pipeline takes. One function for both, so `costcurve --top 1,5` and
// `analyse(inputs, { top: '1,5' })` cannot drift apart.

import type { AnalyseOptions, ConfidenceOptions } from '../analyse.js';
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
  /** Confidence level in percent (e.g. 95): percentile bootstrap intervals for shares, reach and Gini. */
  ci?: number | string;
  /** Bootstrap replicates (default 1000). */
  bootstrap?: number | string;
  /** Seed of the bootstrap's random stream (default 1). */
  seed?: number | string;
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
  'ci',
  'bootstrap',
  'seed',
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
    ci: confidence(flags),
    expect: ([] as unknown[]).concat(flags.expect ?? []).map((e) => parseExpectation(String(e), [...top, focus])),
  };
}

/** --ci, --bootstrap and --seed: either of the first two asks for intervals; the others default. */
function confidence(flags: Readonly<Record<string, unknown>>): ConfidenceOptions | null {
  if (flags.ci === undefined && flags.bootstrap === undefined) {
    if (flags.seed !== undefined) throw usageError('--seed is the seed of the bootstrap; add --ci 95 (or --bootstrap N) to ask for confidence intervals');
    return null;
  }
  const text = String(flags.ci ?? CI_DEFAULTS.ci);
  const level = parsePercent('--ci', text);
  if (!(level >= 0.5 && level < 1)) throw usageError(`--ci '${text}' is not a confidence level in percent from 50 to below 100 (e.g. --ci 95)`);
  const seed = parseWhole('--seed', String(flags.seed ?? CI_DEFAULTS.seed));
  if (seed >= 2 ** 32) throw usageError(`--seed '${flags.seed}' is too large; give a whole number below 4294967296`);
  const replicates = parseWhole('--bootstrap', String(flags.bootstrap ?? CI_DEFAULTS.bootstrap), 1);
  if (replicates > 1_000_000) throw usageError(`--bootstrap '${flags.bootstrap}' is more replicates than needed; 1000 to 10000 is usual`);
  return { level, replicates, seed };
}

/** Defaults once intervals are asked for, as --help shows them. */
export const CI_DEFAULTS = { ci: '95', bootstrap: '1000', seed: '1' } as const;
