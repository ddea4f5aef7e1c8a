// Reading one cost file: records to CostRows. Every record either yields its rows or is rejected
// with a reason and its line; nothing is dropped silently.

import { CostcurveError } from '../errors.js';
import { foldName, resolveColumns } from './columns.js';
import { describeCell } from './describe.js';
import { readCsvRecords } from './csvReader.js';
import { detectDecimal, guessDecimal, parseAmount, parseWeight, tellsDecimal } from './number.js';
import { displayName, openInput, serviceLabelFor } from './source.js';
import { DECIMAL_EVIDENCE_RECORDS, DECIMAL_SAMPLE_RECORDS, hasFieldCount, isEmptyRecord, openTable, peekRecords } from './table.js';
import type { Amount, ColumnMap, CostRow, DecimalMark, FileReport, RawRecord, ReadOptions, RecordReader, RowSink } from './types.js';

/**
 * Reads one cost file (a path, `-` for stdin, gzip or not) and hands every record to `sink`:
 * `sink.row` once per cost cell, or `sink.reject` once per bad record. Returns what was read.
 *
 * Per record, in this order (the first failing check is the reason):
 * - `fieldCount`: not as many fields as the header (or, without one, the first record);
 * - `missingId`: the id is empty after trimming (not with `--no-id`);
 * - `emptyCost`: the cost is empty — except in wide format (several `--cost` columns), where an
 *   empty cell is a zero and is skipped; a record whose cells are all empty yields one row of
 *   amount 0 (in the first cost column's service), so that its person counts, with a zero total;
 * - `badCost`: a cost is not an amount (see `parseAmount`) with the file's decimal mark;
 * - `badWeight`: the weight column holds something other than a non-negative number.
 *
 * A row's service is the service column's value (trimmed; when empty, the file's label), in wide
 * format the cost column's header, else the file's label (`serviceLabelFor`). Ids and groups are
 * trimmed; an empty group is null. `record` counts data records from 1 within this file, so with
 * `--no-id` a person is (file, record).
 *
 * The decimal mark is `opts.decimal`, or guessed from the first 1000 records' costs — or more,
 * up to DECIMAL_EVIDENCE_RECORDS, until one of them has a decimal mark at all (`detectDecimal`); weights get their own guess. Data errors: see `openTable`, the source and the
 * reader, and CC_DATA_NO_HEADER when the header cannot be resolved and its first line is data.
 *
 * @example
 * const report = await readCostFile('kotihoito.csv', { header: true, noId: false, columns: {} }, sink);
 * // report.rows === 1200, report.decimal === ','
 */
export async function readCostFile(input: string, opts: ReadOptions, sink: RowSink): Promise<FileReport> {
  return readCostBytes(await openInput(input, opts.onBytes), input, opts, sink);
}

/**
 * `readCostFile` on bytes already opened (`openInput`, or any stream of chunks). `input` names the
 * file in rows, messages and the service label; `reader` turns bytes into records (csv-parse, or
 * the byte-level scanner that must yield the same records).
 */
export async function readCostBytes(
  bytes: AsyncIterable<Buffer>,
  input: string,
  opts: ReadOptions,
  sink: RowSink,
  reader: RecordReader = readCsvRecords,
): Promise<FileReport> {
  const file = displayName(input);
  const table = await openTable(bytes, file, opts, reader);
  try {
    const { dialect, header, fieldCount } = table;
    const columns = resolveOrExplain(header, fieldCount, opts, file, dialect.delimiter, table.headerLine);
    // Look at the first 1000 records, and further on until some cost has a decimal mark.
    const guess = new DecimalGuess(columns, fieldCount, opts.decimal, dialect.delimiter);
    let decided = false;
    const enough = (batches: RawRecord[][]): boolean => {
      for (const record of batches[batches.length - 1] ?? []) decided ||= guess.add(record);
      return decided;
    };
    const { rest } = await peekRecords(table.batches, Infinity, enough);
    const { decimal, weightDecimal, decimalAmbiguous } = guess.decide();
    const read = recordReader(columns, fieldCount, decimal, weightDecimal, serviceLabelFor(input), file, sink);
    for await (const batch of rest) for (const record of batch) read(record);
    return { path: input, ...dialect, decimal, decimalAmbiguous, columns, ...read.counts() };
  } finally {
    await table.close();
  }
}

/**
 * The file's columns from its header (or, without one, its first record's field count), and
 * CC_DATA_NO_HEADER when they cannot be resolved because the header is a data row.
 */
export function resolveOrExplain(
  header: string[] | null,
  fieldCount: number,
  opts: ReadOptions,
  file: string,
  delimiter: string,
  line: number,
): ColumnMap {
  try {
    return resolveColumns(header, fieldCount, opts.columns, opts.noId, file, { delimiter, line, roster: opts.roster });
  } catch (error) {
    // A header that names no known column and holds a number is the first data row.
    const number = header?.find((name) => parseAmount(name, ',') !== null || parseAmount(name, '.') !== null);
    if (!(error instanceof CostcurveError) || number === undefined) throw error;
    throw new CostcurveError(
      'CC_DATA_NO_HEADER',
      `the first line looks like data, not a header (column ${header!.indexOf(number) + 1} of ${header!.length} holds a number) — if the file has no header, use --no-header with --id N and --cost N (column numbers)`,
      { file, line },
    );
  }
}

/**
 * The decimal-mark guess, fed records in file order: the costs of the first 1000 records, and of
 * further records up to the first cost that tells the mark (`tellsDecimal`; at most
 * DECIMAL_EVIDENCE_RECORDS records), decide (`detectDecimal`); weights get their own guess from
 * the same records. Counted per record, so the guess never depends on how records were batched.
 */
