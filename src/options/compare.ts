// The compare options: the analyse normaliser's, without what compare does not do (--expect, --ci).

import type { CompareOptions } from '../compare.js';
import { ANALYSE_OPTION_NAMES, analyseOptions, type AnalyseFlags } from './analyse.js';

/** The options of `compare`, named as its command-line flags in camelCase (`--from`/`--to` aside). */
export type CompareFlags = Omit<AnalyseFlags, 'expect' | 'ci' | 'bootstrap' | 'seed'>;

/** Every name CompareFlags may have. */
export const COMPARE_OPTION_NAMES: readonly string[] = ANALYSE_OPTION_NAMES.filter((name) => !['expect', 'ci', 'bootstrap', 'seed'].includes(name));

/** Flags → the narrow options the compare pipeline takes. */
export function compareOptions(flags: Readonly<Record<string, unknown>>): CompareOptions {
  const { expect: _expect, ci: _ci, ...options } = analyseOptions(flags);
  return options;
}
