// Reading a roster: the list of every resident, so that residents without cost rows count as
// zero-cost persons. It may carry each resident's group and survey weight.

import { usageError } from '../errors.js';
import { resolveRosterColumns } from './columns.js';
import { describeCell } from './describe.js';
import { readCsvRecords } from './csvReader.js';
import { readScannedRecords } from './scannedRecords.js';
import { detectDecimal, parseWeight } from './number.js';
import { displayName, openInput } from './source.js';
import { DECIMAL_SAMPLE_RECORDS, hasFieldCount, isEmptyRecord, openTable, peekRecords } from './table.js';
import type { FileReport, RawRecord, ReadOptions, RecordReader, RowSink } from './types.js';

export interface Roster {
  /** What was read; `decimal` is the weights' mark. */
  report: FileReport;
  /**
   * Every good record's id, in the roster's order, an id listed twice twice: the persons' table
   * tells them apart by their bytes (a set of millions of strings took seconds), and keeps the
   * first (`collect`'s `addRoster`).
   */
  ids: string[];
  /** Per record of `ids`, its group (null when empty), or null when the roster has no `--group` column. */
  groups: (string | null)[] | null;
  /** Per record of `ids`, its weight, or null when the roster has no `--weight` column. */
  weights: number[] | null;
}

/**
 * Reads a roster (`--roster FILE`). The id column is `--id` or found by the id aliases; `--group`
 * and `--weight` are read when the roster has a column of that name (else they are expected in
 * the cost files). Without a header (`--no-header`) the id is `--id N` or the only column, and no
 * group or weight is read.
 *
 * Bad records (wrong field count, empty id, bad weight) are counted and handed to `reject` (which
 * may throw, for `--strict`). An id listed twice is in `ids` twice (see `Roster.ids`).
 *
 * @example
 * const roster = await readRoster('asukkaat.csv', opts);
 * // roster.ids.length === 20000: its good records
 */
export async function readRoster(
  input: string,
  opts: ReadOptions,
  reject?: RowSink['reject'],
): Promise<Roster> {
  // The byte scanner's records are csv-parse's (tested so), read faster: a national roster is millions of lines.
  const reader = opts.reader === 'csv-parse' ? readCsvRecords : readScannedRecords;
  return readRosterBytes(await openInput(input, opts.onBytes), input, opts, reject, reader);
}

/** `readRoster` on bytes already opened. */
export async function readRosterBytes(
  bytes: AsyncIterable<Buffer>,
  input: string,
  opts: ReadOptions,
  reject?: RowSink['reject'],
  reader: RecordReader = readCsvRecords,
): Promise<Roster> {
  const file = displayName(input);
  if (opts.noId) {
    throw usageError('--roster lists residents by id, so it cannot be combined with --no-id', { file });
  }
  const table = await openTable(bytes, file, opts, reader);
  try {
    const { dialect, header, fieldCount } = table;
    const columns = resolveRosterColumns(header, fieldCount, opts.columns, file, {
      delimiter: dialect.delimiter,
      line: table.headerLine,
    });
    const { head, rest } = await peekRecords(table.batches, DECIMAL_SAMPLE_RECORDS);
    const weightColumn = columns.weight;
    const decimal =
      opts.decimal ??
      detectDecimal(
        weightColumn === null ? [] : head.filter((r) => r.fields.length === fieldCount).map((r) => r.fields[weightColumn]),
        dialect.delimiter,
      );
    const ids: string[] = [];
    const groups: (string | null)[] | null = columns.group === null ? null : [];
    const weights: number[] | null = weightColumn === null ? null : [];
    let rows = 0;
    let rejected = 0;
    const add = (record: RawRecord): void => {
      const f = record.fields;
      if (isEmptyRecord(f)) return;
      rows++;
      const where = { file, line: record.line };
      const bad = (reason: Parameters<RowSink['reject']>[0], detail: string): void => {
        rejected++;
        reject?.(reason, where, detail);
      };
      if (!hasFieldCount(f, fieldCount)) {
        bad('fieldCount', `expected ${fieldCount} fields, found ${f.length}`);
        return;
      }
      const id = f[columns.id!].trim();
      if (id === '') {
        bad('missingId', `the id (column '${columns.header[columns.id!]}') is empty`);
        return;
      }
      const weight = weightColumn === null ? null : parseWeight(f[weightColumn], decimal);
      if (weightColumn !== null && weight === null) {
        bad('badWeight', `the weight ${describeCell(f[weightColumn])} is not a non-negative number (decimal mark '${decimal}')`);
        return;
      }
      ids.push(id);
      groups?.push(f[columns.group!].trim() || null);
      weights?.push(weight!);
    };
    for await (const batch of rest) for (const record of batch) add(record);
    return {
      // The roster's weights decide no costs: no note on its decimal mark.
      report: { path: input, ...dialect, decimal, decimalAmbiguous: false, columns, rows, rejected },
      ids,
      groups,
      weights,
    };
  } finally {
    await table.close();
  }
}
