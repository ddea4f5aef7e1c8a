// Reads every input into one PersonTable: a resident's rows are summed across all files.

import { realpath, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CostcurveError, usageError } from '../errors.js';
import { readCostFile } from '../read/costFile.js';
import { readRoster } from '../read/roster.js';
import { windows1252FromStart } from '../read/source.js';
import type { CostRow, Encoding, FileReport, ReadOptions, RejectReason, RowSink, Where } from '../read/types.js';
import { PersonAttributes } from './attributes.js';
import { IDENTITY_CODE_BYTES, mayBeginIdentityCode, refuseIdentityCodes } from './identityCodes.js';
import { PersonTable } from './persons.js';
import { metOnThreads, scanCostFile } from './scanFile.js';
import { Rejections } from './rejections.js';

export interface CollectOptions {
  read: ReadOptions;
  strict: boolean;
  /** Largest fraction of a file's rows (and of all rows) that may be rejected. */
  maxRejected: number;
  roster: string | null;
  population: number | null;
  /** Skip the refusal of Finnish personal identity codes (`--allow-identifiers`). */
  allowIdentifiers?: boolean;
}

export interface Collected {
  table: PersonTable;
  files: FileReport[];
  rejections: Rejections;
  rows: number;
  /** The roster as read, with its duplicate ids and the residents with costs it lacks; null without one. */
  roster: { report: FileReport; duplicates: number; notInRoster: number } | null;
  /** Each person's --group and --weight values (same indexes as `table`). */
  attributes: PersonAttributes;
}

export async function collect(inputs: string[], options: CollectOptions): Promise<Collected> {
  // Files found to be Windows-1252 only after their first bytes are read again as such.
  const encodings = new Map<string, Encoding>();
  for (;;) {
    try {
      return await collectRetried(inputs, options, encodings);
    } catch (error) {
      if (!(error instanceof NotUtf8After)) throw error;
      encodings.set(error.input, 'windows-1252');
    }
  }
}

/**
 * Thrown for a file that is not UTF-8 from its first byte beyond ASCII on, which came after the
 * bytes its encoding was told from: a Windows-1252 export whose first letter beyond ASCII comes
 * late (sorted by service, say). It is read again as Windows-1252.
 */
class NotUtf8After extends Error {
  constructor(readonly input: string) {
    super(`'${input}' is not UTF-8`);
  }
}

async function collectRetried(inputs: string[], options: CollectOptions, encodings: Map<string, Encoding>): Promise<Collected> {
  try {
    return await collectOnce(inputs, options, encodings);
  } catch (error) {
    // A sum beyond the exact range met while a file was split: a thread's sums are of its own range,
    // and a merged sum has no row, so what one thread says (the row, in file order, at which a sum
    // left the range; or no error) comes from reading the files again on one thread — when every
    // input is a file that can be read again (not stdin, not a pipe).
    if (!(error instanceof CostcurveError && error.code === 'CC_DATA_AMOUNT_RANGE' && metOnThreads.has(error))) throw error;
    if (!(await regularFiles(inputs))) throw error;
    return collectOnce(inputs, { ...options, read: { ...options.read, threads: 1 } }, encodings);
  }
}

async function collectOnce(inputs: string[], options: CollectOptions, encodings: Map<string, Encoding>): Promise<Collected> {
  await checkDistinct(inputs, options.roster);
  const { columns } = options.read;
  if (columns.weight !== undefined && options.population !== null) {
    throw usageError(
      `--population ${options.population} adds residents without a weight, so it cannot be combined with --weight ${columns.weight}; give a --roster that carries the weights`,
    );
  }
  const table = new PersonTable();
  const attributes = new PersonAttributes();
  const rejections = new Rejections(options.strict);
  const files: FileReport[] = [];
  for (const input of inputs) {
    const before = rejections.sortedCounts();
    const sink = sinkFor(table, attributes, rejections, options.read.noId);
    const read = { ...options.read, encoding: encodings.get(input) ?? options.read.encoding };
    let report: FileReport;
    try {
      report =
        read.reader === 'csv-parse'
          ? await readCostFile(input, read, sink)
          : await scanCostFile(input, read, { table, attributes, sink }, { threads: read.threads ?? 1, rejections, strict: options.strict });
    } catch (error) {
      if (error instanceof CostcurveError && error.code === 'CC_DATA_ENCODING' && read.encoding === undefined && (await windows1252FromStart(input))) throw new NotUtf8After(input);
      throw error;
    }
    checkRejected(report.path, report.rows, report.rejected, options.maxRejected, since(before, rejections.sortedCounts()), STRAY_ROWS);
    files.push(report);
  }
  checkTotalsRow(table, inputs);
  const rows = files.reduce((sum, f) => sum + f.rows, 0);
  checkRejected(inputs.length > 1 ? 'all inputs' : files[0].path, rows, rejections.total, options.maxRejected, rejections.sortedCounts(), 0);

  let roster: Collected['roster'] = null;
  if (options.roster !== null) roster = await addRoster(table, attributes, options.roster, options, rejections);
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
  checkAttributeColumns(columns, files, roster?.report ?? null, options.roster);
  if (!options.allowIdentifiers) {
    const groups = new Set<string>();
    for (let i = 0; i < table.length; i++) {
      const group = attributes.groupOf(i);
      if (group !== null) groups.add(group);
    }
    refuseIdentityCodes({
      ids: table.idList(IDENTITY_CODE_BYTES, mayBeginIdentityCode),
      idCount: table.idCount(),
      labels: [...groups, ...table.serviceNames],
      where: { file: [...inputs, ...(options.roster === null ? [] : [options.roster])].join(', ') },
    });
  }
  return { table, files, rejections, rows, roster, attributes };
}