export class DecimalGuess {
  private readonly costs: string[] = [];
  private readonly weights: string[] = [];
  private records = 0;
  private marked = false;

  constructor(
    private readonly columns: ColumnMap,
    private readonly fieldCount: number,
    private readonly forced: DecimalMark | undefined,
    private readonly delimiter: string,
  ) {}

  /** Adds the next record; true once the records added are enough to decide. */
  add(record: RawRecord): boolean {
    const f = record.fields;
    if (hasFieldCount(f, this.fieldCount)) {
      const costs = this.columns.cost.map((index) => f[index]);
      this.costs.push(...costs);
      if (this.columns.weight !== null) this.weights.push(f[this.columns.weight]);
      // Until an amount tells the mark: `1.000` (a decimal or a thousands group) does not.
      this.marked ||= tellsDecimal(costs);
    }
    this.records++;
    return (this.records >= DECIMAL_SAMPLE_RECORDS && (this.marked || this.forced !== undefined)) || this.records >= DECIMAL_EVIDENCE_RECORDS;
  }

  /** The marks, and whether the costs' was chosen from values that cannot tell (`decimalAmbiguous`). */
  decide(): { decimal: DecimalMark; weightDecimal: DecimalMark; decimalAmbiguous: boolean } {
    const costs = this.forced === undefined ? guessDecimal(this.costs, this.delimiter) : null;
    return {
      decimal: this.forced ?? costs!.mark,
      weightDecimal: this.forced ?? detectDecimal(this.weights, this.delimiter),
      decimalAmbiguous: costs?.ambiguous ?? false,
    };
  }
}

/** Column names folded (foldName), in their order and sorted: a header however it is spelled, and whatever its order. */
function folded(names: string[]): { inOrder: string; sorted: string } {
  const keys = names.map(foldName);
  return { inOrder: keys.join('\u0000'), sorted: [...keys].sort().join('\u0000') };
}

export interface RecordRead {
  (record: RawRecord): void;
  counts(): { rows: number; rejected: number };
}

/**
 * The per-record checks and the rows, for one file's column map and decimal marks: a record's
 * rows go to `sink.row`, a bad record to `sink.reject` (see readCostFile for the checks). The
 * byte-level path (aggregate/costRows.ts) hands every record it does not read itself to this.
 */
export function recordReader(
  columns: ColumnMap,
  fieldCount: number,
  decimal: DecimalMark,
  weightDecimal: DecimalMark,
  label: string,
  file: string,
  sink: RowSink,
): RecordRead {
  const wide = columns.cost.length > 1;
  const services = columns.cost.map((i) => columns.header[i].trim() || label);
  const headerKey = columns.header.join('\u0000');
  const headerNames = folded(columns.header);
  let records = 0;
  let rejected = 0;
  const amounts: (Amount | null)[] = columns.cost.map(() => null);

  const read = (record: RawRecord): void => {
    const f = record.fields;
    if (isEmptyRecord(f)) return;
    records++;
    const where = { file, line: record.line };
    const reject = (reason: Parameters<RowSink['reject']>[0], detail: string): void => {
      rejected++;
      sink.reject(reason, where, detail);
    };
    if (!hasFieldCount(f, fieldCount)) {
      return reject('fieldCount', `expected ${fieldCount} fields, found ${f.length}`);
    }
    const id = columns.id === null ? null : f[columns.id].trim();
    if (id === '') return reject('missingId', `the id (column '${columns.header[columns.id!]}') is empty`);
    for (const [k, index] of columns.cost.entries()) {
      const text = f[index];
      if (text.trim() === '') {
        if (!wide) return reject('emptyCost', `the cost (column '${columns.header[index]}') is empty`);
        amounts[k] = null;
        continue;
      }
      const amount = parseAmount(text, decimal);
      if (amount === null) {
        // A trailing empty field (a spreadsheet's leftover delimiter) is no column.
        const cells = f.length === columns.header.length + 1 && f[f.length - 1].trim() === '' ? f.slice(0, -1) : f;
        const names = cells.length === columns.header.length ? folded(cells) : null;
        // The header again (however spelled: case, spaces, a BOM of joined files): a bad row.
        const repeated = cells.join('\u0000') === headerKey || names?.inOrder === headerNames.inOrder ? ' (a repeated header line)' : '';
        // The header's names in another order: exports joined whose columns differ, and every row
        // after it would be read in the wrong columns.
        if (repeated === '' && names !== null && names.sorted === headerNames.sorted) {
          throw new CostcurveError(
            'CC_DATA_HEADER_AGAIN',
            `this line repeats the header with its columns in another order (${cells.join(', ')}): the rows after it are laid out differently — split the file here, and give the parts as separate files`,
            where,
          );
        }
        return reject('badCost', `${describeCell(text)} in column '${columns.header[index]}' is not an amount with decimal mark '${decimal}'${repeated}`);
      }
      amounts[k] = amount;
    }
    let weight: number | null = null;
    if (columns.weight !== null) {
      weight = parseWeight(f[columns.weight], weightDecimal);
      if (weight === null) {
        return reject('badWeight', `the weight ${describeCell(f[columns.weight])} is not a non-negative number (decimal mark '${weightDecimal}')`);
      }
    }
    const group = columns.group === null ? null : f[columns.group].trim() || null;
    const service = columns.service === null ? null : f[columns.service].trim() || label;
    let rows = 0;
    for (const [k, amount] of amounts.entries()) {
      if (amount === null) continue;
      const row: CostRow = { id, amount, service: wide ? services[k] : (service ?? label), group, weight, record: records };
      sink.row(row, where);
      rows++;
    }
    if (rows === 0) sink.row({ id, amount: { units: 0, scale: 0 }, service: services[0], group, weight, record: records }, where);
  };
  read.counts = () => ({ rows: records, rejected });
  return read;
}
