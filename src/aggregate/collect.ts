// Reads every input into one PersonTable: a resident's rows are summed across all files.

import { CostcurveError } from '../errors.js';
import { readCostFile } from '../read/costFile.js';
import { readRoster } from '../read/roster.js';
import type { CostRow, FileReport, ReadOptions, RejectReason, RowSink, Where } from '../read/types.js';
import { PersonTable } from './persons.js';
import { Rejections } from './rejections.js';

export interface CollectOptions {
  read: ReadOptions;
  strict: boolean;
  /** Largest fraction of a file's rows (and of all rows) that may be rejected. */
  maxRejected: number;
  roster: string | null;
  population: number | null;
}

export interface Collected {
  table: PersonTable;
  files: FileReport[];
  rejections: Rejections;
  rows: number;
  /** Persons with cost rows whose id the roster does not list (null without a roster). */
  notInRoster: number | null;
  /** Duplicate ids in the roster (counted once). */
  rosterDuplicates: number | null;
  /** Persons added as zero-cost residents by the roster or --population. */
  addedZero: number;
}

export async function collect(inputs: string[], options: CollectOptions): Promise<Collected> {
  const table = new PersonTable();
  const rejections = new Rejections(options.strict);
  const files: FileReport[] = [];
  for (const input of inputs) {
    const before = rejections.total;
    const report = await readCostFile(input, options.read, sinkFor(table, rejections, options.read.noId));
    checkRejected(report.path, report.rows, rejections.total - before, options.maxRejected, rejections);
    files.push(report);
  }
  const rows = files.reduce((sum, f) => sum + f.rows, 0);
  if (files.length > 1) checkRejected('all inputs', rows, rejections.total, options.maxRejected, rejections);

  let notInRoster: number | null = null;
  let rosterDuplicates: number | null = null;
  const withRows = table.length;
  if (options.roster !== null) {
    const roster = await readRoster(options.roster, options.read);
    rosterDuplicates = roster.duplicates;
    for (const id of roster.ids) table.inRoster[table.person(id)] = 1;
    notInRoster = 0;
    for (let i = 0; i < table.length; i++) if (table.hasRows[i] && !table.inRoster[i]) notInRoster++;
  }
  if (options.population !== null) {
    if (options.population < table.length) {
      throw new CostcurveError(
        'CC_USAGE_POPULATION',
        `--population ${options.population} is smaller than the ${table.length} persons found in the data; give the whole population`,
        {},
        'usage',
      );
    }
    while (table.length < options.population) table.anonymous();
  }
  return { table, files, rejections, rows, notInRoster, rosterDuplicates, addedZero: table.length - withRows };
}

function sinkFor(table: PersonTable, rejections: Rejections, noId: boolean): RowSink {
  let lastRecord = -1;
  let lastPerson = -1;
  return {
    row(row: CostRow, where: Where): void {
      let person: number;
      if (row.id === null || noId) {
        if (row.record !== lastRecord) {
          lastRecord = row.record;
          lastPerson = table.anonymous();
        }
        person = lastPerson;
      } else {
        person = table.person(row.id);
      }
      table.addCost(person, row.service, row.amount, where);
    },
    reject(reason: RejectReason, where: Where, detail: string): void {
      rejections.reject(reason, where, detail);
    },
  };
}

function checkRejected(what: string, rows: number, rejected: number, max: number, rejections: Rejections): void {
  if (rows === 0 || rejected <= max * rows) return;
  const reasons = Object.entries(rejections.sortedCounts())
    .map(([reason, n]) => `${reason} ${n}`)
    .join(', ');
  throw new CostcurveError(
    'CC_DATA_TOO_MANY_REJECTED',
    `${rejected} of ${rows} rows (${percent(rejected / rows)}) were rejected, more than --max-rejected ${percent(max)} ` +
      `(${reasons}); a wrong column or decimal-mark guess shows up this way: check with 'costcurve inspect', ` +
      'set --cost/--decimal, or raise --max-rejected',
    { file: what },
  );
}

function percent(x: number): string {
  return `${+(x * 100).toFixed(2)} %`;
}
