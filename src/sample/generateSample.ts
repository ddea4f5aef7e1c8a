// `costcurve sample`: a synthetic municipal export (a register and one cost file per sector), built
// in memory from a seed. Pure: the same options give the same bytes.

import { usageError } from '../errors.js';
import { simulateCosts } from './costModel.js';
import { COST_FILES, REGISTER_FILE, renderCostFile, renderRegister } from './files.js';
import { drawPopulation } from './population.js';
import { createRandom } from '../random.js';

export interface SampleOptions {
  /** Register size: residents, with or without costs. */
  persons: number;
  /** Any integer in [0, 2^32). */
  seed: number;
}

export interface SampleFile {
  /** Path inside the output folder, `/`-separated: `register.csv`, `costs/vanhuspalvelut.csv`. */
  name: string;
  bytes: Buffer;
}

export interface SampleFiles {
  files: SampleFile[];
}

export { SAMPLE_DEFAULTS } from './defaults.js';

/** About ten cost rows per resident are held in memory; a million residents is ~10 M rows. */
export const MAX_PERSONS = 1_000_000;

/**
 * Generates the sample: `register.csv` (every resident: `asiakas_id;ikaryhma;alue`) and one file
 * per sector under `costs/`, each in its own dialect (see fixtures/sample/README.md). About 40 % of
 * the register has no cost; the top 10 % of residents carry about 80 % of the costs. A few ids with
 * costs are missing from the register, a few residents are net negative (credits), and about 0.2 %
 * of cost rows are broken (empty or non-numeric cost, missing id).
 *
 * O(rows): about 7 cost rows per resident; 140 000 persons (1 M rows) take about a second.
 *
 * @example generateSample({ persons: 100, seed: 1 }).files.map((f) => f.name)
 * // ['register.csv', 'costs/erikoissairaanhoito.csv', 'costs/perusterveydenhuolto.csv.gz',
 * //  'costs/vanhuspalvelut.csv', 'costs/sosiaalipalvelut.csv', 'costs/suun_terveydenhuolto.csv']
 */
export function generateSample(options: SampleOptions): SampleFiles {
  const { persons, seed } = checkSampleOptions(options);
  const random = createRandom(seed);
  const population = drawPopulation(persons, unregisteredCount(persons), random);
  const costs = simulateCosts(population, netNegativeCount(persons), random);
  return {
    files: [
      { name: REGISTER_FILE, bytes: renderRegister(population) },
      ...COST_FILES.map((format) => ({
        name: format.name,
        bytes: renderCostFile(format, costs.sectors[format.sector], population.ids),
      })),
    ],
  };
}

/** Fewer residents leave some sector file without rows, which analyse rightly refuses. */
export const MIN_PERSONS = 200;

/** Validates the options once, with messages that quote what was given. */
export function checkSampleOptions(options: SampleOptions): SampleOptions {
  const { persons, seed } = options;
  if (!Number.isInteger(persons) || persons < MIN_PERSONS || persons > MAX_PERSONS) {
    throw usageError(`--persons must be a whole number from ${MIN_PERSONS} to ${MAX_PERSONS}; got ${String(persons)}`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw usageError(`--seed must be a whole number from 0 to 4294967295; got ${String(seed)}`);
  }
  return { persons, seed };
}

// Ids with costs but missing from the register (moved away, data-entry errors): "a handful".
function unregisteredCount(persons: number): number {
  return Math.min(10, Math.max(3, Math.round(persons / 2500)));
}

// Residents whose only row this year is a credit for last year's invoice.
function netNegativeCount(persons: number): number {
  return Math.min(8, Math.max(1, Math.round(persons / 4000)));
}