/**
 * The ids a report's totals row has in the id column, as Finnish, Swedish and English exports
 * write them: each word in lower case, upper case, with capitals, and with a colon or a full stop.
 */
const TOTALS_IDS = [
  ...new Set(
    ['yhteensä', 'yhteensa', 'yht', 'kaikki yhteensä', 'summa', 'summa yhteensä', 'kokonaissumma', 'total', 'totals', 'grand total', 'sum', 'totalt'].flatMap((word) =>
      [word, word.toUpperCase(), word.replace(/(^|\s)\p{L}/gu, (c) => c.toUpperCase()), word.replace(/^\p{L}/u, (c) => c.toUpperCase())].flatMap((w) => [w, `${w}:`, `${w}.`]),
    ),
  ),
];

/**
 * Stops at a totals row read as a resident: an id such as 'Yhteensä' or 'Total' whose costs are
 * (to half a per cent) those of everyone else together — or, with several such ids (subtotals and
 * a grand total, two words), theirs together. It would double the total and be the costliest
 * "resident" — a wrong number, not a bad row.
 */
function checkTotalsRow(table: PersonTable, inputs: string[]): void {
  const candidates = TOTALS_IDS.map((id) => [id, table.personIfAny(id)] as const).filter(([, person]) => person !== -1);
  if (candidates.length === 0) return;
  const totals = table.totals;
  let all = 0;
  for (let i = 0; i < table.length; i++) all += totals[i];
  // The totals rows together (several words, subtotals beside a grand total), against the rest: as
  // much (a total, or credits as a negative one), or twice as much (subtotals and their total).
  let totalled = 0;
  for (const [, person] of candidates) totalled += totals[person];
  const rest = all - totalled;
  const near = (a: number, b: number): boolean => Math.abs(a - b) <= 0.005 * b;
  if (rest > 0 && (near(Math.abs(totalled), rest) || near(totalled, 2 * rest))) {
    const ids = candidates.map(([id]) => `'${id}'`).join(' and ');
    throw new CostcurveError(
      'CC_DATA_TOTALS_ROW',
      `the ${candidates.length === 1 ? 'id' : 'ids'} ${ids} ${candidates.length === 1 ? 'has' : 'have'} the costs of all the other rows together: ${candidates.length === 1 ? 'a totals row, not a resident' : 'totals rows, not residents'} — remove ${candidates.length === 1 ? 'it' : 'them'} from the export (or use --id if the id column is another)`,
      { file: inputs.join(', ') },
    );
  }
}

/** Whether every input is a regular file (one that reads the same again). */
async function regularFiles(inputs: string[]): Promise<boolean> {
  const regular = await Promise.all(inputs.map((input) => input !== '-' && stat(input).then((s) => s.isFile(), () => false)));
  return regular.every(Boolean);
}

/** --group and --weight must name a column of the roster or of at least one cost file. */
function checkAttributeColumns(columns: ReadOptions['columns'], files: FileReport[], roster: FileReport | null, rosterPath: string | null): void {
  for (const flag of ['group', 'weight'] as const) {
    const named = columns[flag];
    if (named === undefined || roster?.columns[flag] != null || files.some((f) => f.columns[flag] !== null)) continue;
    throw usageError(
      `--${flag} ${named}: neither the roster nor any cost file has that column — check the name` +
        (roster === null ? '' : ` (the roster's header: ${roster.columns.header.join(', ')})`),
      { file: rosterPath ?? undefined },
    );
  }
}

