// The analyse pipeline: read → aggregate → curve, ending in the JSON-shaped report (version 1).

import { personGroups, surveyWeights } from './aggregate/attributes.js';
import { collect, type Collected, type CollectOptions } from './aggregate/collect.js';
import { applyNegatives, type NegativesPolicy, type Persons } from './aggregate/negatives.js';
import { concentration, type Concentration, type ConcentrationOptions, type Population } from './curve/concentration.js';
import type { bootstrapIntervals as BootstrapIntervals, Interval } from './curve/bootstrap.js';
import { CostcurveError } from './errors.js';
import { evaluateExpectations, type Expectation, type ExpectationResult } from './expect.js';
import type { RejectionExample } from './aggregate/rejections.js';
import type { FileReport } from './read/types.js';
import { TOOL } from './version.js';

export interface AnalyseOptions extends CollectOptions {
  negatives: NegativesPolicy;
  figures: Omit<ConcentrationOptions, 'unit'>;
  /** --expect: checks on the figures, reported in `expectations`. */
  expect?: Expectation[];
  /** --ci/--bootstrap/--seed: percentile bootstrap intervals, or null/absent for none. */
  ci?: ConfidenceOptions | null;
}

export interface ConfidenceOptions {
  /** e.g. 0.95 */
  level: number;
  replicates: number;
  seed: number;
}

/** A figure with its confidence interval (with --ci; null when the figure is suppressed). */
type WithCi<T> = T & { ci?: Interval };

/** The JSON report, version 1 (DESIGN.md: JSON). Field names are a public contract. */
export interface Report {
  version: 1;
  tool: string;
  definitions: {
    interpolation: 'linear';
    gini: 'plain';
    negatives: NegativesPolicy;
    population: 'data' | 'roster' | 'count';
    /** The --weight column, when figures are weighted. */
    weight?: string;
    /** The --group column, when there are groups. */
    group?: string;
  };
  input: {
    files: FileSummary[];
    /** The roster (--roster), read like a file. */
    roster?: FileSummary;
    rows: number;
    rejectedRows: number;
    rejections: Record<string, number>;
    examples: RejectionExample[];
  };
  population: {
    persons: number;
    withCost: number | null;
    zeroCost: number | null;
    zeroShare: number | null;
    weight: number;
    clippedNegative: number;
    negative: number;
    notInRoster?: number;
    rosterDuplicates?: number;
    /** With --weight: persons with weight 0, left out of every figure (not counted in `persons`). */
    outOfScope?: number;
    /** With --weight: persons whose rows (or roster line) gave different weights; the earliest is kept. */
    weightConflicts?: number;
    /** With --group: persons whose rows (or roster line) gave different groups; the earliest is kept. */
    groupConflicts?: number;
  };
  focus: WithCi<Concentration['focus']>;
  total: number | null;
  mean: number | null;
  median: number | null;
  gini: number | null;
  giniCorrected: number | null;
  /** With --ci: the Gini's interval. */
  giniCi?: Interval;
  shares: WithCi<Concentration['shares'][number]>[];
  bottom: Concentration['bottom'];
  reach: WithCi<Concentration['reach'][number]>[];
  deciles: Concentration['deciles'];
  curve: Concentration['curve'];
  services: Concentration['services'];
  groups: Concentration['groups'];
  suppression: { minCell: number; applied: boolean };
  /** With --ci: how the intervals were made. */
  ci?: { level: number; replicates: number; seed: number; method: 'percentile'; resampling: 'poisson'; valid: number };
  /** With --expect: every expectation, its actual value and whether it holds. */
  expectations?: ExpectationResult[];
}

export interface FileSummary {
  path: string;
  rows: number;
  rejected: number;
  encoding: string;
  delimiter: string;
  decimal: string;
  /**
   * Whether `decimal` was chosen from amounts that read either way (`1.234`: 1234 with `,` as the
   * decimal mark, 1.234 with `.`), no amount telling which: then check it (a note says so).
   */
  decimalAmbiguous: boolean;
  bom: boolean;
  lineEnding: string;
}

function fileSummary(f: FileReport): FileSummary {
  return {
    path: f.path,
    rows: f.rows,
    rejected: f.rejected,
    encoding: f.encoding,
    delimiter: f.delimiter,
    decimal: f.decimal,
    decimalAmbiguous: f.decimalAmbiguous,
    bom: f.bom,
    lineEnding: f.lineEnding,
  };
}

/** Runs the whole analysis on input files (paths, `-`, `.gz`). */
export async function analyseFiles(inputs: string[], options: AnalyseOptions): Promise<Report> {
  // The bootstrap (and its random numbers) is loaded only for --ci.
  const bootstrap = options.ci ? (await import('./curve/bootstrap.js')).bootstrapIntervals : null;
  const collected = await collect(inputs, options);
  return report(collected, options, bootstrap);
}

