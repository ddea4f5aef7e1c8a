// The compare pipeline: two periods' cost files over the same pseudonyms → both periods' headline
// figures, persistence of the top groups, and the decile transition table (JSON version 1).

import { collect, type Collected } from './aggregate/collect.js';
import { applyNegatives, type Persons } from './aggregate/negatives.js';
import { alignPeriods } from './aggregate/periods.js';
import { inputSection, populationSection, type AnalyseOptions, type Report } from './analyse.js';
import { complementary, concentration, sumOf, type Concentration, type Maybe } from './curve/concentration.js';
import { persistence, type Periods } from './curve/persistence.js';
import { tieBlocks } from './curve/tieBlocks.js';
import { decileTransitions } from './curve/transitions.js';
import { CostcurveError, usageError } from './errors.js';
import { TOOL } from './version.js';

/** What compare takes: the analyse options without --expect and --ci. */
export type CompareOptions = Omit<AnalyseOptions, 'expect' | 'ci'>;

/** One period's headline figures. */
export interface PeriodReport {
  input: Report['input'];
  population: Report['population'];
  focus: Concentration['focus'];
  total: Maybe;
  mean: Maybe;
  median: Maybe;
  gini: Maybe;
  giniCorrected: Maybe;
  shares: Concentration['shares'];
  reach: Concentration['reach'];
}

export interface PersistenceRow {
  top: number;
  /** Persons in the first period's top group (p·W). */
  persons: number;
  /** The share of them in the second period's top group: Σ f1·f2 / Σ f1. */
  stayed: Maybe;
  stayedPersons: Maybe;
  /** Of the first period's top group, the persons with no costs in the second period … */
  noCost: Maybe;
  /** … and their share of the group. */
  noCostShare: Maybe;
  suppressed: boolean;
  suppressedFields?: string[];
}

export interface TransitionRow {
  /** The first period's decile (1 = the costliest tenth). */
  decile: number;
  persons: number;
  /** to[e − 1]: the share of this decile that is in the second period's decile e. */
  to: Maybe[];
  suppressed: boolean;
  /** Second-period deciles whose cell was suppressed. */
  suppressedCells?: number[];
}

/** The compare report, JSON version 1. */
export interface CompareReport {
  version: 1;
  tool: string;
  command: 'compare';
  definitions: Omit<Report['definitions'], 'population'> & {
    population: 'union' | 'roster' | 'count';
    persistence: string;
    transitions: string;
  };
  population: {
    /** Everyone in either period (and the roster, or up to --population). */
    persons: number;
    /**
     * With cost rows in both periods, in only one, in neither; all four null when any is 1 to
     * --min-cell − 1 (with the periods' published counts, any one of them follows from the others).
     */
    inBoth: number | null;
    onlyFrom: number | null;
    onlyTo: number | null;
    neither: number | null;
  };
  from: PeriodReport;
  to: PeriodReport;
  persistence: PersistenceRow[];
  transitions: TransitionRow[];
  suppression: { minCell: number; applied: boolean };
}