/**
 * Adds the roster's residents (zero-cost unless they have rows) and counts the ids with costs that
 * it lacks. The roster's dialect is detected on its own: the cost files' --delimiter, --decimal
 * and --encoding describe the cost files. A roster that lacks most of the ids with costs is the
 * wrong file or the wrong id column, and would silently double the population: a data error.
 */
async function addRoster(
  table: PersonTable,
  attributes: PersonAttributes,
  path: string,
  options: CollectOptions,
  rejections: Rejections,
): Promise<NonNullable<Collected['roster']>> {
  const before = rejections.sortedCounts();
  const { delimiter, decimal, encoding, ...rest } = options.read;
  const roster = await readRoster(path, rest, (reason, where, detail) => rejections.reject(reason, where, detail));
  checkRejected(roster.report.path, roster.report.rows, roster.report.rejected, options.maxRejected, since(before, rejections.sortedCounts()), STRAY_ROWS);
  // Ids matched by their bytes, a batch at a time; an id listed again is a duplicate, the first kept.
  const persons = table.personsOfIds(roster.ids);
  let duplicates = 0;
  for (let k = 0; k < persons.length; k++) {
    const person = persons[k];
    if (table.inRoster[person] === 1) {
      duplicates++;
      continue;
    }
    table.inRoster[person] = 1;
    attributes.fromRoster(person, roster.groups?.[k] ?? null, roster.weights?.[k] ?? null);
  }
  let withRows = 0;
  let notInRoster = 0;
  for (let i = 0; i < table.length; i++) {
    if (!table.hasRows[i]) continue;
    withRows++;
    if (!table.inRoster[i]) notInRoster++;
  }
  if (notInRoster > 0 && notInRoster > MAX_NOT_IN_ROSTER * withRows) {
    throw new CostcurveError(
      'CC_DATA_ROSTER_MISMATCH',
      `${notInRoster} of the ${withRows} residents with costs are not in the roster — is its id column ` +
        `('${roster.report.columns.header[roster.report.columns.id!]}') the same pseudonym as the cost files'? ` +
        'Give the right column with --id, or check the files with costcurve inspect',
      { file: roster.report.path },
    );
  }
  return { report: roster.report, duplicates, notInRoster };
}

/** More than this share of the residents with costs missing from the roster means a wrong roster. */
const MAX_NOT_IN_ROSTER = 0.5;

/** The same file given twice (a glob and a path, a link) would be summed twice. */
async function checkDistinct(inputs: string[], roster: string | null): Promise<void> {
  const seen = new Map<string, string>();
  for (const input of roster === null ? inputs : [...inputs, roster]) {
    // The same file by any name: links followed, and a hard link by its device and inode.
    const file = input === '-' ? null : await stat(input).catch(() => null);
    const key = input === '-' ? '-' : file?.isFile() ? `${file.dev}:${file.ino}` : await realpath(input).catch(() => resolve(input));
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      const what = input === '-' ? "stdin ('-')" : `'${input}'`;
      throw usageError(`${what} is given twice${earlier !== input ? ` (also as '${earlier}')` : ''}; every file is read once`);
    }
    seen.set(key, input);
  }
}

/** Reason counts added since `before`. */
function since(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [reason, n] of Object.entries(after)) if (n > (before[reason] ?? 0)) out[reason] = n - (before[reason] ?? 0);
  return out;
}

export function sinkFor(table: PersonTable, attributes: PersonAttributes, rejections: Rejections, noId: boolean): RowSink {
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
      attributes.fromRow(person, row.group, row.weight, where);
    },
    reject(reason: RejectReason, where: Where, detail: string): void {
      rejections.reject(reason, where, detail);
    },
  };
}

/**
 * A single file may have this many bad rows beyond --max-rejected: a stray bad row in a file of 50
 * is not a wrong column or decimal guess (those reject most rows), and all rows together are held
 * to the fraction exactly. A file whose every row is bad always fails.
 */
const STRAY_ROWS = 2;

function checkRejected(what: string, rows: number, rejected: number, max: number, counts: Record<string, number>, slack: number): void {
  if (rows === 0) return;
  // As a ratio with a little room for float noise: 29 of 100 is within 0.29 (0.29 × 100 = 28.999999999999996).
  if (rejected < rows && rejected - slack <= max * rows * (1 + 1e-12)) return;
  const reasons = Object.entries(counts)
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