function report(collected: Collected, options: AnalyseOptions, bootstrap: typeof BootstrapIntervals | null): Report {
  const { table, files } = collected;
  // Where an error found in the sums (no row of its own) is: the files they are of.
  const inFiles = { file: files.map((f) => f.path).join(', ') };
  if (table.length === 0) {
    throw new CostcurveError('CC_DATA_NOTHING', 'nothing to analyse: no person has a usable cost row', inFiles);
  }
  const { weight: weightColumn, group: groupColumn } = options.read.columns;
  const weighting = weightColumn === undefined ? null : surveyWeights(table.length, collected.attributes, weightColumn);
  if (weighting !== null && weighting.outOfScope === table.length) {
    throw new CostcurveError('CC_DATA_NOTHING', `nothing to analyse: every one of the ${table.length} persons has weight 0 (out of scope)`, inFiles);
  }
  // seal: the figures need no ids, and the memory that held them can go before the curve's work.
  const persons = applyNegatives(table.seal(inFiles), options.negatives, weighting?.inScope ?? null);
  const tableIndex = (k: number): number => (persons.tableIndex === null ? k : persons.tableIndex[k]);
  const n = persons.population.totals.length;
  if (weighting !== null) persons.population.weights = Float64Array.from({ length: n }, (_, k) => weighting.weights[tableIndex(k)]);
  if (groupColumn !== undefined) persons.population.groups = personGroups(n, tableIndex, collected.attributes);
  if (!(persons.total > 0)) {
    throw new CostcurveError(
      'CC_DATA_ZERO_TOTAL',
      `nothing to analyse: the total cost of the ${table.length} persons is ${persons.total === 0 ? 'zero' : 'negative'}`,
      inFiles,
    );
  }
  const unit = 10 ** table.scale;
  const figures = concentration(persons.population, { ...options.figures, unit });
  const definitions: Report['definitions'] = {
    interpolation: 'linear',
    gini: 'plain',
    negatives: options.negatives,
    population: options.roster !== null ? 'roster' : options.population !== null ? 'count' : 'data',
    ...(weightColumn !== undefined ? { weight: weightColumn } : {}),
    ...(groupColumn !== undefined ? { group: groupColumn } : {}),
  };
  const result: Report = {
    version: 1,
    tool: TOOL,
    definitions,
    input: inputSection(collected),
    population: populationSection(collected, persons, figures, weighting === null ? null : weighting.outOfScope, groupColumn !== undefined),
    focus: figures.focus,
    total: figures.total,
    mean: figures.mean,
    median: figures.median,
    gini: figures.gini,
    giniCorrected: figures.giniCorrected,
    shares: figures.shares,
    bottom: figures.bottom,
    reach: figures.reach,
    deciles: figures.deciles,
    curve: figures.curve,
    services: figures.services,
    groups: figures.groups,
    suppression: { minCell: options.figures.minCell, applied: figures.suppressedAny },
  };
  if (options.ci && bootstrap !== null) attachIntervals(result, persons.population, options.ci, bootstrap);
  if (options.expect && options.expect.length > 0) {
    result.expectations = evaluateExpectations(options.expect, {
      shares: [...result.shares, result.focus],
      gini: result.gini,
      zeroShare: result.population.zeroShare,
      persons: result.population.persons,
      total: result.total,
      rows: result.input.rows,
      rejectedRows: result.input.rejectedRows,
    });
  }
  return result;
}

/** Adds bootstrap intervals to the shares, the focus, reach and the Gini (none to a suppressed figure). */
function attachIntervals(result: Report, population: Population, ci: ConfidenceOptions, bootstrapIntervals: typeof BootstrapIntervals): void {
  const intervals = bootstrapIntervals(population.totals, population.weights, {
    ...ci,
    top: [...result.shares.map((s) => s.top), result.focus.top],
    reach: result.reach.map((r) => r.share),
  });
  result.shares.forEach((s, k) => (s.ci = s.suppressed ? null : intervals.shares[k]));
  result.focus.ci = result.focus.suppressed ? null : intervals.shares[result.shares.length];
  result.reach.forEach((r, k) => (r.ci = r.suppressed ? null : intervals.reach[k]));
  result.giniCi = result.gini === null ? null : intervals.gini;
  result.ci = { level: ci.level, replicates: ci.replicates, seed: ci.seed, method: 'percentile', resampling: 'poisson', valid: intervals.valid };
}

/** The report's `input` section: what was read (files in path order, so file order never matters). */
export function inputSection(collected: Collected): Report['input'] {
  const { files, rejections } = collected;
  return {
    files: [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map(fileSummary),
    ...(collected.roster !== null ? { roster: fileSummary(collected.roster.report) } : {}),
    rows: collected.rows,
    rejectedRows: rejections.total,
    rejections: rejections.sortedCounts(),
    examples: rejections.examples,
  };
}

/**
 * The report's `population` section. `outOfScope`: with --weight, the persons of weight 0 (null
 * without weights); `grouped`: whether --group was given.
 */
export function populationSection(collected: Collected, persons: Persons, figures: Concentration, outOfScope: number | null, grouped: boolean): Report['population'] {
  const { table } = collected;
  return {
    persons: figures.persons,
    withCost: figures.withCost,
    zeroCost: figures.zeroCost,
    zeroShare: figures.zeroShare,
    weight: figures.weight,
    clippedNegative: persons.clipped,
    negative: persons.negative,
    ...(collected.roster !== null ? { notInRoster: collected.roster.notInRoster, rosterDuplicates: collected.roster.duplicates } : {}),
    ...(outOfScope !== null ? { outOfScope, weightConflicts: collected.attributes.weightConflicts(table.length) } : {}),
    ...(grouped ? { groupConflicts: collected.attributes.groupConflicts(table.length) } : {}),
  };
}