/** Compares two periods (paths, `-`, `.gz` for each). Persons are matched by id. */
export async function compareFiles(from: string[], to: string[], options: CompareOptions): Promise<CompareReport> {
  if (options.read.noId) {
    throw usageError('compare follows residents from one period to the next by their ids, so it cannot read --no-id files');
  }
  const { group, weight } = options.read.columns;
  if (group !== undefined || weight !== undefined) {
    throw usageError(`compare does not take --${group !== undefined ? 'group' : 'weight'} yet: it compares the whole population, unweighted`);
  }
  if (from.includes('-') && to.includes('-')) throw usageError("stdin ('-') can be read only once; give --from or --to a file");
  const perPeriod = { ...options, population: null };
  const first = await collect(from, perPeriod);
  const second = await collect(to, perPeriod);
  const toSecond = alignPeriods(first.table, second.table, options.population);

  const persons1 = analysable(first, options, '--from');
  const persons2 = analysable(second, options, '--to');
  const { minCell } = options.figures;
  const figures1 = concentration(persons1.population, { ...options.figures, unit: 10 ** first.table.scale });
  const figures2 = concentration(persons2.population, { ...options.figures, unit: 10 ** second.table.scale });

  // The second period's totals in the first period's person order; the first period's weights rank both.
  const weights = persons1.population.weights;
  const totals2 = persons2.population.totals;
  // A loop, not Float64Array.from with a function: that took 0.3 s at 1.48 M persons.
  const aligned = new Float64Array(toSecond.length);
  for (let i = 0; i < aligned.length; i++) aligned[i] = totals2[toSecond[i]];
  const periods: Periods = { first: tieBlocks(persons1.population.totals, weights), second: tieBlocks(aligned, weights), weights };

  let suppressed = figures1.suppressedAny || figures2.suppressedAny;
  const persistenceRows = options.figures.top.map((p) => {
    const row = persistenceRow(periods, p, minCell);
    suppressed ||= row.suppressed;
    return row;
  });
  const transitionRows = transitionTable(periods, minCell);
  suppressed ||= transitionRows.some((row) => row.suppressed);
  const population = counts(first, second, toSecond, minCell);
  suppressed ||= population.inBoth === null;
  const fromPeriod = period(first, persons1, figures1);
  const toPeriod = period(second, persons2, figures2);
  // With the four counts hidden, each period's count of residents with costs goes too: in the
  // union of both periods nobody is in neither, so in both = persons − the two periods' zero-cost counts.
  if (population.inBoth === null) for (const p of [fromPeriod, toPeriod]) Object.assign(p.population, { withCost: null, zeroCost: null, zeroShare: null });

  return {
    version: 1,
    tool: TOOL,
    command: 'compare',
    definitions: {
      interpolation: 'linear',
      gini: 'plain',
      negatives: options.negatives,
      population: options.roster !== null ? 'roster' : options.population !== null ? 'count' : 'union',
      persistence: 'stayed = Σ f1·f2 / Σ f1, f = a person’s inclusion fraction in the top group of each period',
      transitions: 'row shares: of each first-period decile, the share in each second-period decile',
    },
    population,
    from: fromPeriod,
    to: toPeriod,
    persistence: persistenceRows,
    transitions: transitionRows,
    suppression: { minCell, applied: suppressed },
  };
}

/** The period's persons after the negatives policy; a period without costs is a data error. */
function analysable(collected: Collected, options: CompareOptions, flag: string): Persons {
  const where = { file: collected.files.map((f) => f.path).join(', ') };
  if (!collected.table.hasRows.subarray(0, collected.table.length).includes(1)) {
    throw new CostcurveError('CC_DATA_NOTHING', `nothing to compare: no person has a usable cost row in the ${flag} files`, where);
  }
  // seal: ids are matched already (alignPeriods); a service's sum found out of range names the files.
  const persons = applyNegatives(collected.table.seal(where), options.negatives);
  if (!(persons.total > 0)) {
    throw new CostcurveError('CC_DATA_ZERO_TOTAL', `nothing to compare: the total cost of the ${flag} files is ${persons.total === 0 ? 'zero' : 'negative'}`, where);
  }
  return persons;
}

function period(collected: Collected, persons: Persons, figures: Concentration): PeriodReport {
  return {
    input: inputSection(collected),
    population: populationSection(collected, persons, figures, null, false),
    focus: figures.focus,
    total: figures.total,
    mean: figures.mean,
    median: figures.median,
    gini: figures.gini,
    giniCorrected: figures.giniCorrected,
    shares: figures.shares,
    reach: figures.reach,
  };
}

/**
 * Complementary suppression in the transition table, whose rows add up to 1 (each row's persons
 * are shown) and whose columns add up to the second period's deciles: a single hidden cell of a
 * row or a column follows by subtraction. While any hidden cell of a row or column holds persons,
 * the hidden cells there that do must be two or more with at least `minCell` persons together;
 * until they are, the smallest other cell with persons is hidden too, row by row and column by
 * column, until nothing changes.
 */
function complementaryCells(hidden: boolean[][], count: number[][], minCell: number): void {
  const n = count.length;
  const rows = Array.from({ length: n }, (_, d) => Array.from({ length: n }, (_, e): [number, number] => [d, e]));
  const columns = Array.from({ length: n }, (_, e) => Array.from({ length: n }, (_, d): [number, number] => [d, e]));
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of [...rows, ...columns]) {
      const lineHidden = line.map(([d, e]) => hidden[d][e]);
      const size = line.map(([d, e]) => count[d][e]);
      // Cells do not share persons: the hidden ones describe the sum of their counts.
      complementary(lineHidden, size, sumOf((i) => size[i]), minCell);
      line.forEach(([d, e], i) => {
        if (lineHidden[i] && !hidden[d][e]) {
          hidden[d][e] = true;
          changed = true;
        }
      });
    }
  }
}

/**
 * Everyone, and those with costs in both periods, in only one and in neither: a count of 1 to
 * minCell − 1 describes too few residents, and with the persons and each period's published
 * counts of residents with costs, any one of the four follows from the other three (only in the
 * first = with costs in the first − in both, …), so then none of them is shown.
 */
function counts(first: Collected, second: Collected, toSecond: Uint32Array, minCell: number): CompareReport['population'] {
  const tally = { inBoth: 0, onlyFrom: 0, onlyTo: 0, neither: 0 };
  toSecond.forEach((i2, i1) => {
    const a = first.table.hasRows[i1] === 1;
    const b = second.table.hasRows[i2] === 1;
    if (a && b) tally.inBoth++;
    else if (a) tally.onlyFrom++;
    else if (b) tally.onlyTo++;
    else tally.neither++;
  });
  const small = Object.values(tally).some((n) => n > 0 && n < minCell);
  return { persons: toSecond.length, ...(small ? { inBoth: null, onlyFrom: null, onlyTo: null, neither: null } : tally) };
}

/**
 * Persistence of the top p with small cells suppressed: the whole row when the top group has fewer
 * than `minCell` persons in the file; `stayed` or `noCost` when they count fewer.
 */
function persistenceRow(periods: Periods, p: number, minCell: number): PersistenceRow {
  const figure = persistence(periods, p);
  if (figure.count.persons < minCell) {
    return { top: p, persons: figure.persons, stayed: null, stayedPersons: null, noCost: null, noCostShare: null, suppressed: true };
  }
  const suppressedFields: string[] = [];
  const stayedShown = figure.count.stayed >= minCell || (suppressedFields.push('stayed', 'stayedPersons'), false);
  const noCostShown = figure.count.noCost >= minCell || (suppressedFields.push('noCost', 'noCostShare'), false);
  return {
    top: p,
    persons: figure.persons,
    stayed: stayedShown ? figure.stayed : null,
    stayedPersons: stayedShown ? figure.stayedPersons : null,
    noCost: noCostShown ? figure.noCostPersons : null,
    noCostShare: noCostShown ? figure.noCost : null,
    suppressed: suppressedFields.length > 0,
    ...(suppressedFields.length > 0 ? { suppressedFields } : {}),
  };
}

/** The decile transition table as row shares, cells with fewer than `minCell` persons suppressed. */
function transitionTable(periods: Periods, minCell: number): TransitionRow[] {
  const { weight, count } = decileTransitions(periods);
  const wholeRow = count.map((row) => row.reduce((sum, c) => sum + c, 0) < minCell);
  const hidden = count.map((row, d) => row.map((c) => wholeRow[d] || c < minCell));
  complementaryCells(hidden, count, minCell);
  return weight.map((row, d) => {
    const persons = row.reduce((sum, w) => sum + w, 0);
    if (wholeRow[d]) return { decile: d + 1, persons, to: row.map(() => null), suppressed: true };
    const suppressedCells: number[] = [];
    const to = row.map((w, e) => (hidden[d][e] ? (suppressedCells.push(e + 1), null) : w / persons));
    return {
      decile: d + 1,
      persons,
      to,
      suppressed: suppressedCells.length > 0,
      ...(suppressedCells.length > 0 ? { suppressedCells } : {}),
    };
  });
}
